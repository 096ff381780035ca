package com.dealerkpi.local.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.dealerkpi.api.ReportHandler;
import com.dealerkpi.app.counts.Sweep;

import java.util.List;

/**
 * A dealership's year to date from its aggregates, at 10,000 milestones against the same at 100 (the goal: the busy
 * one within 1.3x, and at most 10 requests), and its usage at 20,000 updates against 200 (the goal: 1.3x), after the
 * sweep has built both from milestones and history loaded as a version before aggregates left them (the build's own
 * time is printed too). The JSON answers the dashboard asks for: counts and time to convert from one read of the
 * year's month items, usage from one read of its day items.
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
        bench.loadHistory("G100", 200);
        bench.loadHistory("G10K", 20_000);
        long started = System.nanoTime();
        Sweep.Result built = bench.wiring.sweep().run(Sweep.Grace.NONE);
        out.printf("aggregates built from 10,100 milestones and 20,200 updates by one sweep: %.1f s (%s)%n",
                (System.nanoTime() - started) / 1e9, built);
        compare("KPI ytd from aggregates, 10,000 milestones", ytd("G10K", "kpi"), "the same at 100 milestones", ytd("G100", "kpi"));
        compare("usage ytd from aggregates, 20,000 updates", ytd("G10K", "usage"), "the same at 200 updates", ytd("G100", "usage"));
    }

    private void compare(String busyName, Runnable busy, String quietName, Runnable quiet) {
        for (int i = 0; i < 5; i++) {
            quiet.run();
            busy.run();
        }
        int quietRequests = requests(quiet);
        int busyRequests = requests(busy);
        bench.times.print(out, busyName, busy);
        bench.times.print(out, quietName, quiet);
        double[] medians = Timing.medians(busy, quiet, 31);
        out.line(String.format("%s (%d requests/report)", busyName, busyRequests),
                medians[0], String.format("%s (%d requests)", quietName, quietRequests), medians[1]);
    }

    private Runnable ytd(String dealership, String report) {
        APIGatewayV2HTTPEvent event = BenchTable.getEvent("/dealerships/" + dealership + "/" + report, "range=ytd");
        return () -> BenchTable.expect(200, handler.handleRequest(event, null));
    }

    private int requests(Runnable report) {
        bench.counter.reset();
        report.run();
        return bench.counter.total();
    }
}
