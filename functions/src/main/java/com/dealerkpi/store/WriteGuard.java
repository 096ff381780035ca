package com.dealerkpi.store;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * A switch on the DynamoDB client that lets no write reach the table: while it is on, every PutItem, UpdateItem and
 * DeleteItem is sent with a condition that no item can meet ({@code attribute_exists(pk) AND
 * attribute_not_exists(pk)}, added to its own), so DynamoDB refuses it as a failed condition and the code takes its
 * real "condition failed" path; reads pass as they are; any other request (a batch write, a transaction) fails
 * before it is sent. SnapStart priming runs the real write paths behind it.
 */
public final class WriteGuard implements ExecutionInterceptor {
    private static final String NEVER = "attribute_exists(#writeGuard) AND attribute_not_exists(#writeGuard)";
    private static final Set<Class<?>> READS = Set.of(GetItemRequest.class, BatchGetItemRequest.class, QueryRequest.class);

    private volatile boolean on;

    /** Runs {@code work} with no write let through (one caller at a time: SnapStart priming runs before any request). */
    public synchronized void during(Runnable work) {
        on = true;
        try {
            work.run();
        } finally {
            on = false;
        }
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        SdkRequest request = context.request();
        if (!on || READS.contains(request.getClass())) {
            return request;
        }
        if (request instanceof PutItemRequest put) {
            return put.toBuilder().conditionExpression(never(put.conditionExpression()))
                    .expressionAttributeNames(withGuardName(put.expressionAttributeNames())).build();
        }
        if (request instanceof UpdateItemRequest update) {
            return update.toBuilder().conditionExpression(never(update.conditionExpression()))
                    .expressionAttributeNames(withGuardName(update.expressionAttributeNames())).build();
        }
        if (request instanceof DeleteItemRequest delete) {
            return delete.toBuilder().conditionExpression(never(delete.conditionExpression()))
                    .expressionAttributeNames(withGuardName(delete.expressionAttributeNames())).build();
        }
        throw new IllegalStateException("writes are refused here: " + request.getClass().getSimpleName() + " was not sent");
    }

    private static String never(String condition) {
        return condition == null || condition.isBlank() ? NEVER : "(" + condition + ") AND " + NEVER;
    }

    private static Map<String, String> withGuardName(Map<String, String> names) {
        Map<String, String> all = new HashMap<>(names);
        all.put("#writeGuard", TableLayout.PK);
        return all;
    }
}
