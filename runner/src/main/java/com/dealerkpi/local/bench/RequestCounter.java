package com.dealerkpi.local.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/** Counts DynamoDB requests by operation, and records them on demand. */
final class RequestCounter implements ExecutionInterceptor {
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private volatile List<SdkRequest> recording;

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        List<SdkRequest> into = recording;
        if (into != null) {
            into.add(context.request());
        }
        calls.computeIfAbsent(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), k -> new AtomicInteger())
                .incrementAndGet();
    }

    int total() {
        return calls.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    int of(String operation) {
        AtomicInteger count = calls.get(operation);
        return count == null ? 0 : count.get();
    }

    void reset() {
        calls.clear();
    }

    /** The DynamoDB requests one call makes, as the SDK saw them. */
    List<SdkRequest> capture(Runnable call) {
        List<SdkRequest> requests = Collections.synchronizedList(new ArrayList<>());
        recording = requests;
        try {
            call.run();
        } finally {
            recording = null;
        }
        return requests;
    }
}
