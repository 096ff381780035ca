package com.dealerkpi.domain.report;

import com.dealerkpi.domain.status.Stage;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where a year or month to date is heading: each count × (days from {@code from} to {@code until}) ÷ (days from
 * {@code from} to today), days counted inclusively, one decimal; {@code until} is the year's or month's last day.
 */
public record Pace(LocalDate until, Map<Stage, Double> counts) {

    /** The pace of a year-to-date or month-to-date range (whose last day is today); none for other ranges. */
    public static Optional<Pace> of(DateRange range, KpiCounts counts) {
        LocalDate until = switch (range.kind()) {
            case YTD -> range.from().withDayOfYear(range.from().lengthOfYear());
            case MTD -> range.from().withDayOfMonth(range.from().lengthOfMonth());
            default -> null;
        };
        if (until == null) {
            return Optional.empty();
        }
        double factor = (double) (ChronoUnit.DAYS.between(range.from(), until) + 1)
                / (ChronoUnit.DAYS.between(range.from(), range.to()) + 1);
        Map<Stage, Double> projected = new EnumMap<>(Stage.class);
        for (Stage stage : Stage.values()) {
            projected.put(stage, KpiMaths.round(counts.get(stage) * factor, 1));
        }
        return Optional.of(new Pace(until, projected));
    }
}
