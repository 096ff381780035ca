package com.dealerkpi.store;

import com.dealerkpi.app.common.StoreUnavailableException;

import java.util.function.Supplier;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The boundary where SDK failures become domain failures. What the SDK gave up retrying (throttling, 5xx,
 * timeouts, broken connections) is "unavailable" (503, retry later); a request DynamoDB refused as invalid
 * is a defect or a misconfiguration (500), never something a caller should retry.
 */
final class DynamoErrors {
    private DynamoErrors() {
    }

    static <T> T call(String what, Supplier<T> operation) {
        try {
            return operation.get();
        } catch (AwsServiceException e) {
            if (e.statusCode() >= 500 || e.isThrottlingException()) {
                throw new StoreUnavailableException("DynamoDB did not complete '" + what + "': " + e.getMessage(), e);
            }
            throw new IllegalStateException("DynamoDB refused '" + what + "': " + e.getMessage(), e);
        } catch (SdkException e) {
            throw new StoreUnavailableException("DynamoDB did not complete '" + what + "': " + e.getMessage(), e);
        }
    }
}
