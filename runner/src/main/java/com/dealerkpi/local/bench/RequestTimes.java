package com.dealerkpi.local.bench;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Where a report's or a status update's time goes ({@code bench --request-times true}): each DynamoDB request's time
 * from its sending to its answer, summed by operation and the shape of its key (event ids as {@code {id}}, digits as
 * 9; an update's also by the values it returns). Requests sent together each count their whole wait, so the lines of
 * one call can add up to more than its time. Beside them, the CPU time the store's
 * process and this JVM spent: dynalite is one node process that serves one request at a time, where DynamoDB serves
 * a report's requests in parallel on many machines, so its share is the emulator's more than the report's.
 */
final class RequestTimes implements ExecutionInterceptor {
    private static final ExecutionAttribute<Long> SENT = new ExecutionAttribute<>("benchRequestSent");
    private static final int RUNS = 10;
    private static final Pattern EVENT_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern DIGIT = Pattern.compile("[0-9]");

    private final Map<String, LongAdder> nanos = new ConcurrentSkipListMap<>();
    private volatile ProcessHandle store;

    void show(ProcessHandle store) {
        this.store = store;
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        attributes.putAttribute(SENT, System.nanoTime());
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        long answered = System.nanoTime();
        Long sent = attributes.getAttribute(SENT);
        if (sent != null) {
            nanos.computeIfAbsent(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME) + " " + keyShape(context.request()),
                    k -> new LongAdder()).add(answered - sent);
        }
    }

    /** If shown: {@code call} run ten times, its mean time, the CPU time of the store and of this JVM, and each kind of request's. */
    void print(Report out, String name, Runnable call) {
        if (store == null) {
            return;
        }
        nanos.clear();
        long storeCpu = cpuNanos(store);
        long ownCpu = cpuNanos(ProcessHandle.current());
        long started = System.nanoTime();
        for (int i = 0; i < RUNS; i++) {
            call.run();
        }
        out.printf("  request times, %s: %.1f ms each; CPU each: the store's process %.1f ms, this JVM %.1f ms%n",
                name, (System.nanoTime() - started) / 1e6 / RUNS, (cpuNanos(store) - storeCpu) / 1e6 / RUNS,
                (cpuNanos(ProcessHandle.current()) - ownCpu) / 1e6 / RUNS);
        nanos.forEach((kind, total) -> out.printf("    %s: %.1f ms%n", kind, total.sum() / 1e6 / RUNS));
    }

    /** A process's CPU time so far (user and system, in the operating system's ticks: 10 ms on Linux). */
    private static long cpuNanos(ProcessHandle process) {
        return process.info().totalCpuDuration().map(java.time.Duration::toNanos)
                .orElseThrow(() -> new IllegalStateException("no CPU time for process " + process.pid()));
    }

    private static String keyShape(SdkRequest request) {
        AttributeValue key = null;
        if (request instanceof GetItemRequest get) {
            key = get.key().get("pk");
        } else if (request instanceof BatchGetItemRequest batch) {
            key = batch.requestItems().values().iterator().next().keys().get(0).get("pk");
        } else if (request instanceof UpdateItemRequest update) {
            return shape(update.key().get("pk")) + " " + shape(update.key().get("sk")) + " "
                    + Objects.toString(update.returnValuesAsString(), "NONE");
        } else if (request instanceof PutItemRequest put) {
            return shape(put.item().get("pk")) + " " + shape(put.item().get("sk"));
        } else if (request instanceof QueryRequest query) {
            key = query.expressionAttributeValues().values().stream().filter(value -> value.s() != null).findFirst().orElse(null);
            if (query.indexName() != null) {
                return query.indexName() + " " + shape(key);
            }
        }
        return shape(key);
    }

    /** A key with its event ids as {@code {id}} and its digits as 9: one line per kind of item, not per item. */
    private static String shape(AttributeValue key) {
        return key == null || key.s() == null ? "" : DIGIT.matcher(EVENT_ID.matcher(key.s()).replaceAll("{id}")).replaceAll("9");
    }
}
