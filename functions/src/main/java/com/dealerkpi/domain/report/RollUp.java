package com.dealerkpi.domain.report;

import com.dealerkpi.domain.settings.Profile;
import com.dealerkpi.domain.status.Stage;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A region, brand or national report: the sum over the dealerships in scope, each of whose ranges was read in its own
 * time zone, with one row per dealership. Printed target counts add up: the total is the exact sum rounded, and the
 * rows' and months' printed targets are rounded so that they add up to it.
 *
 * @param scope        how the scope is named: {@code national}, or {@code region:}/{@code brand:} with the spelling
 *                     most of its profiles use
 * @param dealerships  the rows in the order asked for
 */
public record RollUp(String scope, RangeKind kind, List<Row> dealerships, KpiCounts counts,
                     KpiReport.TargetCounts targetCounts, KpiCounts targetDayCounts, double targetMonths,
                     List<KpiReport.MonthRow> monthly, List<String> notes, KpiCounts comparisonCounts) {

    /** How many dealerships a note names before it says how many more. */
    private static final int NAMED_AT_MOST = 10;

    /**
     * One dealership's part: its report, its profile (or none: a dealership with updates only), the counts of the
     * range it is compared with (null when no comparison was asked for), and its target counts as the roll-up prints
     * them (null without a target).
     */
    public record Row(KpiReport report, Profile profile, boolean hasProfile, CompareWith.Comparison comparison,
                      KpiReport.TargetCounts shownTarget) {
        public Row(KpiReport report, Profile profile, boolean hasProfile, CompareWith.Comparison comparison) {
            this(report, profile, hasProfile, comparison, null);
        }

        String sortName() {
            return (profile.name() != null ? profile.name() : profile.dealershipId()).toLowerCase(Locale.ROOT);
        }

        Row showing(KpiReport.TargetCounts shown) {
            return new Row(report, profile, hasProfile, comparison, shown);
        }
    }

    /** The orders of the dealership rows a caller may ask for ({@code sort}). */
    public enum Sort {
        /** By name (the dealership id where there is none), A to Z. */
        NAME(Comparator.comparing(Row::sortName)),
        /** Fewest contacts per sale first; rows without a ratio last. */
        CONTACT_TO_SALE(Comparator.comparing((Row r) -> r.report().contactToSale().exact(),
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

        public static Optional<Sort> parse(String raw) {
            String wanted = raw.trim().replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
            for (Sort sort : values()) {
                if (sort.name().replace("_", "").toLowerCase(Locale.ROOT).equals(wanted)) {
                    return Optional.of(sort);
                }
            }
            return Optional.empty();
        }
    }

    public static RollUp of(String scope, RangeKind kind, List<Row> rows, Sort sort) {
        KpiCounts counts = KpiCounts.ZERO;
        KpiReport.TargetCounts targets = null;
        KpiCounts targetDayCounts = KpiCounts.ZERO;
        double targetMonths = 0;
        Map<YearMonth, KpiCounts> months = new TreeMap<>();
        Map<YearMonth, KpiReport.TargetCounts> monthTargets = new TreeMap<>();
        int withoutTargets = 0;
        int withoutProfile = 0;
        KpiCounts compared = null;
        for (Row row : rows) {
            KpiReport part = row.report();
            counts = counts.plus(part.counts());
            targetDayCounts = targetDayCounts.plus(part.targetDayCounts());
            targetMonths += part.targetMonths();
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
        List<YearMonth> monthOrder = List.copyOf(months.keySet());
        List<KpiReport.MonthRow> monthly = new ArrayList<>();
        for (int i = 0; i < monthOrder.size(); i++) {
            YearMonth month = monthOrder.get(i);
            monthly.add(new KpiReport.MonthRow(month, months.get(month), monthTargets.get(month)));
        }
        List<Row> sorted = new ArrayList<>(rows);
        sorted.sort(sort.order);
        List<KpiReport.TargetCounts> shownRows = KpiReport.TargetCounts.shown(sorted.stream().map(r -> r.report().targetCounts()).toList());
        List<Row> shown = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            shown.add(sorted.get(i).showing(shownRows.get(i)));
        }
        return new RollUp(scope, kind, List.copyOf(shown), counts, targets, targetDayCounts, targetMonths,
                List.copyOf(monthly), notes(rows, counts, monthly, withoutTargets, withoutProfile), compared);
    }

    private static List<String> notes(List<Row> rows, KpiCounts counts, List<KpiReport.MonthRow> monthly,
                                      int withoutTargets, int withoutProfile) {
        List<String> notes = new ArrayList<>();
        if (rows.isEmpty()) {
            notes.add("No dealership is in this scope yet.");
            return notes;
        }
        notes.addAll(KpiReport.funnelNotes(rows.get(0).report().range(), counts));
        Optional.ofNullable(counts.contactToSale().note()).ifPresent(notes::add);
        notes.addAll(KpiReport.monthNotes(monthly));
        if (withoutTargets > 0) {
            notes.add(withoutTargets + " of " + rows.size() + " dealerships have no database size, so they are missing"
                    + " from the target counts.");
        }
        if (withoutProfile > 0) {
            notes.add(withoutProfile + " of " + rows.size() + " dealerships have updates but no profile yet (\"profile\":"
                    + " false): they count in every sum, in Europe/London days, without targets.");
        }
        beforeGoLiveNote(rows).ifPresent(notes::add);
        fromMilestonesNote(rows).ifPresent(notes::add);
        return notes;
    }

    /**
     * The contacts in the sums that no target is set against: those of dealerships with targets on days before their
     * go-live (every contact of a dealership without targets is told of in the note on target counts).
     */
    private static Optional<String> beforeGoLiveNote(List<Row> rows) {
        long contacts = 0;
        int dealerships = 0;
        for (Row row : rows) {
            KpiReport part = row.report();
            LocalDate goLive = row.profile().goLiveDate();
            long withoutTarget = part.counts().contacted() - part.targetDayCounts().contacted();
            if (part.targetCounts() != null && goLive != null && part.range().from().isBefore(goLive) && withoutTarget > 0) {
                contacts += withoutTarget;
                dealerships++;
            }
        }
        if (contacts == 0) {
            return Optional.empty();
        }
        return Optional.of(contacts + " contact" + (contacts == 1 ? "" : "s") + " before " + (dealerships == 1
                ? "a dealership's go-live" : "their dealerships' go-live (" + dealerships + " dealerships)")
                + (contacts == 1 ? " has" : " have") + " no target: counted in the totals, not against the targets or in"
                + " the contact rate, which start at go-live.");
    }

    /** Which rows were counted from the milestones while their pre-aggregated counts are being built. */
    private static Optional<String> fromMilestonesNote(List<Row> rows) {
        List<String> counted = rows.stream().filter(row -> row.report().notes().contains(KpiReport.FROM_MILESTONES_NOTE))
                .map(row -> row.report().dealershipId()).sorted().toList();
        if (counted.isEmpty()) {
            return Optional.empty();
        }
        String named = String.join(", ", counted.subList(0, Math.min(counted.size(), NAMED_AT_MOST)))
                + (counted.size() > NAMED_AT_MOST ? " and " + (counted.size() - NAMED_AT_MOST) + " more" : "");
        return Optional.of(counted.size() + " of " + rows.size() + " dealerships (" + named + ") "
                + (counted.size() == 1 ? "is" : "are") + " counted from " + (counted.size() == 1 ? "its" : "their")
                + " milestones (exact, slower) while " + (counted.size() == 1 ? "its" : "their") + " pre-aggregated"
                + " counts are being built (a new time zone or dealer group, or an upgrade).");
    }

    /** The earliest first day of the dealerships' ranges (each resolved in its own zone); null without dealerships. */
    public LocalDate from() {
        return dealerships.stream().map(r -> r.report().range().from()).min(LocalDate::compareTo).orElse(null);
    }

    /** The latest last day of the dealerships' ranges. */
    public LocalDate to() {
        return dealerships.stream().map(r -> r.report().range().to()).max(LocalDate::compareTo).orElse(null);
    }

    /** The earliest first day of the dealerships' compared ranges; null without a comparison or dealerships. */
    public LocalDate comparisonFrom() {
        return dealerships.stream().filter(r -> r.comparison() != null).map(r -> r.comparison().range().from())
                .min(LocalDate::compareTo).orElse(null);
    }

    /** The latest last day of the dealerships' compared ranges. */
    public LocalDate comparisonTo() {
        return dealerships.stream().filter(r -> r.comparison() != null).map(r -> r.comparison().range().to())
                .max(LocalDate::compareTo).orElse(null);
    }

    /** The time zone of every dealership in scope, or empty when they differ (or there are none). */
    public Optional<ZoneId> zone() {
        List<ZoneId> zones = dealerships.stream().map(r -> r.report().range().zone()).distinct().toList();
        return zones.size() == 1 ? Optional.of(zones.get(0)) : Optional.empty();
    }

    /** The summed target counts as printed (the exact sum rounded; the rows' printed targets add up to it). */
    public KpiReport.TargetCounts shownTargetCounts() {
        return targetCounts == null ? null : targetCounts.rounded();
    }

    /** The contacts on target days per month of the summed databases of the dealerships that have one. */
    public Double contactRate() {
        return KpiMaths.ratio(targetDayCounts.contacted(), targetMonths, 4);
    }

    public ContactToSale contactToSale() {
        return counts.contactToSale();
    }

    /** The contact-to-sale the summed targets ask for. */
    public ContactToSale targetRatio() {
        return targetCounts == null ? ContactToSale.none(null) : targetCounts.contactToSale();
    }

    /** The summed counts on target days as a share of the summed targets (see {@link KpiReport#ofTarget()}). */
    public Map<Stage, Double> ofTarget() {
        return KpiReport.ofTarget(targetDayCounts, targetCounts);
    }

    public Map<Stage, Integer> ofTargetPercent() {
        return KpiReport.ofTargetPercent(targetDayCounts, targetCounts);
    }
}
