package com.dealerkpi.domain.report;

import com.dealerkpi.domain.settings.EffectiveTargets;
import com.dealerkpi.domain.settings.Profile;
import com.dealerkpi.domain.settings.TargetField;
import com.dealerkpi.domain.status.Stage;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A dealership's KPI report for one range: counts, stage rates, the contact-to-sale ratio, the targets in force and
 * the target counts they ask for month by month, the monthly series, and notes that explain anything surprising.
 * Every figure is computed here from exact values and rounded once ({@link KpiMaths}); answers and pages print it.
 *
 * @param name              the dealership's name as its profile spells it (null without one): a page shows it even
 *                          to a caller who may not read the profile
 * @param targets           the rates and sources in force in the range's last month (the current month if the range
 *                          ends later), with that month's database size
 * @param targetCounts      the sum of the monthly targets, exact (null without a database size)
 * @param targetDayCounts   the counts on the range's target days (on or after go-live, not after today): what the
 *                          targets are measured against
 * @param targetMonths      Σ over months of database size × target days ÷ days in the month (0 without a size)
 */
public record KpiReport(String dealershipId, String name, DateRange range, KpiCounts counts, EffectiveTargets targets,
                        Long databaseSize, TargetCounts targetCounts, KpiCounts targetDayCounts, double targetMonths,
                        List<MonthRow> monthly, List<String> notes) {

    /** The same report with one more note (on how it was computed). */
    public KpiReport withNote(String note) {
        List<String> more = new ArrayList<>(notes);
        more.add(note);
        return new KpiReport(dealershipId, name, range, counts, targets, databaseSize, targetCounts, targetDayCounts,
                targetMonths, monthly, List.copyOf(more));
    }

    /**
     * A calendar month of the series (clipped to the range): its counts and its target (exact; null without a database
     * size). How the targets are printed is {@link #printedTargets}: a roll-up sums its dealerships' months unprinted.
     */
    public record MonthRow(YearMonth month, KpiCounts counts, TargetCounts target) {
        public ContactToSale contactToSale() {
            return counts.contactToSale();
        }

        /** Why the month's ratio is n/a when it had activity (no sales; or sales from contacts before the month). */
        public String contactToSaleNote() {
            if (counts.sold() == 0) {
                return counts.contacted() == 0 ? null : "contacts but no sales";
            }
            return counts.contacted() < counts.sold() ? counts.sold() + " sold, " + counts.contacted() + " contacted — these"
                    + " sales come from customers contacted before the month" : null;
        }
    }

    /** What the targets ask for (exact; {@link #rounded()} is a total as printed). */
    public record TargetCounts(double contacted, double appointed, double attended, double sold) {
        /** Target contacted ÷ target sold: the contact-to-sale these targets ask for (none without target sales). */
        public ContactToSale contactToSale() {
            return sold == 0 ? ContactToSale.none(null) : ContactToSale.of(contacted / sold);
        }

        /** As a total is printed: one decimal. */
        public TargetCounts rounded() {
            return new TargetCounts(KpiMaths.round(contacted, 1), KpiMaths.round(appointed, 1),
                    KpiMaths.round(attended, 1), KpiMaths.round(sold, 1));
        }

        public TargetCounts plus(TargetCounts other) {
            return new TargetCounts(contacted + other.contacted, appointed + other.appointed,
                    attended + other.attended, sold + other.sold);
        }

        public double get(Stage stage) {
            return switch (stage) {
                case CONTACTED -> contacted;
                case APPOINTED -> appointed;
                case ATTENDED -> attended;
                case SOLD -> sold;
            };
        }

        /**
         * Parts as printed: each stage rounded to one decimal so that the parts add up to their total as printed
         * (largest remainder first); null parts stay null.
         */
        public static List<TargetCounts> shown(List<TargetCounts> parts) {
            List<Integer> present = new ArrayList<>();
            for (int i = 0; i < parts.size(); i++) {
                if (parts.get(i) != null) {
                    present.add(i);
                }
            }
            Map<Stage, List<Double>> byStage = new EnumMap<>(Stage.class);
            for (Stage stage : Stage.values()) {
                byStage.put(stage, KpiMaths.apportion(present.stream().map(i -> parts.get(i).get(stage)).toList(), 1));
            }
            List<TargetCounts> shown = new ArrayList<>(Collections.nCopies(parts.size(), (TargetCounts) null));
            for (int k = 0; k < present.size(); k++) {
                shown.set(present.get(k), new TargetCounts(byStage.get(Stage.CONTACTED).get(k),
                        byStage.get(Stage.APPOINTED).get(k), byStage.get(Stage.ATTENDED).get(k), byStage.get(Stage.SOLD).get(k)));
            }
            return shown;
        }
    }

    /**
     * Builds the report from each stage's count on each day of the range, the dealership's profile (database size by
     * month, go-live, time zone), its target layers, and its local today.
     */
    public static KpiReport build(Profile profile, DateRange range, DailyCounts daily, List<EffectiveTargets.Layer> layers,
                                  LocalDate today) {
        List<MonthRow> monthly = new ArrayList<>();
        TargetCounts targetTotal = null;
        KpiCounts targetDayCounts = KpiCounts.ZERO;
        double targetMonths = 0;
        for (DateRange.MonthSlice slice : range.months()) {
            Optional<Long> size = profile.databaseSizeIn(slice.month());
            LocalDate firstTargetDay = profile.goLiveDate() != null && profile.goLiveDate().isAfter(slice.first())
                    ? profile.goLiveDate() : slice.first();
            LocalDate lastTargetDay = today.isBefore(slice.last()) ? today : slice.last();
            long targetDays = firstTargetDay.isAfter(lastTargetDay) ? 0 : ChronoUnit.DAYS.between(firstTargetDay, lastTargetDay) + 1;
            double share = (double) targetDays / slice.month().lengthOfMonth();
            TargetCounts target = size.map(s -> targetCounts(s * share,
                    EffectiveTargets.in(slice.month(), profile.timezone(), layers))).orElse(null);
            monthly.add(new MonthRow(slice.month(), daily.on(slice.first(), slice.last()), target));
            if (target != null) {
                targetTotal = targetTotal == null ? target : targetTotal.plus(target);
                targetMonths += size.get() * share;
                if (targetDays > 0) {
                    targetDayCounts = targetDayCounts.plus(daily.on(firstTargetDay, lastTargetDay));
                }
            }
        }
        YearMonth shown = YearMonth.from(range.to().isAfter(today) ? today : range.to());
        if (shown.isBefore(YearMonth.from(range.from()))) {
            shown = YearMonth.from(range.from());
        }
        KpiCounts total = daily.total();
        return new KpiReport(profile.dealershipId(), profile.name(), range, total,
                EffectiveTargets.in(shown, profile.timezone(), layers), profile.databaseSizeIn(shown).orElse(null), targetTotal, targetDayCounts, targetMonths,
                List.copyOf(monthly), notes(range, total, monthly, profile, daily, today));
    }

    /**
     * Each month's target as printed: rounded so that the months add up to their total as printed (null where a
     * month has no target).
     */
    public static List<TargetCounts> printedTargets(List<MonthRow> months) {
        return TargetCounts.shown(months.stream().map(MonthRow::target).toList());
    }

    /** contacted = database size × share of the month × monthly contact rate; each later stage × its rate. */
    static TargetCounts targetCounts(double sizeTimesShare, EffectiveTargets targets) {
        double contacted = sizeTimesShare * targets.get(TargetField.CONTACT_RATE_PER_MONTH);
        double appointed = contacted * targets.get(TargetField.APPOINTED_RATE);
        double attended = appointed * targets.get(TargetField.ATTENDED_RATE);
        double sold = attended * targets.get(TargetField.SOLD_RATE);
        return new TargetCounts(contacted, appointed, attended, sold);
    }

    /** The target counts as printed (the exact sum rounded); null without a database size. */
    public TargetCounts shownTargetCounts() {
        return targetCounts == null ? null : targetCounts.rounded();
    }

    /** The contacts on target days per month of the database ({@code rates.contactRatePerMonth}, 4 decimals). */
    public Double contactRate() {
        return KpiMaths.ratio(targetDayCounts.contacted(), targetMonths, 4);
    }

    public ContactToSale contactToSale() {
        return counts.contactToSale();
    }

    /** The ratio the rates shown in {@link #targets} ask for (those in force in the range's last month). */
    public ContactToSale targetRatio() {
        return targetRatio(targets);
    }

    /**
     * The ratio the range's targets ask for, which the ratio is judged against: its target contacts ÷ its target
     * sales, each summed month by month with that month's rates (as a roll-up's), so a rate changed late in a
     * year-to-date weighs for its months only rather than re-judging the whole year. The same as
     * {@link #targetRatio()} where the rates do not change; that one where there are no target sales (no database
     * size, or no target days in the range).
     */
    public ContactToSale rangeTargetRatio() {
        return targetCounts == null || targetCounts.sold() == 0 ? targetRatio() : targetCounts.contactToSale();
    }

    /** 1 / (appointed rate × attended rate × sold rate): 1.98 with the defaults, the help page's "2:1". */
    static ContactToSale targetRatio(EffectiveTargets targets) {
        double conversion = targets.get(TargetField.APPOINTED_RATE) * targets.get(TargetField.ATTENDED_RATE)
                * targets.get(TargetField.SOLD_RATE);
        return conversion == 0 ? ContactToSale.none(null) : ContactToSale.of(1 / conversion);
    }

    /**
     * Each count on target days as a share of its target (3 decimals): counts and targets over the same days (a
     * contact before go-live counts in {@link #counts}, not against a target); null where there is no target (or
     * one of 0).
     */
    public Map<Stage, Double> ofTarget() {
        return ofTarget(targetDayCounts, targetCounts);
    }

    /** {@link #ofTarget()} as whole percentages (what is printed and coloured). */
    public Map<Stage, Integer> ofTargetPercent() {
        return ofTargetPercent(targetDayCounts, targetCounts);
    }

    static Map<Stage, Double> ofTarget(KpiCounts counts, TargetCounts targets) {
        Map<Stage, Double> shares = new EnumMap<>(Stage.class);
        for (Stage stage : Stage.values()) {
            shares.put(stage, targets == null ? null : KpiMaths.ratio(counts.get(stage), targets.get(stage), 3));
        }
        return shares;
    }

    static Map<Stage, Integer> ofTargetPercent(KpiCounts counts, TargetCounts targets) {
        Map<Stage, Integer> percents = new EnumMap<>(Stage.class);
        for (Stage stage : Stage.values()) {
            boolean none = targets == null || targets.get(stage) == 0;
            percents.put(stage, none ? null : KpiMaths.wholePercent(counts.get(stage) / targets.get(stage)));
        }
        return percents;
    }

    /** Said by a report counted from the milestones because the pre-aggregated counts do not serve it (yet). */
    public static final String FROM_MILESTONES_NOTE = "Counted from the milestones (exact, slower) while this"
            + " dealership's pre-aggregated counts are being built (a new time zone or dealer group, or an upgrade).";

    /** Plain-words explanations of what may surprise a manager reading these numbers. */
    static List<String> notes(DateRange range, KpiCounts counts, List<MonthRow> monthly, Profile profile,
                              DailyCounts daily, LocalDate today) {
        List<String> notes = new ArrayList<>(funnelNotes(range, counts));
        Optional.ofNullable(counts.contactToSale().note()).ifPresent(notes::add);
        notes.addAll(monthNotes(monthly));
        if (profile.databaseSize().isEmpty()) {
            notes.add("Target counts need the dealership's database size: set databaseSize in its profile.");
        }
        LocalDate goLive = profile.goLiveDate();
        if (goLive != null && range.from().isBefore(goLive)) {
            long beforeGoLive = daily.on(range.from(), goLive.minusDays(1)).contacted();
            notes.add(beforeGoLive > 0
                    ? beforeGoLive + " contact" + (beforeGoLive == 1 ? "" : "s") + " before go-live on " + goLive
                      + (beforeGoLive == 1 ? " has" : " have") + " no target: counted in the totals, not against the"
                      + " targets or in the contact rate, which start at go-live."
                    : "Targets count only from go-live (" + goLive + ").");
        }
        if (range.to().isAfter(today)) {
            notes.add("Days after today (" + today + ") carry no target yet.");
        }
        return List.copyOf(notes);
    }

    /** Each month whose ratio is n/a although it had sales, and why: its sales came from contacts before it. */
    static List<String> monthNotes(List<MonthRow> monthly) {
        List<String> notes = new ArrayList<>();
        for (MonthRow row : monthly) {
            if (row.counts().sold() > 0 && row.counts().contacted() < row.counts().sold()) {
                notes.add(row.month() + ": " + row.contactToSaleNote() + ", so its contact-to-sale is n/a.");
            }
        }
        return notes;
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
        return String.format(Locale.ROOT, "%s (%d) is higher than %s (%d). ", laterStage.title(), later, earlierStage.title(), earlier)
                + "Each stage is counted on the day an agreement first reached it, and some of these agreements"
                + " reached " + earlierStage.title() + " before " + range.from() + ", outside this range. This is"
                + " common after a block of customer contact that is followed up later; the all-time view"
                + " (range=all) always shows the stages in order.";
    }
}
