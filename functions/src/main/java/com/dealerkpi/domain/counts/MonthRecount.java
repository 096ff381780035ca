package com.dealerkpi.domain.counts;

import com.dealerkpi.domain.status.Stage;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A dealership's months as its milestones make them, in one time zone: each stage's counters by local day, the
 * cohorts' counters (of the agreements first contacted on a day, how many have reached each later stage) and each
 * month's sales with their four moments. What its month items must hold: the verification's recount.
 */
public final class MonthRecount {
    private MonthRecount() {
    }

    /** @param agreements every agreement's milestone moments, by agreement id */
    public static Map<YearMonth, MonthSummary> of(Map<String, Map<Stage, Instant>> agreements, ZoneId zone) {
        Map<YearMonth, Map<Stage, long[]>> milestones = new TreeMap<>();
        Map<YearMonth, Map<Stage, long[]>> cohorts = new HashMap<>();
        Map<YearMonth, List<Map<Stage, Instant>>> sales = new HashMap<>();
        for (Map<Stage, Instant> moments : agreements.values()) {
            moments.forEach((stage, at) -> count(milestones, stage, at.atZone(zone)));
            Instant contacted = moments.get(Stage.CONTACTED);
            if (contacted != null) {
                ZonedDateTime local = contacted.atZone(zone);
                moments.keySet().stream().filter(CohortRecord.LATER::contains).forEach(stage -> count(cohorts, stage, local));
            }
            Instant sold = moments.get(Stage.SOLD);
            if (sold != null) {
                sales.computeIfAbsent(YearMonth.from(sold.atZone(zone)), month -> new ArrayList<>()).add(new EnumMap<>(moments));
            }
        }
        Map<YearMonth, MonthSummary> months = new TreeMap<>();
        milestones.forEach((month, counters) -> months.put(month, new MonthSummary(0, counters,
                cohorts.getOrDefault(month, MonthCounts.byDay(Map.of())), sales.getOrDefault(month, List.of()))));
        return months;
    }

    private static void count(Map<YearMonth, Map<Stage, long[]>> months, Stage stage, ZonedDateTime local) {
        months.computeIfAbsent(YearMonth.from(local), month -> MonthCounts.byDay(Map.of())).get(stage)[local.getDayOfMonth()]++;
    }
}
