package com.dealerkpi.app;

import com.dealerkpi.support.Caller;
import com.dealerkpi.support.KpiModel;
import com.dealerkpi.support.ModelChecks;
import com.dealerkpi.support.Reply;
import com.dealerkpi.support.TestApi;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Three dealerships in three time zones, a random workload with moments clustered around DST changes, then
 * random ranges (many crossing a DST change): KPI counts and months, usage, drill-down lists, region and dealer
 * group roll-ups must equal what the independent model computes from the contract's rules. Seeded (-Dseed=N).
 */
@Tag("stores")
class RandomizedReportsTest {
    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    private static final Map<String, ZoneId> ZONES = Map.of(
            "LON", ZoneId.of("Europe/London"), "SYD", ZoneId.of("Australia/Sydney"), "NYC", ZoneId.of("America/New_York"));
    private static final Map<String, String> REGIONS = Map.of("LON", "R1", "SYD", "R1", "NYC", "R2");
    /** A dealer group across both regions and three time zones; SYD is in none. */
    private static final Map<String, String> GROUPS = Map.of("LON", "Owner One", "NYC", "owner  one ");
    private static final List<String> STATUSES = List.of("Contacted", "Appointed", "Attended", "Sold", "Not Sold",
            "No Answer", "Call Back", "Lost");
    /** DST changes in 2025-2026 of the three zones: updates cluster around them. */
    private static final List<Instant> DST_CHANGES = List.of(
            Instant.parse("2025-03-30T01:00:00Z"), Instant.parse("2025-10-26T01:00:00Z"),
            Instant.parse("2026-03-29T01:00:00Z"), Instant.parse("2026-10-25T01:00:00Z"),
            Instant.parse("2025-04-05T16:00:00Z"), Instant.parse("2025-10-04T16:00:00Z"),
            Instant.parse("2026-04-04T16:00:00Z"), Instant.parse("2026-10-03T16:00:00Z"),
            Instant.parse("2025-03-09T07:00:00Z"), Instant.parse("2025-11-02T06:00:00Z"),
            Instant.parse("2026-03-08T07:00:00Z"), Instant.parse("2026-11-01T06:00:00Z"));

    @Test
    void reportsEqualTheModelForRandomRanges() throws Exception {
        long seed = Long.getLong("seed", System.nanoTime());
        String context = "seed=" + seed + " (rerun with -Dseed=" + seed + ")";
        Random random = new Random(seed);
        TestApi api = TestApi.fresh(Clock.fixed(NOW, ZoneOffset.UTC));
        for (String d : ZONES.keySet()) {
            String goLive = d.equals("NYC") ? ",\"goLiveDate\":\"2025-02-01\"" : "";
            Reply reply = api.send(Caller.national(), "PUT", "/dealerships/" + d + "/profile", null,
                    Map.of("content-type", "application/json"),
                    "{\"timezone\":\"" + ZONES.get(d).getId() + "\",\"region\":\"" + REGIONS.get(d) + "\",\"databaseSize\":800" + goLive
                            + (GROUPS.containsKey(d) ? ",\"group\":\"" + GROUPS.get(d) + "\"" : "") + "}", false);
            assertEquals(201, reply.status(), reply.toString());
        }

        KpiModel model = new KpiModel();
        int updates = Integer.getInteger("workload.updates", 1500);
        ExecutorService clients = Executors.newFixedThreadPool(8);
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < updates; i++) {
            String dealership = List.of("LON", "SYD", "NYC").get(random.nextInt(3));
            String agreement = "A" + random.nextInt(120);
            String status = STATUSES.get(random.nextInt(STATUSES.size()));
            Instant at = random.nextInt(3) == 0
                    ? DST_CHANGES.get(random.nextInt(DST_CHANGES.size())).plusSeconds(random.nextInt(4 * 86400) - 2 * 86400)
                    : Instant.parse("2025-01-01T00:00:00Z").plusSeconds((long) (random.nextDouble() * 60_000_000L));
            String user = "u" + random.nextInt(4);
            done.add(clients.submit(() -> {
                Reply reply = api.postJson(Caller.national(), "/dealerships/" + dealership + "/agreements/" + agreement + "/status",
                        "{\"status\":\"" + status + "\",\"occurredAt\":\"" + at + "\",\"userId\":\"" + user + "\"}");
                assertEquals(201, reply.status(), context + " " + reply);
                model.accept(new KpiModel.Event(dealership, agreement, (String) reply.json().get("eventId"),
                        KpiModel.canonical(status), at, user));
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        clients.shutdown();

        // 12 random ranges, or fewer where each report is slow (moto in CI: -Dworkload.ranges=3); the DST ones always
        List<String[]> ranges = ModelChecks.randomRanges(random, LocalDate.of(2025, 1, 1), LocalDate.of(2026, 11, 28),
                Math.min(12, Integer.getInteger("workload.ranges", 12)));
        ranges.add(new String[]{"from=2026-03-29&to=2026-03-29"});
        ranges.add(new String[]{"from=2026-04-05&to=2026-04-05"});
        ranges.add(new String[]{"from=2026-10-25&to=2026-11-01"});
        ModelChecks.reports(api, model, ZONES, REGIONS, GROUPS, Map.of("NYC", LocalDate.of(2025, 2, 1)), ranges, Clock.fixed(NOW, ZoneOffset.UTC), random, context);
    }
}
