package com.dealerkpi.domain.report;

import com.dealerkpi.domain.status.Stage;

import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** What a report compares itself with: the period just before, or the same dates a year earlier. */
public enum CompareWith {
    PREVIOUS("previous"), LAST_YEAR("last-year");

    private final String wire;

    CompareWith(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<CompareWith> parse(String raw) {
        String lower = raw.trim().toLowerCase(Locale.ROOT);
        for (CompareWith compare : values()) {
            if (compare.wire.equals(lower)) {
                return Optional.of(compare);
            }
        }
        return Optional.empty();
    }

    /**
     * The range compared with, in the same zone: {@code previous} is as many local days ending the day before
     * {@code from}; {@code last-year} the same dates a year earlier (29 February becomes 28 February).
     */
    public DateRange rangeFor(DateRange range) {
        return switch (this) {
            case PREVIOUS -> {
                long days = ChronoUnit.DAYS.between(range.from(), range.to()) + 1;
                yield DateRange.custom(range.from().minusDays(days), range.from().minusDays(1), range.zone());
            }
            case LAST_YEAR -> DateRange.custom(range.from().minusYears(1), range.to().minusYears(1), range.zone());
        };
    }

    /** The comparison of a report: its range and counts. */
    public record Comparison(DateRange range, KpiCounts counts) {
        /** How much each count of the report changed from these, as a whole percentage; null where these are 0. */
        public Map<Stage, Integer> changePercent(KpiCounts current) {
            return change(current, counts);
        }
    }

    /** Each stage's change from {@code before} to {@code after}, as a whole percentage; null where before is 0. */
    public static Map<Stage, Integer> change(KpiCounts after, KpiCounts before) {
        Map<Stage, Integer> change = new EnumMap<>(Stage.class);
        for (Stage stage : Stage.values()) {
            long was = before.get(stage);
            change.put(stage, was == 0 ? null : KpiMaths.wholePercent((double) (after.get(stage) - was) / was));
        }
        return change;
    }
}
