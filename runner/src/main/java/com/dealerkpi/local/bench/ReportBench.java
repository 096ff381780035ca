package com.dealerkpi.local.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.dealerkpi.api.ReportHandler;
import com.dealerkpi.domain.Stage;
import com.dealerkpi.store.TableLayout;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import static com.dealerkpi.local.bench.BenchTable.TABLE;
import static com.dealerkpi.local.bench.BenchTable.getEvent;
import static com.dealerkpi.local.bench.BenchTable.s;

/** A year-to-date KPI report of 5k and 50k milestones, beside growing history, against the bare Query calls it needs. */
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
        AtomicInteger pages = new AtomicInteger();
        Runnable bare = () -> pages.set(bareQueries(dealership));
        for (int i = 0; i < 3; i++) {
            report.run();
            bare.run();
        }
        bench.counter.reset();
        Timing.median(report, 3);
        int reportRequests = bench.counter.total() / 3;
        double[] reportVsBare = Timing.medians(report, bare, 15);
        out.line(String.format("KPI report ytd, %,d milestones, %s (%d requests/report, %d query pages)",
                bench.countMilestones(dealership), history, reportRequests, pages.get()),
                reportVsBare[0], "bare Query calls", reportVsBare[1]);
    }

    /** The four stage queries of the year, keys only, in parallel; the pages they took. */
    private int bareQueries(String dealership) {
        List<CompletableFuture<Integer>> stages = new ArrayList<>();
        for (Stage stage : Stage.values()) {
            stages.add(CompletableFuture.supplyAsync(() -> {
                int count = 0;
                QueryRequest query = QueryRequest.builder().tableName(TABLE).indexName(TableLayout.MILESTONE_INDEX)
                        .keyConditionExpression("#pk = :pk AND #sk BETWEEN :lo AND :hi")
                        .expressionAttributeNames(Map.of("#pk", TableLayout.GSI1_PK, "#sk", TableLayout.GSI1_SK))
                        .expressionAttributeValues(Map.of(":pk", s(TableLayout.milestoneIndexPk(dealership, stage)),
                                ":lo", s("2026-01-01T00:00:00.000Z"), ":hi", s("2026-12-31T23:59:59.999Z#~")))
                        .projectionExpression("#sk").build();
                for (QueryResponse ignored : bench.db.queryPaginator(query)) {
                    count++;
                }
                return count;
            }, bench.io));
        }
        return stages.stream().mapToInt(CompletableFuture::join).sum();
    }
}
