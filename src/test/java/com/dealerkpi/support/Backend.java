package com.dealerkpi.support;

import com.dealerkpi.local.Dynalite;
import com.dealerkpi.store.DynamoClients;
import com.dealerkpi.store.TableSetup;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The DynamoDB implementation the integration suites run on, chosen by {@code -Ddynamodb.backend}:
 * {@code dynalite} (default, started here), {@code endpoint:URL}. One per test JVM; every test class
 * gets its own fresh table. A backend that cannot start fails the suite: it is never skipped.
 */
public final class Backend {
    private static Backend instance;
    private static final AtomicInteger TABLES = new AtomicInteger();

    private final String name;
    private final URI endpoint;

    private Backend(String name, URI endpoint) {
        this.name = name;
        this.endpoint = endpoint;
    }

    public static synchronized Backend get() {
        if (instance == null) {
            instance = start(System.getProperty("dynamodb.backend", "dynalite"));
        }
        return instance;
    }

    private static Backend start(String spec) {
        try {
            if (spec.startsWith("endpoint:")) {
                return new Backend(spec, URI.create(spec.substring("endpoint:".length())));
            }
            if (spec.equals("dynalite")) {
                Dynalite dynalite = Dynalite.start(Optional.empty());
                return new Backend(spec, dynalite.endpoint());
            }
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB backend '" + spec + "' could not start: " + e.getMessage(), e);
        }
        throw new IllegalStateException("unknown -Ddynamodb.backend=" + spec + " (dynalite, endpoint:URL)");
    }

    public String name() {
        return name;
    }

    public URI endpoint() {
        return endpoint;
    }

    public DynamoDbClient client(ExecutionInterceptor... interceptors) {
        return client(4, Duration.ofSeconds(10), interceptors);
    }

    public DynamoDbClient client(int maxAttempts, Duration attemptTimeout, ExecutionInterceptor... interceptors) {
        return DynamoClients.create("us-east-1", Optional.of(endpoint), maxAttempts, attemptTimeout, interceptors);
    }

    /** A new, empty table with the production layout. */
    public String freshTable(DynamoDbClient db) {
        String table = "kpi-test-" + ProcessHandle.current().pid() + "-" + TABLES.incrementAndGet();
        TableSetup.ensureTable(db, table);
        return table;
    }
}
