package com.dealerkpi.domain;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

/**
 * A dealership's KPI report for one range: counts, stage rates, the contact-to-sale ratio, effective targets
 * and the target counts they imply, the monthly series, and notes that explain anything surprising.
 */
public record KpiReport(String dealershipId, DateRange range, KpiCounts counts, EffectiveTargets targets,
                        Long databaseSize, TargetCounts targetCounts, List<MonthRow> monthly, List<String> notes) {

    /** A calendar month of the series (clipped to the range) and its counts. */
    public record MonthRow(YearMonth month, KpiCounts counts) {
        public Double contactToSale() {
            return KpiMaths.ratio(counts.contacted(), counts.sold(), 2);
        }
    }

    /** What the targets ask for over the range (unrounded; the answer rounds to one decimal). */
    public record TargetCounts(double contacted, double appointed, double attended, double sold) {
        public TargetCounts plus(TargetCounts other) {
            return new TargetCounts(contacted + other.contacted, appointed + other.appointed,
                    attended + other.attended, sold + other.sold);
        }
    }

    /**
     * Builds the report from one count per month of {@code range.months()} (in order).
     */
    public static KpiReport build(String dealershipId, DateRange range, List<KpiCounts> perMonth,
                                  EffectiveTargets targets, Long databaseSize) {
        List<DateRange.MonthSlice> months = range.months();
        if (months.size() != perMonth.size()) {
            throw new IllegalArgumentException("one count per month of the range is needed");
        }
        List<MonthRow> monthly = new ArrayList<>();
        KpiCounts total = KpiCounts.ZERO;
        for (int i = 0; i < months.size(); i++) {
            monthly.add(new MonthRow(months.get(i).month(), perMonth.get(i)));
            total = total.plus(perMonth.get(i));
        }
        TargetCounts targetCounts = targetCounts(range, targets, databaseSize);
        return new KpiReport(dealershipId, range, total, targets, databaseSize, targetCounts, List.copyOf(monthly),
                notes(range, total, databaseSize));
    }

    /**
     * contacted = database size × monthly contact rate × Σ (days of the month in range / days in that month);
     * each later stage = the one before × its rate. Null when the database size is unknown.
     */
    public static TargetCounts targetCounts(DateRange range, EffectiveTargets targets, Long databaseSize) {
        if (databaseSize == null) {
            return null;
        }
        double monthsCovered = range.months().stream().mapToDouble(DateRange.MonthSlice::fractionOfMonth).sum();
        double contacted = databaseSize * targets.get(TargetField.CONTACT_RATE_PER_MONTH) * monthsCovered;
        double appointed = contacted * targets.get(TargetField.APPOINTED_RATE);
        double attended = appointed * targets.get(TargetField.ATTENDED_RATE);
        double sold = attended * targets.get(TargetField.SOLD_RATE);
        return new TargetCounts(contacted, appointed, attended, sold);
    }

    public Double appointedPerContacted() {
        return KpiMaths.ratio(counts.appointed(), counts.contacted(), 3);
    }

    public Double attendedPerAppointed() {
        return KpiMaths.ratio(counts.attended(), counts.appointed(), 3);
    }

    public Double soldPerAttended() {
        return KpiMaths.ratio(counts.sold(), counts.attended(), 3);
    }

    public Double contactToSale() {
        return KpiMaths.ratio(counts.contacted(), counts.sold(), 2);
    }

    /** 1 / (appointed rate × attended rate × sold rate): 1.98 with the defaults, the help page's "2:1". */
    public static Double targetContactToSale(EffectiveTargets targets) {
        double conversion = targets.get(TargetField.APPOINTED_RATE) * targets.get(TargetField.ATTENDED_RATE)
                * targets.get(TargetField.SOLD_RATE);
        return KpiMaths.ratio(1, conversion, 2);
    }

    /** Plain-words explanations of what may surprise a manager reading these numbers. */
    static List<String> notes(DateRange range, KpiCounts counts, Long databaseSize) {
        List<String> notes = new ArrayList<>(funnelNotes(range, counts));
        if (databaseSize == null) {
            notes.add("Target counts need the dealership's database size: set databaseSize in its profile.");
        }
        return List.copyOf(notes);
    }

    /** A note for each later stage that counts more than the stage before it (the help page's "more Sold than Contacted"). */
    static List<String> funnelNotes(DateRange range, KpiCounts counts) {
        List<String> notes = new ArrayList<>();
        Stage[] stages = Stage.values();
        for (int i = 1; i < stages.length; i++) {
            long earlier = counts.get(stages[i - 1]);
            long later = counts.get(stages[i]);
            if (later > earlier) {
                notes.add(laterStageNote(range, stages[i - 1], earlier, stages[i], later));
            }
        }
        return notes;
    }

    private static String laterStageNote(DateRange range, Stage earlierStage, long earlier, Stage laterStage, long later) {
        String counted = String.format("%s (%d) is higher than %s (%d). ", title(laterStage), later, title(earlierStage), earlier);
        if (range.kind() == RangeKind.ALL) {
            return counted + "Some of these agreements reached " + title(earlierStage)
                    + " before the all-time view starts (" + range.from() + "), so that earlier step is not counted here.";
        }
        return counted + "Each stage is counted on the day an agreement first reached it, and some of these agreements"
                + " reached " + title(earlierStage) + " before " + range.from() + ", outside this range. This is"
                + " common after a block of customer contact that is followed up later; the all-time view"
                + " (range=all) always shows the stages in order.";
    }

    private static String title(Stage stage) {
        String name = stage.name();
        return name.charAt(0) + name.substring(1).toLowerCase(java.util.Locale.ROOT);
    }
}
