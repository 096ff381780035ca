package com.dealerkpi.local;

import com.dealerkpi.app.counts.Sweep;
import com.dealerkpi.app.counts.Verification;
import com.dealerkpi.lambda.Wiring;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The aggregates' sweep and verification on the local store: the {@code sweep} and {@code verify-aggregates}
 * commands, and the sweep {@code serve} runs on its own.
 */
public final class AggregateTasks {
    /** Exit code of {@code verify-aggregates} when a count differs. */
    static final int MISMATCHES = 3;
    /** verify-aggregates' exit when a dealership could not be recounted (1 is any failure of the command itself). */
    static final int NOT_RECOUNTED = 4;
    /** How often {@code serve} sweeps, and how old what it takes over must be (requests in flight finish their own). */
    static final Duration SERVE_SWEEP_EVERY = Duration.ofSeconds(30);
    private static final Sweep.Grace SERVE_GRACE = new Sweep.Grace(SERVE_SWEEP_EVERY, SERVE_SWEEP_EVERY);

    private AggregateTasks() {
    }

    /** One sweep that takes over everything unfinished at once (nothing else runs on a store the command opened). */
    public static int sweep(Options options, PrintStream out) throws IOException {
        try (LocalStore store = open(options)) {
            Sweep.Result result = store.wiring().sweep().run(Sweep.Grace.NONE);
            out.printf("sweep: %d configured, %d agreements settled, %d built, %d failed; %d still pending%n",
                    result.configured(), result.published(), result.built(), result.failed(),
                    store.wiring().stores().counts().pending());
            result.firstFailures().forEach(failure -> out.println("failed: " + failure));
            return result.failed() == 0 ? 0 : 1;
        }
    }

    /**
     * Recounts every dealership; prints each mismatch and each dealership it could not recount; {@value #MISMATCHES}
     * when there are mismatches, else {@value #NOT_RECOUNTED} when a dealership could not be recounted, else 0.
     */
    public static int verify(Options options, PrintStream out) throws IOException {
        try (LocalStore store = open(options)) {
            Verification.Report report = store.wiring().verification().run(false, Instant.MAX);
            report.mismatches().forEach(mismatch -> out.println("mismatch: " + mismatch));
            report.failures().forEach(failure -> out.println("not recounted: " + failure));
            out.printf("verify-aggregates: %d dealerships checked, %d being built, %d not recounted, %d mismatches%n",
                    report.checked(), report.building(), report.unchecked(), report.mismatches().size());
            return !report.mismatches().isEmpty() ? MISMATCHES : report.unchecked() > 0 ? NOT_RECOUNTED : 0;
        }
    }

    /** The store the functions use, with the environment the template gives them (as {@code serve} opens it). */
    private static LocalStore open(Options options) throws IOException {
        Map<String, String> environment = SamTemplate.load().functions().values().iterator().next().environment();
        return LocalStore.open(options, environment);
    }

    /** Starts a new generation of one dealership's aggregates (built by the next sweep): the repair after a mismatch. */
    public static int rebuild(Options options, PrintStream out) throws IOException {
        if (options.positional().size() != 1) {
            throw new IllegalArgumentException("rebuild-aggregates takes one dealership id");
        }
        String dealershipId = options.positional().get(0);
        try (LocalStore store = open(options)) {
            if (!store.wiring().aggregates().rebuild(dealershipId)) {
                out.println("rebuild-aggregates: dealership " + dealershipId + " has no aggregates (or they changed meanwhile)");
                return 1;
            }
            out.println("rebuild-aggregates: a new generation of " + dealershipId + "'s aggregates will be built by the next sweep");
            return 0;
        }
    }

    /** Sweeps every {@link #SERVE_SWEEP_EVERY} until closed; a failed sweep is printed and the next one tries again. */
    static ScheduledExecutorService sweepEvery(Wiring wiring, PrintStream err) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "aggregates-sweep");
            thread.setDaemon(true);
            return thread;
        });
        long every = SERVE_SWEEP_EVERY.toMillis();
        timer.scheduleWithFixedDelay(() -> {
            try {
                Sweep.Result result = wiring.sweep().run(SERVE_GRACE);
                result.firstFailures().forEach(failure -> err.println("sweep: " + failure + " (the next sweep tries again)"));
            } catch (RuntimeException e) {
                err.println("sweep failed (the next one tries again): " + e);
            }
        }, 0, every, TimeUnit.MILLISECONDS);
        return timer;
    }
}
