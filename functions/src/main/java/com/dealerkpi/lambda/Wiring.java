package com.dealerkpi.lambda;

import com.dealerkpi.api.AdminHandler;
import com.dealerkpi.api.ReportHandler;
import com.dealerkpi.api.StatusHandler;
import com.dealerkpi.api.auth.Authorizer;
import com.dealerkpi.api.http.Cursors;
import com.dealerkpi.api.http.Route;
import com.dealerkpi.app.Stores;
import com.dealerkpi.app.common.DaemonThreads;
import com.dealerkpi.app.common.Parallel;
import com.dealerkpi.app.counts.Aggregates;
import com.dealerkpi.app.counts.Sweep;
import com.dealerkpi.app.counts.Verification;
import com.dealerkpi.app.report.KpiReports;
import com.dealerkpi.app.report.RollUps;
import com.dealerkpi.app.settings.Settings;
import com.dealerkpi.app.settings.SettingsStore;
import com.dealerkpi.app.status.Agreements;
import com.dealerkpi.app.status.StatusRecorder;
import com.dealerkpi.domain.counts.Bucketing;
import com.dealerkpi.domain.settings.Profile;
import com.dealerkpi.lambda.priming.Priming;
import com.dealerkpi.store.AttemptCounter;
import com.dealerkpi.store.DynamoClients;
import com.dealerkpi.store.DynamoStores;
import com.dealerkpi.store.WriteGuard;
import com.dealerkpi.telemetry.Telemetry;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The composition root: the one place that builds objects and hands them over by constructor. A Lambda
 * execution environment builds one from its environment ({@link #environment()}); the local runner and the
 * tests build one over the stores they choose.
 */
public final class Wiring implements Priming.Hooks {
    private static Wiring environment;

    private final Config config;
    private final Stores stores;
    private final Clock clock;
    private final Supplier<List<byte[]>> cursorSecrets;
    private final ExecutorService io = Executors.newFixedThreadPool(16, DaemonThreads.named("dealer-kpi-io"));
    private final ExecutorService fanOut;
    private final Parallel parallel = new Parallel(io);
    private final Authorizer authorizer;
    private final Settings settings;
    private final KpiReports kpiReports;
    private final Agreements agreements;
    private final Aggregates aggregates;

    private final LambdaCredentials credentials;
    private final WriteGuard writeGuard;
    private final LongSupplier storeRetries;
    private final Reuse reuse;
    private Cursors cursors;

    /**
     * What a function reads once and uses again for a while: a dealership's aggregate config (the status function:
     * {@link StatusRecorder}; only where a new generation waits longer than that to be built) and the network's
     * listings (the roll-ups: {@link Aggregates#network}).
     */
    public record Reuse(Duration configs, Duration listings) {
        /** Everything read every time: the local runner and the tests, whose builds do not wait. */
        public static final Reuse NONE = new Reuse(Duration.ZERO, Duration.ZERO);
        /** A deployed stack's. */
        public static final Reuse DEPLOYED = new Reuse(AggregatesFunction.CONFIG_REUSE, Duration.ofMinutes(1));
    }

    public Wiring(Config config, Stores stores, Clock clock, Supplier<List<byte[]>> cursorSecrets, LongSupplier storeRetries) {
        this(config, stores, clock, cursorSecrets, null, null, storeRetries, Reuse.NONE);
    }

    private Wiring(Config config, Stores stores, Clock clock, Supplier<List<byte[]>> cursorSecrets,
                   LambdaCredentials credentials, WriteGuard writeGuard, LongSupplier storeRetries, Reuse reuse) {
        this.reuse = reuse;
        this.credentials = credentials;
        this.writeGuard = writeGuard;
        this.storeRetries = storeRetries;
        this.config = config;
        this.stores = stores;
        this.clock = clock;
        this.cursorSecrets = cursorSecrets;
        this.fanOut = Executors.newFixedThreadPool(config.rollUpParallelism(), DaemonThreads.named("dealer-kpi-rollup"));
        this.authorizer = new Authorizer(config.claimNames(), config.localPrincipalHeader());
        this.aggregates = new Aggregates(stores.counts(), dealershipId -> Bucketing.of(stores.settings().profile(dealershipId)
                .map(SettingsStore.Versioned::value).orElse(Profile.unknown(dealershipId))), parallel, clock, reuse.listings());
        this.settings = new Settings(stores.settings(), stores.reports(), aggregates, clock);
        this.kpiReports = new KpiReports(stores.settings(), stores.reports(), aggregates, parallel, clock);
        this.agreements = new Agreements(stores.status(), aggregates, clock);
    }

    /**
     * Wired to the given stores, with the local cursor key (the local runner, the tests): every status update reads
     * its dealership's aggregate config, as builds there do not wait, and every roll-up the network's listings.
     */
    public static Wiring local(Config config, Stores stores, Clock clock) {
        return local(config, stores, clock, Reuse.NONE);
    }

    /** As {@link #local(Config, Stores, Clock)}, reusing what it reads as {@code reuse} says (as deployed, for one). */
    public static Wiring local(Config config, Stores stores, Clock clock, Reuse reuse) {
        return new Wiring(config, stores, clock, () -> List.of(CursorKeys.LOCAL_KEY), null, null, () -> 0, reuse);
    }

    /** The one instance an execution environment uses, built from its environment variables on first use. */
    public static synchronized Wiring environment() {
        if (environment == null) {
            Config config = Config.from(System.getenv());
            LambdaCredentials credentials = new LambdaCredentials();
            AttemptCounter attempts = new AttemptCounter();
            WriteGuard writeGuard = new WriteGuard();
            var dynamo = DynamoClients.create(config.region(), config.dynamodbEndpoint(), credentials,
                    config.maxAttempts(), config.attemptTimeout(), attempts, writeGuard);
            environment = new Wiring(config, new DynamoStores(dynamo, config.tableName(), Clock.systemUTC(), config.networkShards()),
                    Clock.systemUTC(), () -> CursorKeys.load(config, credentials), credentials, writeGuard,
                    attempts::retries, Reuse.DEPLOYED);
        }
        return environment;
    }

    public Config config() {
        return config;
    }

    public Stores stores() {
        return stores;
    }

    public StatusHandler statusHandler() {
        return statusHandler(Wiring::toLambdaLog);
    }

    StatusHandler statusHandler(Consumer<String> log) {
        return new StatusHandler(authorizer, telemetry(Route.Function.STATUS, log),
                new StatusRecorder(stores.status(), aggregates, parallel, clock, reuse.configs()), agreements, clock);
    }

    /** Needs the cursor key: a deployed function without one fails here, at start, rather than on a request. */
    public ReportHandler reportHandler() {
        return reportHandler(Wiring::toLambdaLog);
    }

    synchronized ReportHandler reportHandler(Consumer<String> log) {
        if (cursors == null) {
            CursorKeys.requireSource(config);
            cursors = new Cursors(cursorSecrets);
        }
        return new ReportHandler(authorizer, telemetry(Route.Function.REPORT, log), agreements, settings, kpiReports,
                new RollUps(stores.settings(), stores.reports(), kpiReports, aggregates, fanOut, config.rollUpBudget()), cursors, clock);
    }

    public AdminHandler adminHandler() {
        return adminHandler(Wiring::toLambdaLog);
    }

    AdminHandler adminHandler(Consumer<String> log) {
        return new AdminHandler(authorizer, telemetry(Route.Function.ADMIN, log), settings, aggregates, clock);
    }

    /** Logs and metrics of one function, at the environment's log level. */
    private Telemetry telemetry(Route.Function function, Consumer<String> log) {
        return telemetry(function.logicalId(), log);
    }

    Telemetry telemetry(String logicalId, Consumer<String> log) {
        return new Telemetry(config.logLevel(), logicalId, log, clock, storeRetries);
    }

    public Aggregates aggregates() {
        return aggregates;
    }

    /**
     * The aggregates' sweep: profiles' zones and groups from one read of every profile, which keeps their group index
     * too; builds fanned out on their own pool.
     */
    public Sweep sweep() {
        return new Sweep(stores.counts(), aggregates, stores.reports(), stores.settings()::maintainProfiles, fanOut, clock,
                config.codeVersion());
    }

    /** The aggregates' verification; a dealership that differs is recounted after {@link #RECHECK_DELAY}. */
    public Verification verification() {
        return new Verification(stores.counts(), aggregates, stores.reports(), clock, () -> pause(RECHECK_DELAY));
    }

    /** Long enough for DynamoDB's milestone index to catch up with a write (it lags by well under a second). */
    private static final Duration RECHECK_DELAY = Duration.ofSeconds(5);

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Lambda's log is standard output. */
    private static void toLambdaLog(String line) {
        System.out.println(line);
    }

    /** Runs {@code work} with every write to the table refused (SnapStart priming); only a Lambda environment has the guard. */
    @Override
    public void withoutWrites(Runnable work) {
        if (writeGuard == null) {
            throw new IllegalStateException("this wiring's DynamoDB client has no write guard");
        }
        writeGuard.during(work);
    }

    /**
     * After a SnapStart restore: credentials fetched anew (none cached before the snapshot are used again) and the
     * cursor key read again (it may have been rotated since the snapshot was taken).
     */
    @Override
    public synchronized void afterRestore() {
        if (credentials != null) {
            credentials.renew();
        }
        if (cursors != null) {
            cursors.reload();
        }
    }
}
