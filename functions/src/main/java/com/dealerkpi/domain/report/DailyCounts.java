package com.dealerkpi.domain.report;

import com.dealerkpi.domain.status.Stage;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.Map;

/**
 * Each stage's count on each local day of a range: how many agreements first reached the stage that day. What every
 * report is built from: months, totals and the days that carry targets are sums of days.
 */
public final class DailyCounts {
    private final DateRange range;
    /** Per stage, the sum of the range's days before each day (index {@code days}: the whole range's). */
    private final Map<Stage, long[]> before;

    private DailyCounts(DateRange range, Map<Stage, long[]> before) {
        this.range = range;
        this.before = before;
    }

    /** @param byStage per stage, one count per day of the range, in date order */
    public static DailyCounts of(DateRange range, Map<Stage, long[]> byStage) {
        int days = range.days();
        Map<Stage, long[]> before = new EnumMap<>(Stage.class);
        for (Stage stage : Stage.values()) {
            long[] counts = byStage.get(stage);
            if (counts == null || counts.length != days) {
                throw new IllegalArgumentException("one " + stage + " count per day of the range is needed");
            }
            // a roll-up asks each of a thousand dealerships for its months, target days and total: each a subtraction
            long[] sums = new long[days + 1];
            for (int day = 0; day < days; day++) {
                sums[day + 1] = sums[day] + counts[day];
            }
            before.put(stage, sums);
        }
        return new DailyCounts(range, before);
    }

    public DateRange range() {
        return range;
    }

    /** The counts of the days from {@code first} to {@code last} (inclusive) that are in the range; zero if none are. */
    public KpiCounts on(LocalDate first, LocalDate last) {
        LocalDate from = first.isBefore(range.from()) ? range.from() : first;
        LocalDate to = last.isAfter(range.to()) ? range.to() : last;
        if (from.isAfter(to)) {
            return KpiCounts.ZERO;
        }
        int start = (int) ChronoUnit.DAYS.between(range.from(), from);
        int end = (int) ChronoUnit.DAYS.between(range.from(), to);
        return new KpiCounts(sum(Stage.CONTACTED, start, end), sum(Stage.APPOINTED, start, end),
                sum(Stage.ATTENDED, start, end), sum(Stage.SOLD, start, end));
    }

    public KpiCounts total() {
        return on(range.from(), range.to());
    }

    private long sum(Stage stage, int start, int end) {
        long[] sums = before.get(stage);
        return sums[end + 1] - sums[start];
    }
}
