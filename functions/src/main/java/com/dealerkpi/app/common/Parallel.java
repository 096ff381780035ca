package com.dealerkpi.app.common;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Runs independent store calls at once so their round trips overlap. The last call runs on the caller's
 * thread (one hand-off fewer); every call is waited for before any failure is rethrown, so nothing is
 * left writing in the background after a request has answered.
 */
public final class Parallel {
    private final Executor executor;

    public Parallel(Executor executor) {
        this.executor = executor;
    }

    public <T> List<T> all(List<Supplier<T>> calls) {
        if (calls.isEmpty()) {
            return List.of();
        }
        if (calls.size() == 1) {
            return java.util.Collections.singletonList(calls.get(0).get());
        }
        List<CompletableFuture<T>> futures = new ArrayList<>(calls.size());
        for (int i = 0; i < calls.size() - 1; i++) {
            futures.add(CompletableFuture.supplyAsync(calls.get(i), executor));
        }
        RuntimeException inlineFailure = null;
        T last = null;
        try {
            last = calls.get(calls.size() - 1).get();
        } catch (RuntimeException e) {
            inlineFailure = e;
        }
        List<T> results = new ArrayList<>(calls.size());
        RuntimeException failure = null;
        for (CompletableFuture<T> future : futures) {
            try {
                results.add(future.get());
            } catch (ExecutionException e) {
                failure = failure != null ? failure : unwrap(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = failure != null ? failure : new IllegalStateException("interrupted", e);
            }
        }
        failure = failure != null ? failure : inlineFailure;
        if (failure != null) {
            throw failure;
        }
        results.add(last);
        return results;
    }

    /** Calls of different result types, issued at once by {@link Batch#run()}. */
    public Batch batch() {
        return new Batch();
    }

    /**
     * Independent calls whose results differ in type: each {@link #add} gives a typed handle to its call's result,
     * which answers once {@link #run()} has run every call at once.
     */
    public final class Batch {
        private final List<Supplier<Object>> calls = new ArrayList<>();
        private List<Object> results;

        private Batch() {
        }

        @SuppressWarnings("unchecked")
        public <T> Supplier<T> add(Supplier<T> call) {
            int index = calls.size();
            calls.add(call::get);
            return () -> {
                if (results == null) {
                    throw new IllegalStateException("the batch has not run");
                }
                return (T) results.get(index);
            };
        }

        public void run() {
            results = all(calls);
        }
    }

    private static RuntimeException unwrap(Throwable cause) {
        if (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new IllegalStateException(cause);
    }
}
