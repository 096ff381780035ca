package com.dealerkpi.api;

import com.dealerkpi.app.KpiReports;
import com.dealerkpi.app.Parallel;
import com.dealerkpi.app.RollUps;
import com.dealerkpi.app.Settings;
import com.dealerkpi.app.StatusRecorder;
import com.dealerkpi.store.DynamoClients;
import com.dealerkpi.store.DynamoReportStore;
import com.dealerkpi.store.DynamoSettingsStore;
import com.dealerkpi.store.DynamoStatusStore;
import com.dealerkpi.store.SettingsStore;
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
    private final SettingsStore settingsStore;
    private final KpiReports kpiReports;
    private final RollUps rollUps;
    private final Settings settings;
    private final Cursors cursors;

    /** Dealerships a roll-up reports on at once (each runs its four stage queries in parallel). */
    static final int ROLL_UP_PARALLELISM = 8;

    public Composition(Config config, DynamoDbClient dynamo, Clock clock) {
        this.config = config;
        this.dynamo = dynamo;
        this.clock = clock;
        this.io = Executors.newFixedThreadPool(16, daemonThreads());
        this.statusStore = new DynamoStatusStore(dynamo, config.tableName(), clock);
        this.statusRecorder = new StatusRecorder(statusStore, new Parallel(io), clock);
        this.authorizer = new Authorizer(config);
        this.settingsStore = new DynamoSettingsStore(dynamo, config.tableName());
        Parallel parallel = new Parallel(io);
        this.kpiReports = new KpiReports(settingsStore, new DynamoReportStore(dynamo, config.tableName()), parallel, clock);
        this.rollUps = new RollUps(settingsStore, kpiReports,
                Executors.newFixedThreadPool(ROLL_UP_PARALLELISM, daemonThreads()), ROLL_UP_PARALLELISM);
        this.settings = new Settings(settingsStore, clock);
        this.cursors = new Cursors(config.cursorSecret());
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

    public SettingsStore settingsStore() {
        return settingsStore;
    }

    public KpiReports kpiReports() {
        return kpiReports;
    }

    public RollUps rollUps() {
        return rollUps;
    }

    public Settings settings() {
        return settings;
    }

    public Cursors cursors() {
        return cursors;
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "dealer-kpi-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
