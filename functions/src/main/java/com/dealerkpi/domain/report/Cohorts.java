package com.dealerkpi.domain.report;

import com.dealerkpi.domain.status.Stage;

import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The contact cohorts of a range: for each calendar month of the range, the agreements first contacted in it (local
 * dates, inside the range) and how many of those same agreements reached each later stage at all, up to now. Always
 * in funnel order, unlike a range's counts, whose later stages may come from contacts before the range.
 */
public final class Cohorts {
    private Cohorts() {
    }

    /** One month's cohort. */
    public record Row(YearMonth month, KpiCounts counts) {
        /** How many of the month's contacts have been sold since (3 decimals); null without contacts. */
        public Double soldPerContacted() {
            return KpiMaths.ratio(counts.sold(), counts.contacted(), 3);
        }
    }

    /**
     * @param contactedAt the range's first contacts, by agreement
     * @param reached     the stages each of those agreements has a milestone for
     */
    public static List<Row> of(DateRange range, Map<String, Instant> contactedAt, Map<String, Set<Stage>> reached) {
        Map<YearMonth, long[]> byMonth = new LinkedHashMap<>();
        for (DateRange.MonthSlice slice : range.months()) {
            byMonth.put(slice.month(), new long[4]);
        }
        contactedAt.forEach((agreement, at) -> {
            if (range.contains(at)) {
                long[] counts = byMonth.get(YearMonth.from(at.atZone(range.zone())));
                counts[Stage.CONTACTED.ordinal()]++;
                for (Stage stage : reached.getOrDefault(agreement, Set.of())) {
                    if (stage != Stage.CONTACTED) {
                        counts[stage.ordinal()]++;
                    }
                }
            }
        });
        List<Row> rows = new ArrayList<>();
        byMonth.forEach((month, counts) -> rows.add(new Row(month, KpiCounts.of(counts))));
        return rows;
    }
}
