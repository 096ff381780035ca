package com.dealerkpi.api;

import com.dealerkpi.app.Parallel;
import com.dealerkpi.app.StatusRecorder;
import com.dealerkpi.store.DynamoClients;
import com.dealerkpi.store.DynamoStatusStore;
import com.dealerkpi.store.StatusStore;

import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The composition root: builds each object once and hands it over by constructor. Lambda handlers use
 * {@link #fromEnvironment()}; the local runner and the tests build one with their own client and clock.
 */
public final class Composition {
    private static Composition environmentDefault;

    private final Config config;
    private final DynamoDbClient dynamo;
    private final Clock clock;
    private final ExecutorService io;
    private final StatusStore statusStore;
    private final StatusRecorder statusRecorder;
    private final Authorizer authorizer;

    public Composition(Config config, DynamoDbClient dynamo, Clock clock) {
        this.config = config;
        this.dynamo = dynamo;
        this.clock = clock;
        this.io = Executors.newFixedThreadPool(16, daemonThreads());
        this.statusStore = new DynamoStatusStore(dynamo, config.tableName(), clock);
        this.statusRecorder = new StatusRecorder(statusStore, new Parallel(io), clock);
        this.authorizer = new Authorizer(config);
    }

    /** The one instance a Lambda container uses, built from its environment variables. */
    public static synchronized Composition fromEnvironment() {
        if (environmentDefault == null) {
            Config config = Config.from(System.getenv());
            environmentDefault = new Composition(config, DynamoClients.create(config.region(),
                    config.dynamodbEndpoint(), config.maxAttempts(), config.attemptTimeout()), Clock.systemUTC());
        }
        return environmentDefault;
    }

    public Config config() {
        return config;
    }

    public DynamoDbClient dynamo() {
        return dynamo;
    }

    public Clock clock() {
        return clock;
    }

    public StatusStore statusStore() {
        return statusStore;
    }

    public StatusRecorder statusRecorder() {
        return statusRecorder;
    }

    public Authorizer authorizer() {
        return authorizer;
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "dealer-kpi-io-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
