package com.dealerkpi.local.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.dealerkpi.api.ReportHandler;
import com.dealerkpi.app.report.KpiReports;
import com.dealerkpi.domain.status.Stage;
import com.dealerkpi.store.TableLayout;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import static com.dealerkpi.local.bench.BenchTable.TABLE;
import static com.dealerkpi.local.bench.BenchTable.getEvent;
import static com.dealerkpi.local.bench.BenchTable.s;

/** A year-to-date KPI report (JSON, with time to convert) of 5k and 50k milestones, beside growing history, against its own reads issued bare. */
final class ReportBench {
    private final BenchTable bench;
    private final Report out;
    private final ReportHandler handler;

    ReportBench(BenchTable bench, Report out) {
        this.bench = bench;
        this.out = out;
        this.handler = bench.wiring.reportHandler();
    }

    void run(boolean quick) {
        for (String dealership : List.of("R5", "R50")) {
            bench.wiring.stores().status().registerDealership(dealership);
        }
        bench.loadMilestones("R5", 5_000);
        bench.loadMilestones("R50", quick ? 10_000 : 50_000);
        bench.loadHistory("R50", 10_000);
        for (String dealership : List.of("R5", "R50")) {
            report(dealership, "10k history rows");
        }
        bench.loadHistory("R50", quick ? 40_000 : 190_000);
        bench.loadHistory("R5", quick ? 40_000 : 190_000);
        for (String dealership : List.of("R5", "R50")) {
            report(dealership, (quick ? "50k" : "200k") + " history rows");
        }
    }

    private void report(String dealership, String history) {
        APIGatewayV2HTTPEvent event = getEvent("/dealerships/" + dealership + "/kpi", "range=ytd");
        Runnable report = () -> BenchTable.expect(200, handler.handleRequest(event, null));
        List<SdkRequest> reads = bench.counter.capture(report);
        AtomicInteger pages = new AtomicInteger();
        Runnable bare = () -> pages.set(readsBare(reads));
        Runnable queriesOnly = () -> bareQueries(dealership);
        for (int i = 0; i < 3; i++) {
            report.run();
            bare.run();
            queriesOnly.run();
        }
        bench.counter.reset();
        Timing.median(report, 3);
        int reportRequests = bench.counter.total() / 3;
        double[] reportVsBare = Timing.medians(report, bare, 15);
        double[] reportVsQueries = Timing.medians(report, queriesOnly, 15);
        out.line(String.format("KPI report ytd, %,d milestones, %s (%d requests/report, %d query pages)",
                bench.countMilestones(dealership), history, reportRequests, pages.get()),
                reportVsBare[0], "its reads issued bare", reportVsBare[1]);
        // the floor of earlier runs, which left out the report's lookups and target read
        out.line("  the same against its index queries alone", reportVsQueries[0], "4 queries in parallel", reportVsQueries[1]);
    }

    /**
     * The very reads a report made, issued bare the way it issues them: its lookups one after another (the profile,
     * then, without one, the registry), then its index queries (every page) and batch reads in parallel. The pages
     * the queries took.
     */
    private int readsBare(List<SdkRequest> reads) {
        List<CompletableFuture<Integer>> together = new ArrayList<>();
        for (SdkRequest request : reads) {
            if (request instanceof GetItemRequest lookup) {
                bench.db.getItem(lookup);
            } else if (request instanceof QueryRequest query && !query.hasExclusiveStartKey()) {
                together.add(CompletableFuture.supplyAsync(() -> pagesOf(query), bench.io));
            } else if (request instanceof BatchGetItemRequest batch) {
                together.add(CompletableFuture.supplyAsync(() -> {
                    bench.db.batchGetItem(batch);
                    return 0;
                }, bench.io));
            }
        }
        return together.stream().mapToInt(CompletableFuture::join).sum();
    }

    private int pagesOf(QueryRequest query) {
        int pages = 0;
        for (QueryResponse ignored : bench.db.queryPaginator(query)) {
            pages++;
        }
        return pages;
    }

    private static final String YEAR_START = "2026-01-01T00:00:00.000Z";
    private static final String LOOKBACK_START = Instant.parse(YEAR_START)
            .minus(KpiReports.TIME_TO_CONVERT_LOOKBACK).toString();

    /**
     * The report's index queries alone, issued bare and in parallel: one Query per stage with the agreement and sort
     * key (the year's sales; each earlier stage from the lookback before the year on). The pages they took.
     */
    private int bareQueries(String dealership) {
        List<CompletableFuture<Integer>> queries = new ArrayList<>();
        for (Stage stage : List.of(Stage.CONTACTED, Stage.APPOINTED, Stage.ATTENDED)) {
            queries.add(query(dealership, stage, LOOKBACK_START));
        }
        queries.add(query(dealership, Stage.SOLD, YEAR_START));
        return queries.stream().mapToInt(CompletableFuture::join).sum();
    }

    private CompletableFuture<Integer> query(String dealership, Stage stage, String from) {
        return CompletableFuture.supplyAsync(() -> {
            QueryRequest query = QueryRequest.builder().tableName(TABLE).indexName(TableLayout.MILESTONE_INDEX)
                    .keyConditionExpression("#pk = :pk AND #sk BETWEEN :lo AND :hi")
                    .expressionAttributeNames(Map.of("#pk", TableLayout.GSI1_PK, "#sk", TableLayout.GSI1_SK, "#apk", TableLayout.PK))
                    .expressionAttributeValues(Map.of(":pk", s(TableLayout.milestoneIndexPk(dealership, stage)),
                            ":lo", s(from), ":hi", s("2026-12-31T23:59:59.999Z#~")))
                    .projectionExpression("#apk, #sk").build();
            return pagesOf(query);
        }, bench.io);
    }
}
