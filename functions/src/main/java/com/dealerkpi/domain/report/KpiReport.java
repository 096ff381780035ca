package com.dealerkpi.domain.report;

import com.dealerkpi.domain.settings.EffectiveTargets;
import com.dealerkpi.domain.settings.Profile;
import com.dealerkpi.domain.settings.TargetField;
import com.dealerkpi.domain.status.Stage;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A dealership's KPI report for one range: counts, stage rates, the contact-to-sale ratio, the targets in force and
 * the target counts they ask for month by month, the monthly series, and notes that explain anything surprising.
 *
 * @param targets       the rates and sources in force in the range's last month (the current month if the range
 *                      ends later), with that month's database size
 * @param targetCounts  the sum of the monthly targets (null when no month has a database size)
 * @param contactRate   contacted per database size and month of target days ({@code rates.contactRatePerMonth})
 */
public record KpiReport(String dealershipId, DateRange range, KpiCounts counts, EffectiveTargets targets,
                        Long databaseSize, TargetCounts targetCounts, Double contactRate, List<MonthRow> monthly,
                        List<String> notes) {

    /** A calendar month of the series (clipped to the range), its counts and its target (null without a database size). */
    public record MonthRow(YearMonth month, KpiCounts counts, TargetCounts target) {
        public Double contactToSale() {
            return counts.contactToSale().ratio();
        }
    }

    /** What the targets ask for (unrounded; {@link #rounded()} is what answers show). */
    public record TargetCounts(double contacted, double appointed, double attended, double sold) {
        /** As answers show target counts: one decimal. */
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
    }

    /**
     * Builds the report from one count per month of {@code range.months()} (in order), the dealership's profile
     * (database size by month, go-live, time zone), its target layers, and its local today.
     */
    public static KpiReport build(Profile profile, DateRange range, List<KpiCounts> perMonth,
                                  List<EffectiveTargets.Layer> layers, LocalDate today) {
        List<DateRange.MonthSlice> months = range.months();
        if (months.size() != perMonth.size()) {
            throw new IllegalArgumentException("one count per month of the range is needed");
        }
        List<MonthRow> monthly = new ArrayList<>();
        KpiCounts total = KpiCounts.ZERO;
        TargetCounts targetTotal = null;
        double sizedMonths = 0;
        for (int i = 0; i < months.size(); i++) {
            DateRange.MonthSlice slice = months.get(i);
            Optional<Long> size = profile.databaseSizeIn(slice.month());
            double share = (double) targetDays(slice, profile.goLiveDate(), today) / slice.month().lengthOfMonth();
            TargetCounts target = size.map(s -> targetCounts(s * share,
                    EffectiveTargets.in(slice.month(), profile.timezone(), layers))).orElse(null);
            monthly.add(new MonthRow(slice.month(), perMonth.get(i), target));
            total = total.plus(perMonth.get(i));
            if (target != null) {
                targetTotal = targetTotal == null ? target : targetTotal.plus(target);
                sizedMonths += size.get() * share;
            }
        }
        YearMonth shown = YearMonth.from(range.to().isAfter(today) ? today : range.to());
        if (shown.isBefore(YearMonth.from(range.from()))) {
            shown = YearMonth.from(range.from());
        }
        EffectiveTargets targets = EffectiveTargets.in(shown, profile.timezone(), layers);
        Long databaseSize = profile.databaseSizeIn(shown).orElse(null);
        Double contactRate = sizedMonths == 0 ? null : KpiMaths.round(total.contacted() / sizedMonths, 4);
        return new KpiReport(profile.dealershipId(), range, total, targets, databaseSize, targetTotal, contactRate,
                List.copyOf(monthly), notes(range, total, targetTotal, profile, today));
    }

    /** The local days of a month's part of the range that carry targets: on or after go-live, and not after today. */
    static long targetDays(DateRange.MonthSlice slice, LocalDate goLive, LocalDate today) {
        LocalDate first = goLive != null && goLive.isAfter(slice.first()) ? goLive : slice.first();
        LocalDate last = today.isBefore(slice.last()) ? today : slice.last();
        return first.isAfter(last) ? 0 : ChronoUnit.DAYS.between(first, last) + 1;
    }

    /** contacted = database size × share of the month × monthly contact rate; each later stage × its rate. */
    static TargetCounts targetCounts(double sizeTimesShare, EffectiveTargets targets) {
        double contacted = sizeTimesShare * targets.get(TargetField.CONTACT_RATE_PER_MONTH);
        double appointed = contacted * targets.get(TargetField.APPOINTED_RATE);
        double attended = appointed * targets.get(TargetField.ATTENDED_RATE);
        double sold = attended * targets.get(TargetField.SOLD_RATE);
        return new TargetCounts(contacted, appointed, attended, sold);
    }

    public Double appointedPerContacted() {
        return counts.rates().appointedPerContacted();
    }

    public Double attendedPerAppointed() {
        return counts.rates().attendedPerAppointed();
    }

    public Double soldPerAttended() {
        return counts.rates().soldPerAttended();
    }

    /** Contacts per sale (null: n/a, see {@link ContactToSale#of(KpiCounts)}). */
    public Double contactToSale() {
        return counts.contactToSale().ratio();
    }

    /** The ratio the targets in force ask for, with its label. */
    public ContactToSale targetRatio() {
        return ContactToSale.of(targetContactToSale(targets));
    }

    /** Each count as a share of its target (3 decimals); null where there is no target (or a target of 0). */
    public Map<Stage, Double> ofTarget() {
        Map<Stage, Double> shares = new EnumMap<>(Stage.class);
        for (Stage stage : Stage.values()) {
            shares.put(stage, targetCounts == null ? null : KpiMaths.ratio(counts.get(stage), targetCounts.get(stage), 3));
        }
        return shares;
    }

    /** 1 / (appointed rate × attended rate × sold rate): 1.98 with the defaults, the help page's "2:1". */
    public static Double targetContactToSale(EffectiveTargets targets) {
        double conversion = targets.get(TargetField.APPOINTED_RATE) * targets.get(TargetField.ATTENDED_RATE)
                * targets.get(TargetField.SOLD_RATE);
        return KpiMaths.ratio(1, conversion, 2);
    }

    /** Plain-words explanations of what may surprise a manager reading these numbers. */
    static List<String> notes(DateRange range, KpiCounts counts, TargetCounts targets, Profile profile, LocalDate today) {
        List<String> notes = new ArrayList<>(funnelNotes(range, counts));
        ratioNote(counts).ifPresent(notes::add);
        if (profile.databaseSize().isEmpty()) {
            notes.add("Target counts need the dealership's database size: set databaseSize in its profile.");
        } else if (targets == null) {
            notes.add("No database size was in force in this range, so it has no target counts (set databaseSize with"
                    + " effectiveFrom to give earlier months one).");
        }
        if (profile.goLiveDate() != null && range.from().isBefore(profile.goLiveDate())) {
            notes.add("Targets count only from go-live (" + profile.goLiveDate() + ").");
        }
        if (range.to().isAfter(today)) {
            notes.add("Days after today (" + today + ") carry no target yet.");
        }
        return List.copyOf(notes);
    }

    /** Why the contact-to-sale ratio is n/a, if it is. */
    static Optional<String> ratioNote(KpiCounts counts) {
        if (counts.sold() == 0) {
            return counts.contacted() == 0 ? Optional.empty()
                    : Optional.of("Contact-to-sale is n/a: there were contacts but no sales in this range.");
        }
        if (counts.contacted() < counts.sold()) {
            return Optional.of("Contact-to-sale is n/a: fewer agreements were first contacted (" + counts.contacted()
                    + ") than sold (" + counts.sold() + ") in this range, because the rest were contacted before it.");
        }
        return Optional.empty();
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
        return String.format("%s (%d) is higher than %s (%d). ", laterStage.title(), later, earlierStage.title(), earlier)
                + "Each stage is counted on the day an agreement first reached it, and some of these agreements"
                + " reached " + earlierStage.title() + " before " + range.from() + ", outside this range. This is"
                + " common after a block of customer contact that is followed up later; the all-time view"
                + " (range=all) always shows the stages in order.";
    }
}
