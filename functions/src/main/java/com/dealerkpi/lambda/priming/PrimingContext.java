package com.dealerkpi.lambda.priming;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;

/**
 * The invocation context priming hands its requests, shaped like the runtime's (a request id, a trace id), so the
 * handlers take the branches a real invocation takes. Nothing in it names a real invocation.
 */
final class PrimingContext implements Context {
    static final String REQUEST_ID = "snapstart-priming";
    /** Not sampled: DynamoDB receives it on priming's requests, and X-Ray records nothing for it. */
    static final String TRACE_ID = "Root=1-00000000-000000000000000000000000;Parent=0000000000000000;Sampled=0";

    private static final LambdaLogger DISCARD = new LambdaLogger() {
        @Override
        public void log(String message) {
            // priming leaves no lines in the function's log
        }

        @Override
        public void log(byte[] message) {
            // priming leaves no lines in the function's log
        }
    };

    @Override
    public String getAwsRequestId() {
        return REQUEST_ID;
    }

    @Override
    public String getXrayTraceId() {
        return TRACE_ID;
    }

    @Override
    public String getLogGroupName() {
        return System.getenv("AWS_LAMBDA_LOG_GROUP_NAME");
    }

    @Override
    public String getLogStreamName() {
        return System.getenv("AWS_LAMBDA_LOG_STREAM_NAME");
    }

    @Override
    public String getFunctionName() {
        return System.getenv("AWS_LAMBDA_FUNCTION_NAME");
    }

    @Override
    public String getFunctionVersion() {
        return System.getenv("AWS_LAMBDA_FUNCTION_VERSION");
    }

    @Override
    public String getInvokedFunctionArn() {
        return null;
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
        return Integer.MAX_VALUE;
    }

    @Override
    public int getMemoryLimitInMB() {
        return Integer.parseInt(System.getenv().getOrDefault("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "0"));
    }

    @Override
    public LambdaLogger getLogger() {
        return DISCARD;
    }
}
