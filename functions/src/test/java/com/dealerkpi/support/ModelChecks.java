package com.dealerkpi.support;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Compares what the API reports with what the independent model computes: every agreement view, and for each
 * range the KPI counts and months, usage, a drill-down list and the region roll-ups.
 */
public final class ModelChecks {
    private ModelChecks() {
    }

    /** Every agreement's history (eventIds, statuses, moments, users), milestones and current status. */
    public static void agreements(TestApi api, KpiModel model, List<String> dealerships, int agreementsPerDealership,
                                  String context) {
        for (String dealership : dealerships) {
            for (int a = 0; a < agreementsPerDealership; a++) {
                String agreement = "A" + a;
                Reply view = api.get(Caller.national(), "/dealerships/" + dealership + "/agreements/" + agreement);
                List<KpiModel.Event> history = model.history(dealership, agreement);
                if (history.isEmpty() && model.voided(dealership, agreement).isEmpty()) {
                    assertEquals(404, view.status(), context);
                    continue;
                }
                assertEquals(200, view.status(), context);
                assertEquals(history.stream().map(e -> e.eventId() + " " + e.status() + " " + e.at() + " " + e.userId()).toList(),
                        view.list("history").stream().map(h -> h.get("eventId") + " " + h.get("status") + " "
                                + h.get("occurredAt") + " " + h.get("userId")).toList(),
                        context + " history of " + dealership + "/" + agreement);
                Map<String, Object> expectedMilestones = new HashMap<>();
                model.milestones(dealership, agreement).forEach((stage, mark) ->
                        expectedMilestones.put(stage, Map.of("at", mark.at().toString(), "backfilled", mark.backfilled())));
                assertEquals(expectedMilestones, view.map("milestones"), context + " milestones of " + dealership + "/" + agreement);
                assertEquals(history.isEmpty() ? null : history.get(history.size() - 1).status(), view.json().get("currentStatus"), context);
                assertEquals(model.voided(dealership, agreement).stream().map(KpiModel.Event::eventId).toList(),
                        view.list("voided").stream().map(v -> v.get("eventId")).toList(),
                        context + " voided updates of " + dealership + "/" + agreement);
            }
        }
    }

    /**
     * Reports for each query ({@code range=...} or {@code from=...&to=...}) against the model. {@code goLive} holds
     * the go-live dates of the dealerships that have one; {@code regions} and {@code groups} map dealerships to their
     * region and dealer group.
     */
    public static void reports(TestApi api, KpiModel model, Map<String, ZoneId> zones, Map<String, String> regions,
                               Map<String, String> groups, Map<String, LocalDate> goLive, List<String[]> ranges,
                               java.time.Clock clock, Random random, String context) {
        reports(api, model, zones, regions, groups, goLive, null, ranges, clock, random, context);
    }

    /**
     * As above, and with {@code targets} (dealerships by id with what the target rules need) also each month's
     * target counts and the national roll-up's rows, one per dealership with a profile or an update.
     */
    public static void reports(TestApi api, KpiModel model, Map<String, ZoneId> zones, Map<String, String> regions,
                               Map<String, String> groups, Map<String, LocalDate> goLive, Targets targets,
                               List<String[]> ranges, java.time.Clock clock, Random random, String context) {
        // reports read indexes, which real DynamoDB updates a moment after the write: only there may they lag
        long deadline = System.nanoTime() + (api.backend().indexesAreSynchronous() ? 0 : 10_000_000_000L);
        while (true) {
            try {
                reportsOnce(api, model, zones, regions, groups, goLive, targets, ranges, clock, random, context);
                return;
            } catch (AssertionError lagOrDefect) {
                if (System.nanoTime() > deadline) {
                    throw lagOrDefect;
                }
                sleep();
            }
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** What the target checks need: the independent model, and each dealership as it sees them (and which have profiles). */
    public record Targets(TargetModel model, Map<String, TargetModel.Dealer> dealers, java.util.Set<String> withProfile) {
    }

    private static void reportsOnce(TestApi api, KpiModel model, Map<String, ZoneId> zones, Map<String, String> regions,
                                    Map<String, String> groups, Map<String, LocalDate> goLive, Targets targets, List<String[]> ranges, java.time.Clock clock,
                                    Random random, String context) {
        for (String[] query : ranges) {
            Map<String, long[]> regionSums = new HashMap<>();
            Map<String, long[]> perDealership = new TreeMap<>();
            for (String d : zones.keySet()) {
                ZoneId zone = zones.get(d);
                // today as the report sees it: a long run (moto) can cross a dealership's midnight after it started
                Instant asked = clock.instant();
                Reply kpi = api.get(Caller.dealer(d), "/dealerships/" + d + "/kpi?" + query[0]);
                assertEquals(200, kpi.status(), context + " " + kpi);
                LocalDate from = LocalDate.parse((String) kpi.map("range").get("from"));
                LocalDate to = LocalDate.parse((String) kpi.map("range").get("to"));
                assertEquals(expectedRange(query[0], d, zone, model, asked, goLive), from + ".." + to, context + " range " + d + " " + query[0]);

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
                assertEquals(timeToConvert(model, d, zone, from, to), kpi.map("timeToConvert"), where + " time to convert");
                assertEquals(cohorts(model, d, zone, from, to), cohortRows(api.get(Caller.dealer(d),
                        "/dealerships/" + d + "/kpi/cohorts?from=" + from + "&to=" + to)), where + " cohorts");
                for (Map<String, Object> row : kpi.list("monthly")) {
                    long[] expected = months.getOrDefault(YearMonth.parse((String) row.get("month")), new long[4]);
                    assertEquals(expected[0], ((Number) row.get("contacted")).longValue(), where + " " + row);
                    assertEquals(expected[3], ((Number) row.get("sold")).longValue(), where + " " + row);
                }
                if (regions.get(d) != null) {
                    // region names match case-insensitively, ignoring surrounding spaces
                    regionSums.merge(regions.get(d).trim().toLowerCase(java.util.Locale.ROOT), counts, (a, b) -> new long[]{a[0] + b[0], a[1] + b[1], a[2] + b[2], a[3] + b[3]});
                }
                perDealership.put(d, counts);
                if (targets != null) {
                    monthlyTargets(kpi, targets.dealers().get(d), targets.model(), from, to, asked, where);
                }

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
            if (targets != null) {
                nationalRows(api, query[0], perDealership, targets.withProfile(), context);
            }
            groupRollUps(api, groups, perDealership, query[0], context);
            for (String region : new java.util.TreeSet<>(regions.values())) {
                Reply rollUp = api.get(Caller.national(), "/regions/" + region.trim() + "/kpi?" + query[0]);
                assertEquals(200, rollUp.status(), context + " " + rollUp);
                long[] expected = regionSums.getOrDefault(region.trim().toLowerCase(java.util.Locale.ROOT), new long[4]);
                for (int s = 0; s < 4; s++) {
                    assertEquals(expected[s], ((Number) rollUp.map("counts").get(KpiModel.STAGES.get(s).toLowerCase())).longValue(),
                            context + " region " + region + " " + query[0]);
                }
            }
        }
    }

    /**
     * Each dealer group's roll-up, as one of its managers asks for it (the name spelled as the user pool spells it):
     * its rows are the group's dealerships and its counts their sums.
     */
    private static void groupRollUps(TestApi api, Map<String, String> groups, Map<String, long[]> perDealership,
                                     String query, String context) {
        Map<String, List<String>> members = new TreeMap<>();
        groups.forEach((d, group) -> members.computeIfAbsent(TargetModel.groupKey(group), k -> new ArrayList<>()).add(d));
        members.forEach((group, dealerships) -> {
            Reply rollUp = api.get(Caller.groupManager(group), "/groups/" + group + "/kpi?" + query);
            assertEquals(200, rollUp.status(), context + " " + rollUp);
            assertEquals(new java.util.TreeSet<>(dealerships), new java.util.TreeSet<>(rollUp.list("dealerships").stream()
                    .map(row -> (String) row.get("dealershipId")).toList()), context + " group " + group + " rows");
            for (int s = 0; s < 4; s++) {
                int stage = s;
                long sum = dealerships.stream().mapToLong(d -> perDealership.get(d)[stage]).sum();
                assertEquals(sum, ((Number) rollUp.map("counts").get(KpiModel.STAGES.get(s).toLowerCase())).longValue(),
                        context + " group " + group + " " + query);
            }
        });
    }

    /**
     * Each month's target in the answer equals the model's within the rounding to one decimal, and the printed months
     * add up to the printed total.
     */
    private static void monthlyTargets(Reply kpi, TargetModel.Dealer dealer, TargetModel targets, LocalDate from, LocalDate to,
                                       Instant now, String where) {
        LocalDate today = now.atZone(dealer.zone()).toLocalDate();
        @SuppressWarnings("unchecked")
        Map<String, Object> total = (Map<String, Object>) kpi.map("targets").get("counts");
        double[] sums = new double[4];
        for (Map<String, Object> row : kpi.list("monthly")) {
            YearMonth month = YearMonth.parse((String) row.get("month"));
            LocalDate first = month.atDay(1).isBefore(from) ? from : month.atDay(1);
            LocalDate last = month.atEndOfMonth().isAfter(to) ? to : month.atEndOfMonth();
            double[] expected = targets.monthTarget(dealer, month, first, last, today);
            @SuppressWarnings("unchecked")
            Map<String, Object> target = (Map<String, Object>) row.get("target");
            if (expected == null) {
                assertEquals(null, target, where + " target of " + month);
                continue;
            }
            for (int s = 0; s < 4; s++) {
                double actual = ((Number) target.get(KpiModel.STAGES.get(s).toLowerCase())).doubleValue();
                assertEquals(Math.round(expected[s] * 10) / 10.0, actual, 0.1 + 1e-9, where + " target of " + month + " " + KpiModel.STAGES.get(s));
                sums[s] += actual;
            }
        }
        for (int s = 0; s < 4 && total != null; s++) {
            double printed = ((Number) total.get(KpiModel.STAGES.get(s).toLowerCase())).doubleValue();
            assertEquals(printed, Math.round(sums[s] * 10) / 10.0, 1e-9, where + " the months' targets add up to the total");
        }
    }

    /** The contact cohorts as the model makes them: per month, its contacts in the range and the stages they reached. */
    private static Map<String, List<Long>> cohorts(KpiModel model, String dealershipId, ZoneId zone, LocalDate from, LocalDate to) {
        Map<String, List<Long>> rows = new TreeMap<>();
        for (YearMonth month = YearMonth.from(from); !month.isAfter(YearMonth.from(to)); month = month.plusMonths(1)) {
            rows.put(month.toString(), new ArrayList<>(List.of(0L, 0L, 0L, 0L)));
        }
        for (String key : model.agreements().keySet()) {
            String[] parts = key.split("/");
            Map<String, KpiModel.Mark> marks = parts[0].equals(dealershipId) ? model.milestones(dealershipId, parts[1]) : Map.of();
            KpiModel.Mark contacted = marks.get("CONTACTED");
            LocalDate on = contacted == null ? null : contacted.at().atZone(zone).toLocalDate();
            if (on != null && !on.isBefore(from) && !on.isAfter(to)) {
                List<Long> row = rows.get(YearMonth.from(on).toString());
                for (int s = 0; s < 4; s++) {
                    if (marks.containsKey(KpiModel.STAGES.get(s))) {
                        row.set(s, row.get(s) + 1);
                    }
                }
            }
        }
        return rows;
    }

    /** A cohorts answer as month to its four counts. */
    private static Map<String, List<Long>> cohortRows(Reply cohorts) {
        assertEquals(200, cohorts.status(), cohorts.toString());
        Map<String, List<Long>> rows = new TreeMap<>();
        for (Map<String, Object> row : cohorts.list("cohorts")) {
            rows.put((String) row.get("month"), KpiModel.STAGES.stream()
                    .map(stage -> ((Number) row.get(stage.toLowerCase())).longValue()).toList());
        }
        return rows;
    }

    /** Time to convert as the model's sales in the range make it, in the answer's shape. */
    private static Map<String, Object> timeToConvert(KpiModel model, String dealershipId, ZoneId zone, LocalDate from,
                                                     LocalDate to) {
        List<Map<com.dealerkpi.domain.status.Stage, Instant>> sales = new ArrayList<>();
        for (String key : model.agreements().keySet()) {
            String[] parts = key.split("/");
            Map<String, KpiModel.Mark> marks = parts[0].equals(dealershipId) ? model.milestones(dealershipId, parts[1]) : Map.of();
            KpiModel.Mark sold = marks.get("SOLD");
            LocalDate soldOn = sold == null ? null : sold.at().atZone(zone).toLocalDate();
            if (soldOn != null && !soldOn.isBefore(from) && !soldOn.isAfter(to)) {
                Map<com.dealerkpi.domain.status.Stage, Instant> moments = new java.util.EnumMap<>(com.dealerkpi.domain.status.Stage.class);
                marks.forEach((stage, mark) -> moments.put(com.dealerkpi.domain.status.Stage.valueOf(stage), mark.at()));
                sales.add(moments);
            }
        }
        com.dealerkpi.domain.report.TimeToConvert expected = com.dealerkpi.domain.report.TimeToConvert.of(sales);
        Map<String, Object> shape = new java.util.LinkedHashMap<>();
        shape.put("contactedToAppointed", expected.contactedToAppointed());
        shape.put("appointedToAttended", expected.appointedToAttended());
        shape.put("attendedToSold", expected.attendedToSold());
        shape.put("contactedToSold", expected.contactedToSold());
        return shape;
    }

    /** The national roll-up lists every dealership with a profile or an update, each with its own counts. */
    private static void nationalRows(TestApi api, String query, Map<String, long[]> perDealership, java.util.Set<String> withProfile,
                                     String context) {
        Reply national = api.get(Caller.national(), "/kpi?" + query + "&sort=sold");
        assertEquals(200, national.status(), context + " " + national);
        Map<String, long[]> rows = new TreeMap<>();
        long previousSold = Long.MAX_VALUE;
        for (Map<String, Object> row : national.list("dealerships")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> counts = (Map<String, Object>) row.get("counts");
            long[] values = new long[4];
            for (int s = 0; s < 4; s++) {
                values[s] = ((Number) counts.get(KpiModel.STAGES.get(s).toLowerCase())).longValue();
            }
            rows.put((String) row.get("dealershipId"), values);
            assertEquals(withProfile.contains((String) row.get("dealershipId")), row.get("profile"), context + " " + row);
            assertTrue(values[3] <= previousSold, context + " sort=sold puts most sales first");
            previousSold = values[3];
        }
        assertEquals(perDealership.keySet(), rows.keySet(), context + " national roll-up dealerships " + query);
        perDealership.forEach((d, counts) -> assertEquals(java.util.Arrays.toString(counts), java.util.Arrays.toString(rows.get(d)),
                context + " national row " + d + " " + query));
    }

    /** The four named ranges, then {@code count} random custom ranges in [first, last], half of them only days long. */
    public static List<String[]> randomRanges(Random random, LocalDate first, LocalDate last, int count) {
        List<String[]> ranges = new ArrayList<>(List.of(
                new String[]{"range=ytd"}, new String[]{"range=mtd"}, new String[]{"range=last-month"}, new String[]{"range=all"}));
        long span = java.time.temporal.ChronoUnit.DAYS.between(first, last);
        for (int i = 0; i < count; i++) {
            LocalDate from = first.plusDays(random.nextInt((int) span));
            LocalDate to = random.nextBoolean() ? from.plusDays(random.nextInt(3)) : from.plusDays(random.nextInt(200));
            ranges.add(new String[]{"from=" + from + "&to=" + (to.isAfter(last) ? last : to)});
        }
        return ranges;
    }

    /** The contract's range rules, computed independently. */
    private static String expectedRange(String query, String dealership, ZoneId zone, KpiModel model, Instant now,
                                        Map<String, LocalDate> goLive) {
        LocalDate today = now.atZone(zone).toLocalDate();
        return switch (query) {
            case "range=ytd" -> LocalDate.of(today.getYear(), 1, 1) + ".." + today;
            case "range=mtd" -> today.withDayOfMonth(1) + ".." + today;
            case "range=last-month" -> YearMonth.from(today).minusMonths(1).atDay(1) + ".." + YearMonth.from(today).minusMonths(1).atEndOfMonth();
            case "range=all" -> {
                // the earliest of go-live and the first update that counts, of any status (no milestone is earlier)
                java.util.Optional<LocalDate> first = model.agreements().keySet().stream()
                        .filter(k -> k.startsWith(dealership + "/"))
                        .flatMap(k -> model.history(dealership, k.substring(dealership.length() + 1)).stream())
                        .map(e -> e.at().atZone(zone).toLocalDate()).min(Comparator.naturalOrder());
                LocalDate start = first.map(f -> goLive.containsKey(dealership) && goLive.get(dealership).isBefore(f)
                        ? goLive.get(dealership) : f).orElse(goLive.getOrDefault(dealership, today));
                yield (start.isAfter(today) ? today : start) + ".." + today;
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
