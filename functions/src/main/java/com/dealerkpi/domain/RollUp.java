package com.dealerkpi.domain;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A region, brand or national report: the sum over the dealerships in scope, each of whose ranges was read in
 * its own time zone, with the per-dealership reports kept as rows.
 */
public record RollUp(String scope, RangeKind kind, List<KpiReport> dealerships, KpiCounts counts,
                     KpiReport.TargetCounts targetCounts, List<KpiReport.MonthRow> monthly, List<String> notes) {

    public static RollUp of(String scope, RangeKind kind, List<KpiReport> parts) {
        KpiCounts counts = KpiCounts.ZERO;
        KpiReport.TargetCounts targets = null;
        Map<YearMonth, KpiCounts> months = new TreeMap<>();
        int withoutDatabaseSize = 0;
        for (KpiReport part : parts) {
            counts = counts.plus(part.counts());
            if (part.targetCounts() != null) {
                targets = targets == null ? part.targetCounts() : targets.plus(part.targetCounts());
            } else {
                withoutDatabaseSize++;
            }
            for (KpiReport.MonthRow row : part.monthly()) {
                months.merge(row.month(), row.counts(), KpiCounts::plus);
            }
        }
        List<KpiReport.MonthRow> monthly = new ArrayList<>();
        months.forEach((month, c) -> monthly.add(new KpiReport.MonthRow(month, c)));
        List<String> notes = new ArrayList<>();
        if (parts.isEmpty()) {
            notes.add("No dealership has a profile in this scope yet.");
        }
        if (!parts.isEmpty()) {
            notes.addAll(KpiReport.funnelNotes(parts.get(0).range(), counts));
        }
        if (withoutDatabaseSize > 0 && !parts.isEmpty()) {
            notes.add(withoutDatabaseSize + " of " + parts.size() + " dealerships have no database size, so their"
                    + " contact targets are missing from the target counts.");
        }
        return new RollUp(scope, kind, List.copyOf(parts), counts, targets, List.copyOf(monthly), List.copyOf(notes));
    }

    public Double contactToSale() {
        return KpiMaths.ratio(counts.contacted(), counts.sold(), 2);
    }

    public Double targetContactToSale() {
        return targetCounts == null ? null : KpiMaths.ratio(targetCounts.contacted(), targetCounts.sold(), 2);
    }
}
