package com.dealerkpi.domain.report;

import com.dealerkpi.domain.settings.Profile;
import com.dealerkpi.domain.status.Stage;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A region, brand or national report: the sum over the dealerships in scope, each of whose ranges was read in
 * its own time zone, with one row per dealership.
 */
public record RollUp(String scope, RangeKind kind, List<Row> dealerships, KpiCounts counts,
                     KpiReport.TargetCounts targetCounts, List<KpiReport.MonthRow> monthly, List<String> notes,
                     KpiCounts comparisonCounts) {

    /**
     * One dealership's part: its report, its profile (or none: a dealership with updates only), and the counts of
     * the range it is compared with (null when no comparison was asked for).
     */
    public record Row(KpiReport report, Profile profile, boolean hasProfile, CompareWith.Comparison comparison) {
        String sortName() {
            return (profile.name() != null ? profile.name() : profile.dealershipId()).toLowerCase(Locale.ROOT);
        }
    }

    /** The orders of the dealership rows a caller may ask for ({@code sort}). */
    public enum Sort {
        /** By name (the dealership id where there is none), A to Z. */
        NAME(Comparator.comparing(Row::sortName)),
        /** Fewest contacts per sale first; rows without a ratio last. */
        CONTACT_TO_SALE(Comparator.comparing((Row r) -> r.report().contactToSale(),
                Comparator.nullsLast(Comparator.naturalOrder()))),
        /** Furthest ahead of the sold target first; rows without a target last. */
        OF_TARGET(Comparator.comparing((Row r) -> r.report().ofTarget().get(Stage.SOLD),
                Comparator.nullsLast(Comparator.reverseOrder()))),
        /** Most sales first. */
        SOLD(Comparator.comparing((Row r) -> r.report().counts().sold(), Comparator.reverseOrder()));

        private final Comparator<Row> order;

        Sort(Comparator<Row> order) {
            this.order = order.thenComparing(r -> r.report().dealershipId());
        }

        public static java.util.Optional<Sort> parse(String raw) {
            String wanted = raw.trim().replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
            for (Sort sort : values()) {
                if (sort.name().replace("_", "").toLowerCase(Locale.ROOT).equals(wanted)) {
                    return java.util.Optional.of(sort);
                }
            }
            return java.util.Optional.empty();
        }
    }

    public static RollUp of(String scope, RangeKind kind, List<Row> rows, Sort sort) {
        KpiCounts counts = KpiCounts.ZERO;
        KpiReport.TargetCounts targets = null;
        Map<YearMonth, KpiCounts> months = new TreeMap<>();
        Map<YearMonth, KpiReport.TargetCounts> monthTargets = new TreeMap<>();
        int withoutTargets = 0;
        int withoutProfile = 0;
        KpiCounts compared = null;
        for (Row row : rows) {
            KpiReport part = row.report();
            counts = counts.plus(part.counts());
            if (row.comparison() != null) {
                compared = (compared == null ? KpiCounts.ZERO : compared).plus(row.comparison().counts());
            }
            if (part.targetCounts() != null) {
                targets = targets == null ? part.targetCounts() : targets.plus(part.targetCounts());
            } else {
                withoutTargets++;
            }
            withoutProfile += row.hasProfile() ? 0 : 1;
            for (KpiReport.MonthRow month : part.monthly()) {
                months.merge(month.month(), month.counts(), KpiCounts::plus);
                if (month.target() != null) {
                    monthTargets.merge(month.month(), month.target(), KpiReport.TargetCounts::plus);
                }
            }
        }
        List<KpiReport.MonthRow> monthly = new ArrayList<>();
        months.forEach((month, c) -> monthly.add(new KpiReport.MonthRow(month, c, monthTargets.get(month))));
        List<Row> sorted = new ArrayList<>(rows);
        sorted.sort(sort.order);
        return new RollUp(scope, kind, List.copyOf(sorted), counts, targets, List.copyOf(monthly),
                notes(rows, counts, withoutTargets, withoutProfile), compared);
    }

    private static List<String> notes(List<Row> rows, KpiCounts counts, int withoutTargets, int withoutProfile) {
        List<String> notes = new ArrayList<>();
        if (rows.isEmpty()) {
            notes.add("No dealership is in this scope yet.");
            return notes;
        }
        notes.addAll(KpiReport.funnelNotes(rows.get(0).report().range(), counts));
        KpiReport.ratioNote(counts).ifPresent(notes::add);
        if (withoutTargets > 0) {
            notes.add(withoutTargets + " of " + rows.size() + " dealerships have no database size in this range, so"
                    + " they are missing from the target counts.");
        }
        if (withoutProfile > 0) {
            notes.add(withoutProfile + " of " + rows.size() + " dealerships have updates but no profile yet (\"profile\":"
                    + " false): they count in every sum, in Europe/London days, without targets.");
        }
        return notes;
    }

    public Double contactToSale() {
        return counts.contactToSale().ratio();
    }

    public Double targetContactToSale() {
        return targetCounts == null ? null : KpiMaths.ratio(targetCounts.contacted(), targetCounts.sold(), 2);
    }
}
