package com.dealerkpi.local.bench;

import com.dealerkpi.api.StatusHandler;
import com.dealerkpi.store.TableLayout;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import static com.dealerkpi.local.bench.BenchTable.TABLE;
import static com.dealerkpi.local.bench.BenchTable.s;
import static com.dealerkpi.local.bench.BenchTable.statusEvent;

/** A status update in process against one bare PutItem, and against its own requests issued bare. */
final class StatusBench {
    private static final int WARMUP = 200;

    private final BenchTable bench;
    private final Report out;
    private final StatusHandler handler;
    private final AtomicInteger agreements = new AtomicInteger();

    StatusBench(BenchTable bench, Report out) {
        this.bench = bench;
        this.out = out;
        this.handler = bench.wiring.statusHandler();
    }

    void run(int iterations) {
        Runnable update = () -> {
            int n = agreements.incrementAndGet();
            BenchTable.expect(201, handler.handleRequest(statusEvent("B1", "N" + n, n, null), null));
        };
        Runnable keyed = () -> {
            int n = agreements.incrementAndGet();
            BenchTable.expect(201, handler.handleRequest(statusEvent("B1", "N" + n, n, "k" + n), null));
        };
        Runnable barePut = () -> bench.db.putItem(r -> r.tableName(TABLE).item(Map.of(TableLayout.PK,
                s("BARE#" + agreements.incrementAndGet()), TableLayout.SK, s("x"))));
        Runnable bareSame = sameRequestsBare(bench.counter.capture(() -> handler.handleRequest(statusEvent("B1", "CAPTURE", 0, null), null)));
        for (int i = 0; i < WARMUP; i++) {
            update.run();
            keyed.run();
            barePut.run();
            bareSame.run();
        }
        bench.times.print(out, "status update, Sold on a new agreement", update);
        bench.counter.reset();
        Timing.median(update, iterations);
        int requests = bench.counter.total();
        int scans = bench.counter.of("Scan");
        bench.counter.reset();
        Timing.median(keyed, iterations);
        int keyedRequests = bench.counter.total();
        double[] updateVsPut = Timing.medians(update, barePut, iterations);
        double[] updateVsSame = Timing.medians(update, bareSame, iterations);
        double[] keyedVsPut = Timing.medians(keyed, barePut, iterations);
        double[] fiveVsOne = Timing.medians(() -> fivePutsInParallel(barePut), barePut, iterations);
        out.line("status update, Sold on a new agreement (median)", updateVsPut[0], "one bare PutItem", updateVsPut[1]);
        out.line("status update vs its own requests issued bare, all at once", updateVsSame[0], "bare same requests", updateVsSame[1]);
        out.line("5 bare PutItems in parallel (does the store overlap requests?)", fiveVsOne[0], "one bare PutItem", fiveVsOne[1]);
        out.line("keyed status update (claim, the update, the answer)", keyedVsPut[0], "one bare PutItem", keyedVsPut[1]);
        out.printf("status update requests: %.2f per update, keyed %.2f, Scan: %d%n",
                requests / (double) iterations, keyedRequests / (double) iterations, scans);
        double[] percentiles = Timing.p50p95(update, iterations);
        out.printf("status update, Sold on a new agreement: p50 %.2f ms, p95 %.2f ms (%d updates)%n", percentiles[0],
                percentiles[1], iterations);
    }

    /**
     * The very requests a Sold update makes, re-issued bare for a new agreement each time (those of the captured
     * agreement's partition moved to the new one), all at once but the history put (inline, as the code issues it
     * first): a floor below the update's own six round trips.
     */
    private Runnable sameRequestsBare(List<SdkRequest> captured) {
        String capturedPk = TableLayout.agreementPk("B1", "CAPTURE");
        return () -> {
            String pk = TableLayout.agreementPk("B1", "N" + agreements.incrementAndGet());
            List<CompletableFuture<?>> calls = new ArrayList<>();
            for (SdkRequest request : captured) {
                if (request instanceof UpdateItemRequest update) {
                    UpdateItemRequest copy = update.toBuilder().key(moved(update.key(), capturedPk, pk)).build();
                    calls.add(CompletableFuture.runAsync(() -> bare(() -> bench.db.updateItem(copy)), bench.io));
                } else if (request instanceof GetItemRequest get) {
                    calls.add(CompletableFuture.runAsync(() -> bench.db.getItem(get), bench.io));
                } else if (request instanceof QueryRequest query) {
                    QueryRequest copy = query.toBuilder().expressionAttributeValues(moved(query.expressionAttributeValues(),
                            capturedPk, pk)).build();
                    calls.add(CompletableFuture.runAsync(() -> bench.db.query(copy), bench.io));
                }
            }
            for (SdkRequest request : captured) {
                if (request instanceof PutItemRequest put) {
                    bare(() -> bench.db.putItem(put.toBuilder().item(moved(put.item(), capturedPk, pk)).build()));
                }
            }
            calls.forEach(CompletableFuture::join);
        };
    }

    /** The values that name the captured agreement's partition, naming the new one. */
    private static Map<String, AttributeValue> moved(Map<String, AttributeValue> values, String from, String to) {
        Map<String, AttributeValue> copy = new HashMap<>(values);
        copy.replaceAll((name, value) -> from.equals(value.s()) ? s(to) : value);
        return copy;
    }

    /**
     * One replayed request: a write of the aggregates replayed on the same item finds its condition false (its
     * registers are there from the first time), which costs the store the same work, so it counts all the same.
     */
    private static void bare(Runnable request) {
        try {
            request.run();
        } catch (ConditionalCheckFailedException sameItemAgain) {
            // issued and answered: that is what is timed
        }
    }

    private void fivePutsInParallel(Runnable barePut) {
        List<CompletableFuture<?>> puts = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            puts.add(CompletableFuture.runAsync(barePut, bench.io));
        }
        barePut.run();
        puts.forEach(CompletableFuture::join);
    }
}
