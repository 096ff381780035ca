package com.dealerkpi.local.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.dealerkpi.api.AdminHandler;
import com.dealerkpi.api.ReportHandler;
import com.dealerkpi.app.counts.Sweep;
import com.dealerkpi.lambda.Wiring;
import com.dealerkpi.local.LocalEvents;

import java.util.LinkedHashMap;
import java.util.Map;

import static com.dealerkpi.local.bench.BenchTable.NATIONAL;
import static com.dealerkpi.local.bench.BenchTable.getEvent;

/**
 * The national, region, brand and dealer group roll-ups' year to date over many dealerships against one dealership's (the goal:
 * within 3x, at most 30 requests each), read from the network's copies of the aggregates; and the national one as
 * it was counted before them, dealership by dealership from the milestones (what it still does while a dealership's
 * aggregates are being built). Each roll-up twice: by a report function reading the network's listings before the
 * copies, and by one reusing them as deployed (a group's reads its share's listing either way).
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
        // as report functions started after the build: one reading the network's listings before each roll-up's
        // copies, one reusing them for a minute as deployed (the first roll-up of each reads them)
        Map<String, ReportHandler> reportFunctions = new LinkedHashMap<>();
        reportFunctions.put("listings read", bench.wiring(Wiring.Reuse.NONE).reportHandler());
        reportFunctions.put("listings reused", bench.wiring(Wiring.Reuse.DEPLOYED).reportHandler());
        // a tenth of the dealerships (a region), a seventh (a brand), a fifth (a group): 100, 143, 200 at 1,000
        Map<String, String> paths = new LinkedHashMap<>();
        paths.put("national", "/kpi");
        paths.put("region R0", "/regions/R0/kpi");
        paths.put("brand B0", "/brands/B0/kpi");
        paths.put("group G0", "/groups/G0/kpi");
        paths.forEach((scope, path) -> reportFunctions.forEach((reading, reports) -> {
            Runnable rollUp = ytd(reports, path);
            for (int i = 0; i < 3; i++) {
                rollUp.run();
                one.run();
            }
            bench.times.print(out, scope + ", " + reading, rollUp);
            bench.times.print(out, "one dealership", one);
            double[] medians = Timing.medians(rollUp, one, RUNS);
            out.line(String.format("%s ytd from the aggregates, %s, %s (%d requests)", scope, reading, scale,
                    requests(rollUp)), medians[0], String.format("one dealership's ytd (%d requests)", requests(one)), medians[1]);
        }));
    }

    private Runnable ytd(String path) {
        return ytd(bench.wiring.reportHandler(), path);
    }

    private static Runnable ytd(ReportHandler reports, String path) {
        APIGatewayV2HTTPEvent event = getEvent(path, "range=ytd");
        return () -> BenchTable.expect(200, reports.handleRequest(event, null));
    }

    private int requests(Runnable report) {
        bench.counter.reset();
        report.run();
        return bench.counter.total();
    }
}
