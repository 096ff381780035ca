package com.dealerkpi.local.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.dealerkpi.api.AdminHandler;
import com.dealerkpi.api.ReportHandler;
import com.dealerkpi.app.counts.Sweep;
import com.dealerkpi.local.LocalEvents;

import java.util.Map;

import static com.dealerkpi.local.bench.BenchTable.NATIONAL;
import static com.dealerkpi.local.bench.BenchTable.getEvent;

/**
 * The national, region, brand and dealer group roll-ups' year to date over many dealerships against one dealership's (the goal:
 * within 3x, at most 30 requests each), read from the network's copies of the aggregates; and the national one as
 * it was counted before them, dealership by dealership from the milestones (what it still does while a dealership's
 * aggregates are being built).
 */
final class RollUpBench {
    private static final int RUNS = 15;

    private final BenchTable bench;
    private final Report out;

    RollUpBench(BenchTable bench, Report out) {
        this.bench = bench;
        this.out = out;
    }

    void run(int dealerships, int milestonesEach) {
        AdminHandler admin = bench.wiring.adminHandler();
        Map<String, String> json = Map.of("content-type", "application/json");
        for (int d = 0; d < dealerships; d++) {
            String id = "U" + d;
            admin.handleRequest(LocalEvents.request("PUT", "/dealerships/" + id + "/profile", null, json,
                    "{\"region\":\"R" + (d % 10) + "\",\"brand\":\"B" + (d % 7) + "\",\"group\":\"G" + (d % 5)
                            + "\",\"databaseSize\":1000}", NATIONAL), null);
            bench.wiring.stores().status().registerDealership(id);
            bench.loadMilestones(id, milestonesEach);
        }
        String scale = String.format("%,d dealerships x %d milestones", dealerships, milestonesEach);
        Runnable one = ytd("/dealerships/U0/kpi");
        Runnable national = ytd("/kpi");
        national.run();
        int fromMilestones = requests(national);
        out.line(String.format("national ytd counted dealership by dealership, %s (%,d requests)", scale, fromMilestones),
                Timing.median(national, 3), "one dealership's ytd from its milestones", Timing.median(one, RUNS));
        long started = System.nanoTime();
        Sweep.Result built = bench.wiring.sweep().run(Sweep.Grace.NONE);
        out.printf("aggregates of %s built by one sweep: %.1f s (%s)%n", scale, (System.nanoTime() - started) / 1e9, built);
        // a version's first sweep leaves the nation read from every profile (a version before it may still be saving);
        // the next one, as a deployed stack's a minute later, has compared the nation's members and lets them be read
        bench.wiring.sweep().run(Sweep.Grace.NONE);
        // a fifth of the dealerships each: 200 at 1,000
        Map<String, Runnable> rollUps = Map.of("national", national, "region R0", ytd("/regions/R0/kpi"),
                "brand B0", ytd("/brands/B0/kpi"), "group G0", ytd("/groups/G0/kpi"));
        for (String scope : new String[]{"national", "region R0", "brand B0", "group G0"}) {
            Runnable rollUp = rollUps.get(scope);
            for (int i = 0; i < 3; i++) {
                rollUp.run();
                one.run();
            }
            bench.times.print(out, scope, rollUp);
            bench.times.print(out, "one dealership", one);
            double[] medians = Timing.medians(rollUp, one, RUNS);
            out.line(String.format("%s ytd from the aggregates, %s (%d requests)", scope, scale, requests(rollUp)),
                    medians[0], String.format("one dealership's ytd (%d requests)", requests(one)), medians[1]);
        }
    }

    private Runnable ytd(String path) {
        ReportHandler reports = bench.wiring.reportHandler();
        APIGatewayV2HTTPEvent event = getEvent(path, "range=ytd");
        return () -> BenchTable.expect(200, reports.handleRequest(event, null));
    }

    private int requests(Runnable report) {
        bench.counter.reset();
        report.run();
        return bench.counter.total();
    }
}
