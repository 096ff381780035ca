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
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
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
        Runnable update = () -> BenchTable.expect(201,
                handler.handleRequest(statusEvent("B1", "N" + agreements.incrementAndGet(), null), null));
        Runnable keyed = () -> {
            int n = agreements.incrementAndGet();
            BenchTable.expect(201, handler.handleRequest(statusEvent("B1", "N" + n, "k" + n), null));
        };
        Runnable barePut = () -> bench.db.putItem(r -> r.tableName(TABLE).item(Map.of(TableLayout.PK,
                s("BARE#" + agreements.incrementAndGet()), TableLayout.SK, s("x"))));
        Runnable bareSame = sameRequestsBare(bench.counter.capture(() -> handler.handleRequest(statusEvent("B1", "CAPTURE", null), null)));
        for (int i = 0; i < WARMUP; i++) {
            update.run();
            keyed.run();
            barePut.run();
            bareSame.run();
        }
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
        out.line("status update vs its own requests issued bare in parallel", updateVsSame[0], "bare same requests", updateVsSame[1]);
        out.line("5 bare PutItems in parallel (does the store overlap requests?)", fiveVsOne[0], "one bare PutItem", fiveVsOne[1]);
        out.line("keyed status update (claim, 4 milestones, history+answer)", keyedVsPut[0], "one bare PutItem", keyedVsPut[1]);
        out.printf("status update requests: %.2f per update (goal <= 6), keyed %.2f, Scan: %d%n",
                requests / (double) iterations, keyedRequests / (double) iterations, scans);
    }

    /**
     * The very requests a Sold update makes, re-issued bare for a new agreement each time, in parallel the way the
     * code issues them (the milestone updates handed to threads, the history put inline).
     */
    private Runnable sameRequestsBare(List<SdkRequest> captured) {
        return () -> {
            String pk = TableLayout.agreementPk("B1", "N" + agreements.incrementAndGet());
            List<CompletableFuture<?>> calls = new ArrayList<>();
            for (SdkRequest request : captured) {
                if (request instanceof UpdateItemRequest milestone) {
                    UpdateItemRequest copy = milestone.toBuilder().key(withPk(milestone.key(), pk)).build();
                    calls.add(CompletableFuture.runAsync(() -> bench.db.updateItem(copy), bench.io));
                }
            }
            for (SdkRequest request : captured) {
                if (request instanceof PutItemRequest put) {
                    bench.db.putItem(put.toBuilder().item(withPk(put.item(), pk)).build());
                }
            }
            calls.forEach(CompletableFuture::join);
        };
    }

    private void fivePutsInParallel(Runnable barePut) {
        List<CompletableFuture<?>> puts = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            puts.add(CompletableFuture.runAsync(barePut, bench.io));
        }
        barePut.run();
        puts.forEach(CompletableFuture::join);
    }

    private static Map<String, AttributeValue> withPk(Map<String, AttributeValue> item, String pk) {
        Map<String, AttributeValue> copy = new HashMap<>(item);
        copy.put(TableLayout.PK, s(pk));
        return copy;
    }
}
