package com.dealerkpi.support;

import com.dealerkpi.domain.report.DailyCounts;
import com.dealerkpi.domain.report.DateRange;
import com.dealerkpi.domain.report.KpiCounts;
import com.dealerkpi.domain.status.Stage;

import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Day-by-day counts for report tests written month by month. */
public final class Days {
    private Days() {
    }

    /** Each month's counts on that month's first day in the range (one entry per month of the range). */
    public static DailyCounts onFirstDays(DateRange range, List<KpiCounts> months) {
        Map<Stage, long[]> byStage = new EnumMap<>(Stage.class);
        for (Stage stage : Stage.values()) {
            long[] days = new long[range.days()];
            for (int i = 0; i < months.size(); i++) {
                days[(int) ChronoUnit.DAYS.between(range.from(), range.months().get(i).first())] = months.get(i).get(stage);
            }
            byStage.put(stage, days);
        }
        return DailyCounts.of(range, byStage);
    }
}
