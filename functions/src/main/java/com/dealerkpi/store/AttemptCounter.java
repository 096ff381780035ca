package com.dealerkpi.store;

import java.util.concurrent.atomic.AtomicLong;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/** Counts the store client's retried attempts (every attempt after a call's first): a metric of store trouble. */
public final class AttemptCounter implements ExecutionInterceptor {
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong attempts = new AtomicLong();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        calls.incrementAndGet();
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        attempts.incrementAndGet();
    }

    /** Attempts beyond the first of each call, so far (calls under way may count one attempt ahead). */
    public long retries() {
        return Math.max(0, attempts.get() - calls.get());
    }
}
