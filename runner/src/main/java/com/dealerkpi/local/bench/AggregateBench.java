package com.dealerkpi.local.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.dealerkpi.api.ReportHandler;
import com.dealerkpi.app.counts.Sweep;

import java.util.List;

/**
 * A dealership's year to date from its aggregates, at 10,000 milestones against the same at 100 (the goal: the busy
 * one within 1.3x, and at most 10 requests), after the sweep has built both from milestones loaded as a version
 * before aggregates left them (the build's own time is printed too). The JSON answer the dashboard asks for: counts
 * and time to convert from one read of the year's month items.
 */
final class AggregateBench {
    private final BenchTable bench;
    private final Report out;
    private final ReportHandler handler;

    AggregateBench(BenchTable bench, Report out) {
        this.bench = bench;
        this.out = out;
        this.handler = bench.wiring.reportHandler();
    }

    void run() {
        for (String dealership : List.of("G100", "G10K")) {
            bench.wiring.stores().status().registerDealership(dealership);
        }
        bench.loadMilestones("G100", 100);
        bench.loadMilestones("G10K", 10_000);
        long started = System.nanoTime();
        Sweep.Result built = bench.wiring.sweep().run(Sweep.Grace.NONE);
        out.printf("aggregates built from 10,100 milestones by one sweep: %.1f s (%s)%n", (System.nanoTime() - started) / 1e9,
                built);
        Runnable quiet = ytd("G100");
        Runnable busy = ytd("G10K");
        for (int i = 0; i < 5; i++) {
            quiet.run();
            busy.run();
        }
        int quietRequests = requests(quiet);
        int busyRequests = requests(busy);
        double[] medians = Timing.medians(busy, quiet, 31);
        out.line(String.format("KPI ytd from aggregates, 10,000 milestones (%d requests/report)", busyRequests),
                medians[0], String.format("the same at 100 milestones (%d requests)", quietRequests), medians[1]);
    }

    private Runnable ytd(String dealership) {
        APIGatewayV2HTTPEvent event = BenchTable.getEvent("/dealerships/" + dealership + "/kpi", "range=ytd");
        return () -> BenchTable.expect(200, handler.handleRequest(event, null));
    }

    private int requests(Runnable report) {
        bench.counter.reset();
        report.run();
        return bench.counter.total();
    }
}
