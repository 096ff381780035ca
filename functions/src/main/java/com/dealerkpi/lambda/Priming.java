package com.dealerkpi.lambda;

import com.dealerkpi.api.FunctionHandler;

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
 * dealership no one uses, and the client's {@link com.dealerkpi.store.WriteGuard} makes every write they attempt
 * fail its condition, so priming reads but never writes. The priming handlers are separate instances that log
 * nothing, so the first real request is still the cold start. After a restore: credentials and the cursor key are
 * fetched anew. Outside SnapStart this is never called.
 */
final class Priming implements Resource {
    /** Where the priming handlers' log lines and metrics go: nowhere. */
    static final Consumer<String> SILENT = line -> {
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

    private final Wiring wiring;
    private final Runnable prime;

    private Priming(Wiring wiring, Runnable prime) {
        this.wiring = wiring;
        this.prime = prime;
    }

    /** @param prime what to run before the snapshot, with writes refused (a failure fails the snapshot, loudly) */
    static synchronized void register(Wiring wiring, Runnable prime) {
        Priming priming = new Priming(wiring, prime);
        REGISTERED.add(priming);
        Core.getGlobalContext().register(priming);
    }

    /**
     * Sends each event to a function made of {@code handler}, as Lambda would (with a context, and the trace header
     * the runtime sets for each invocation, so the SDK adds it to each request as it will then), and throws the
     * answers away.
     */
    static void send(FunctionHandler handler, List<String> events) {
        EntryPoint function = new EntryPoint(handler) {
        };
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

    static PrimingRequests requests(Wiring wiring) {
        return new PrimingRequests(wiring.config().claimNames());
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        wiring.withoutWrites(() -> {
            for (int round = 0; round < ROUNDS; round++) {
                prime.run();
            }
        });
        // priming's garbage stays out of the snapshot and off the first requests after a restore
        System.gc();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        wiring.afterRestore();
    }
}
