package com.dealerkpi.local.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.dealerkpi.api.AdminHandler;
import com.dealerkpi.api.ReportHandler;
import com.dealerkpi.lambda.Config;
import com.dealerkpi.lambda.Wiring;
import com.dealerkpi.local.LocalEvents;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import static com.dealerkpi.local.bench.BenchTable.NATIONAL;
import static com.dealerkpi.local.bench.BenchTable.TABLE;
import static com.dealerkpi.local.bench.BenchTable.getEvent;

/** The national roll-up over many dealerships at several fan-out widths, against one dealership's report. */
final class RollUpBench {
    private final BenchTable bench;
    private final Report out;

    RollUpBench(BenchTable bench, Report out) {
        this.bench = bench;
        this.out = out;
    }

    void run(int dealerships, int milestonesEach, List<Integer> widths) {
        AdminHandler admin = bench.wiring.adminHandler();
        Map<String, String> json = Map.of("content-type", "application/json");
        for (int d = 0; d < dealerships; d++) {
            String id = "U" + d;
            admin.handleRequest(LocalEvents.request("PUT", "/dealerships/" + id + "/profile", null, json,
                    "{\"region\":\"R" + (d % 10) + "\",\"brand\":\"B" + (d % 7) + "\",\"databaseSize\":1000}", NATIONAL), null);
            bench.loadMilestones(id, milestonesEach);
        }
        ReportHandler reports = bench.wiring.reportHandler();
        APIGatewayV2HTTPEvent one = getEvent("/dealerships/U0/kpi", null);
        APIGatewayV2HTTPEvent national = getEvent("/kpi", null);
        for (int i = 0; i < 5; i++) {
            BenchTable.expect(200, reports.handleRequest(one, null));
        }
        double oneMs = Timing.median(() -> BenchTable.expect(200, reports.handleRequest(one, null)), 15);
        for (int width : widths) {
            ReportHandler handler = wiring(width).reportHandler();
            BenchTable.expect(200, handler.handleRequest(national, null));
            bench.counter.reset();
            double nationalMs = Timing.median(() -> BenchTable.expect(200, handler.handleRequest(national, null)), 3);
            out.line(String.format("national roll-up, %,d dealerships x %d milestones, %d at a time (%,d requests)",
                    dealerships, milestonesEach, width, bench.counter.total() / 3), nationalMs,
                    "one dealership's report", oneMs);
        }
    }

    private Wiring wiring(int width) {
        return Wiring.local(Config.from(Map.of(Config.TABLE_NAME, TABLE, Config.ROLL_UP_PARALLELISM, Integer.toString(width))),
                bench.wiring.stores(), Clock.systemUTC());
    }
}
