package com.dealerkpi.app;

import com.dealerkpi.support.Caller;
import com.dealerkpi.support.KpiModel;
import com.dealerkpi.support.Reply;
import com.dealerkpi.support.TestApi;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Three dealerships in three time zones, a random workload with moments clustered around DST changes, then
 * random ranges (many crossing a DST change): KPI counts and months, usage, drill-down lists and region
 * roll-ups must equal what the independent model computes from the contract's rules. Seeded (-Dseed=N).
 */
class RandomizedReportsIT {
    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    private static final Map<String, ZoneId> ZONES = Map.of(
            "LON", ZoneId.of("Europe/London"), "SYD", ZoneId.of("Australia/Sydney"), "NYC", ZoneId.of("America/New_York"));
    private static final Map<String, String> REGIONS = Map.of("LON", "R1", "SYD", "R1", "NYC", "R2");
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
                    "{\"timezone\":\"" + ZONES.get(d).getId() + "\",\"region\":\"" + REGIONS.get(d) + "\",\"databaseSize\":800" + goLive + "}", false);
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

        List<String[]> ranges = new ArrayList<>(List.of(
                new String[]{"range=ytd"}, new String[]{"range=mtd"}, new String[]{"range=last-month"}, new String[]{"range=all"}));
        for (int i = 0; i < 12; i++) {
            LocalDate from = LocalDate.of(2025, 1, 1).plusDays(random.nextInt(650));
            LocalDate to = random.nextBoolean()
                    ? from.plusDays(random.nextInt(3))                        // a few days, often across DST
                    : from.plusDays(random.nextInt(200));
            if (to.isAfter(LocalDate.of(2026, 11, 28))) {
                to = LocalDate.of(2026, 11, 28);
            }
            ranges.add(new String[]{"from=" + from + "&to=" + to});
        }
        ranges.add(new String[]{"from=2026-03-29&to=2026-03-29"});
        ranges.add(new String[]{"from=2026-04-05&to=2026-04-05"});
        ranges.add(new String[]{"from=2026-10-25&to=2026-11-01"});

        for (String[] query : ranges) {
            Map<String, long[]> regionSums = new HashMap<>();
            for (String d : ZONES.keySet()) {
                ZoneId zone = ZONES.get(d);
                Reply kpi = api.get(Caller.dealer(d), "/dealerships/" + d + "/kpi?" + query[0]);
                assertEquals(200, kpi.status(), context + " " + kpi);
                LocalDate from = LocalDate.parse((String) kpi.map("range").get("from"));
                LocalDate to = LocalDate.parse((String) kpi.map("range").get("to"));
                assertEquals(expectedRange(query[0], d, zone, model), from + ".." + to, context + " range " + d + " " + query[0]);

                long[] counts = new long[4];
                Map<YearMonth, long[]> months = new TreeMap<>();
                Map<String, List<String>> drill = new HashMap<>();
                for (String key : model.agreements().keySet()) {
                    String[] parts = key.split("/");
                    if (!parts[0].equals(d)) {
                        continue;
                    }
                    model.milestones(d, parts[1]).forEach((stage, mark) -> {
                        LocalDate local = mark.at().atZone(zone).toLocalDate();
                        if (!local.isBefore(from) && !local.isAfter(to)) {
                            int s = KpiModel.STAGES.indexOf(stage);
                            counts[s]++;
                            months.computeIfAbsent(YearMonth.from(local), m -> new long[4])[s]++;
                            drill.computeIfAbsent(stage, x -> new ArrayList<>()).add(parts[1] + " " + mark.at() + " " + mark.backfilled());
                        }
                    });
                }
                String where = context + " " + d + " " + query[0];
                for (int s = 0; s < 4; s++) {
                    String stage = KpiModel.STAGES.get(s).toLowerCase();
                    assertEquals(counts[s], ((Number) kpi.map("counts").get(stage)).longValue(), where + " " + stage);
                }
                for (Map<String, Object> row : kpi.list("monthly")) {
                    long[] expected = months.getOrDefault(YearMonth.parse((String) row.get("month")), new long[4]);
                    assertEquals(expected[0], ((Number) row.get("contacted")).longValue(), where + " " + row);
                    assertEquals(expected[3], ((Number) row.get("sold")).longValue(), where + " " + row);
                }
                regionSums.merge(REGIONS.get(d), counts, (a, b) -> new long[]{a[0] + b[0], a[1] + b[1], a[2] + b[2], a[3] + b[3]});

                String stage = KpiModel.STAGES.get(random.nextInt(4));
                List<String> expectedDrill = new ArrayList<>(drill.getOrDefault(stage, List.of()));
                expectedDrill.sort(Comparator.comparing((String row) -> Instant.parse(row.split(" ")[1])).reversed()
                        .thenComparing(Comparator.naturalOrder()));
                List<String> actualDrill = drillDown(api, d, stage, query[0], 7 + random.nextInt(40));
                assertEquals(sortedWithinSameMoment(expectedDrill), sortedWithinSameMoment(actualDrill), where + " drill-down " + stage);

                Reply usage = api.get(Caller.dealer(d), "/dealerships/" + d + "/usage?" + query[0]);
                long total = 0;
                Map<String, Long> byStatus = new TreeMap<>();
                Map<String, Long> byUser = new TreeMap<>();
                for (String key : model.agreements().keySet()) {
                    if (!key.startsWith(d + "/")) {
                        continue;
                    }
                    for (KpiModel.Event e : model.history(d, key.substring(d.length() + 1))) {
                        LocalDate local = e.at().atZone(zone).toLocalDate();
                        if (!local.isBefore(from) && !local.isAfter(to)) {
                            total++;
                            byStatus.merge(e.status(), 1L, Long::sum);
                            byUser.merge(e.userId(), 1L, Long::sum);
                        }
                    }
                }
                assertEquals(total, ((Number) usage.json().get("total")).longValue(), where + " usage");
                assertEquals(byStatus, longs(usage.map("byStatus")), where + " usage byStatus");
                assertEquals(byUser, longs(usage.map("byUser")), where + " usage byUser");
            }
            for (String region : List.of("R1", "R2")) {
                Reply rollUp = api.get(Caller.national(), "/regions/" + region + "/kpi?" + query[0]);
                assertEquals(200, rollUp.status(), context + " " + rollUp);
                long[] expected = regionSums.getOrDefault(region, new long[4]);
                for (int s = 0; s < 4; s++) {
                    assertEquals(expected[s], ((Number) rollUp.map("counts").get(KpiModel.STAGES.get(s).toLowerCase())).longValue(),
                            context + " region " + region + " " + query[0]);
                }
            }
        }
    }

    /** The contract's range rules, computed independently: today is 2026-11-28 in every zone used here at noon UTC. */
    private static String expectedRange(String query, String dealership, ZoneId zone, KpiModel model) {
        LocalDate today = NOW.atZone(zone).toLocalDate();
        return switch (query) {
            case "range=ytd" -> LocalDate.of(today.getYear(), 1, 1) + ".." + today;
            case "range=mtd" -> today.withDayOfMonth(1) + ".." + today;
            case "range=last-month" -> YearMonth.from(today).minusMonths(1).atDay(1) + ".." + YearMonth.from(today).minusMonths(1).atEndOfMonth();
            case "range=all" -> {
                LocalDate start = dealership.equals("NYC") ? LocalDate.of(2025, 2, 1)
                        : model.agreements().keySet().stream().filter(k -> k.startsWith(dealership + "/"))
                        .map(k -> model.milestones(dealership, k.substring(dealership.length() + 1)).get("CONTACTED"))
                        .filter(java.util.Objects::nonNull)
                        .map(m -> m.at().atZone(zone).toLocalDate()).min(Comparator.naturalOrder()).orElse(today);
                yield start + ".." + today;
            }
            default -> query.substring(5, 15) + ".." + query.substring(19);
        };
    }

    private static List<String> drillDown(TestApi api, String dealership, String stage, String query, int limit) {
        List<String> rows = new ArrayList<>();
        String cursor = null;
        do {
            Reply page = api.get(Caller.dealer(dealership), "/dealerships/" + dealership + "/kpi/" + stage.toLowerCase()
                    + "/agreements?" + query + "&limit=" + limit + (cursor == null ? "" : "&cursor=" + cursor));
            assertEquals(200, page.status(), page.toString());
            for (Map<String, Object> item : page.list("items")) {
                rows.add(item.get("agreementId") + " " + item.get("at") + " " + item.get("backfilled"));
            }
            cursor = (String) page.json().get("nextCursor");
        } while (cursor != null);
        return rows;
    }

    /** Newest first is checked by moment; rows at the very same moment may come in any order. */
    private static List<String> sortedWithinSameMoment(List<String> rows) {
        List<String> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparing((String row) -> Instant.parse(row.split(" ")[1])).reversed()
                .thenComparing(Comparator.naturalOrder()));
        List<Instant> moments = rows.stream().map(r -> Instant.parse(r.split(" ")[1])).toList();
        for (int i = 1; i < moments.size(); i++) {
            if (moments.get(i).isAfter(moments.get(i - 1))) {
                throw new AssertionError("not newest first at " + i + ": " + rows);
            }
        }
        return sorted;
    }

    private static Map<String, Long> longs(Map<String, Object> map) {
        Map<String, Long> result = new TreeMap<>();
        map.forEach((k, v) -> result.put(k, ((Number) v).longValue()));
        return result;
    }
}
