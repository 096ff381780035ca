package com.dealerkpi.support;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/**
 * Injects DynamoDB failures through the SDK itself (an {@link ExecutionInterceptor}), so retries, timeouts and
 * error mapping run exactly as in production. Each request attempt, read or write, is numbered; a plan decides what
 * happens to attempt n: nothing, a failure before the request is sent (not applied: reset, throttling, 500) or after
 * it was applied (the response lost or timed out).
 */
public final class FaultInjector implements ExecutionInterceptor {
    public enum Fault { NONE, RESET_BEFORE_SEND, THROTTLED, SERVER_ERROR, APPLIED_RESPONSE_LOST, APPLIED_TIMED_OUT }

    public static final List<Fault> ALL = List.of(Fault.RESET_BEFORE_SEND, Fault.THROTTLED, Fault.SERVER_ERROR,
            Fault.APPLIED_RESPONSE_LOST, Fault.APPLIED_TIMED_OUT);
    /**
     * The kinds each request of a planned matrix is failed with: all of them unless {@code -Dfaults.kinds} names
     * some (CI's moto run takes one of each side, not applied and applied, on its one-request-at-a-time server).
     */
    public static List<Fault> kinds() {
        String named = System.getProperty("faults.kinds", "");
        return named.isBlank() ? ALL : Arrays.stream(named.split(",")).map(String::trim).map(Fault::valueOf).toList();
    }

    private static final ExecutionAttribute<Fault> PLANNED = new ExecutionAttribute<>("dealer-kpi-fault");

    private final AtomicInteger attempts = new AtomicInteger();
    private volatile IntFunction<Fault> plan = n -> Fault.NONE;
    private volatile boolean everything;

    /** Decides the fault of request attempt n (1-based, counted from the last call to this method). */
    public void plan(IntFunction<Fault> plan) {
        attempts.set(0);
        this.plan = plan;
        this.everything = false;
    }

    /** The store is down: every call, read or write, fails before it is sent. */
    public void down() {
        this.everything = true;
    }

    public void heal() {
        plan(n -> Fault.NONE);
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        if (everything) {
            throw reset("the store is down (injected)");
        }
        Fault fault = plan.apply(attempts.incrementAndGet());
        attributes.putAttribute(PLANNED, fault);
        switch (fault) {
            case RESET_BEFORE_SEND -> throw reset("connection reset (injected)");
            case THROTTLED -> throw serviceError(400, "ThrottlingException", "Rate of requests exceeds the allowed throughput (injected)");
            case SERVER_ERROR -> throw serviceError(500, "InternalServerError", "Internal server error (injected)");
            default -> {
            }
        }
    }

    @Override
    public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
        Fault fault = attributes.getAttribute(PLANNED);
        if (fault == Fault.APPLIED_RESPONSE_LOST) {
            throw reset("connection reset after the write was applied (injected)");
        }
        if (fault == Fault.APPLIED_TIMED_OUT) {
            throw SdkClientException.builder().message("read timed out (injected)")
                    .cause(new SocketTimeoutException("read timed out (injected)")).build();
        }
    }

    private static SdkClientException reset(String message) {
        return SdkClientException.builder().message(message).cause(new IOException(message)).build();
    }

    private static DynamoDbException serviceError(int status, String code, String message) {
        return (DynamoDbException) DynamoDbException.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).serviceName("DynamoDb").build())
                .message(message).build();
    }
}
