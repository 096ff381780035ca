package com.dealerkpi.lambda.priming;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * SnapStart: before Lambda snapshots an initialised function, send it the requests its users send (event JSON in,
 * answer JSON out, through the same entry point, handlers, use cases, store code and DynamoDB client) so the
 * restored function starts with all of that loaded and initialised. Safe on a live table: the requests name a
 * dealership no one uses, and the client's write guard makes every write they attempt
 * fail its condition, so priming reads but never writes. The priming handlers are separate instances that log
 * nothing, so the first real request is still the cold start. After a restore: credentials and the cursor key are
 * fetched anew. Outside SnapStart this is never called.
 */
public final class Priming implements Resource {
    /** What priming needs of the function it primes: its writes refused while it runs, and a restore's renewals. */
    public interface Hooks {
        /** Runs {@code work} with every write to the table refused. */
        void withoutWrites(Runnable work);

        /** After a restore: whatever must not outlive the snapshot is fetched anew (credentials, keys). */
        void afterRestore();
    }

    /** Where the priming handlers' log lines and metrics go: nowhere. */
    public static final Consumer<String> SILENT = line -> {
    };

    /**
     * Rounds of the priming requests: enough calls of the hot code (JSON, marshalling, signing) for the JIT's first
     * tier to compile it, which the snapshot keeps (README, Performance: measured).
     */
    static final int ROUNDS = 10;

    /** Where the runtime interface client puts each invocation's trace header, and the SDK reads it. */
    private static final String TRACE_HEADER_PROPERTY = "com.amazonaws.xray.traceHeader";

    /** The runtime holds resources weakly: keep them alive for the life of the function. */
    private static final List<Priming> REGISTERED = new ArrayList<>();

    private final Hooks hooks;
    private final Runnable prime;

    private Priming(Hooks hooks, Runnable prime) {
        this.hooks = hooks;
        this.prime = prime;
    }

    /** @param prime what to run before the snapshot, with writes refused (a failure fails the snapshot, loudly) */
    public static synchronized void register(Hooks hooks, Runnable prime) {
        Priming priming = new Priming(hooks, prime);
        REGISTERED.add(priming);
        Core.getGlobalContext().register(priming);
    }

    /**
     * Sends each event to the function as Lambda would (with a context, and the trace header
     * the runtime sets for each invocation, so the SDK adds it to each request as it will then), and throws the
     * answers away.
     */
    public static void send(RequestStreamHandler function, List<String> events) {
        // made here, not when the class loads: every function registers priming, also on demand, where it never runs
        PrimingContext context = new PrimingContext();
        System.setProperty(TRACE_HEADER_PROPERTY, PrimingContext.TRACE_ID);
        try {
            for (String event : events) {
                function.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)),
                        OutputStream.nullOutputStream(), context);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            System.clearProperty(TRACE_HEADER_PROPERTY);
        }
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        hooks.withoutWrites(() -> {
            for (int round = 0; round < ROUNDS; round++) {
                prime.run();
            }
        });
        // priming's garbage stays out of the snapshot and off the first requests after a restore
        System.gc();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        hooks.afterRestore();
    }
}
