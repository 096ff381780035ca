package com.dealerkpi.domain.report;

import com.dealerkpi.domain.Months;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * A report range: whole local days {@code from}..{@code to} (inclusive) in a dealership's time zone. Its
 * instants start at local midnight, so a day with a DST change is 23 or 25 hours long, as users expect.
 */
public record DateRange(RangeKind kind, LocalDate from, LocalDate to, ZoneId zone) {

    public DateRange {
        if (from.isAfter(to)) {
            throw new IllegalArgumentException("from after to");
        }
    }

    /**
     * Resolves a range kind on a given local day. {@code allTimeStart} is where the sequential view starts (the
     * go-live date, else the first milestone); custom ranges come with their own dates.
     */
    public static DateRange resolve(RangeKind kind, LocalDate today, ZoneId zone, LocalDate allTimeStart) {
        return switch (kind) {
            case YTD -> new DateRange(kind, today.withDayOfYear(1), today, zone);
            case MTD -> new DateRange(kind, today.withDayOfMonth(1), today, zone);
            case LAST_MONTH -> {
                YearMonth last = YearMonth.from(today).minusMonths(1);
                yield new DateRange(kind, last.atDay(1), last.atEndOfMonth(), zone);
            }
            case ALL -> new DateRange(kind, allTimeStart.isAfter(today) ? today : allTimeStart, today, zone);
            case CUSTOM -> throw new IllegalArgumentException("a custom range has its own dates");
        };
    }

    public static DateRange custom(LocalDate from, LocalDate to, ZoneId zone) {
        return new DateRange(RangeKind.CUSTOM, from, to, zone);
    }

    public Instant start() {
        return from.atStartOfDay(zone).toInstant();
    }

    public Instant endExclusive() {
        return to.plusDays(1).atStartOfDay(zone).toInstant();
    }

    public boolean contains(Instant at) {
        return !at.isBefore(start()) && at.isBefore(endExclusive());
    }

    /** One slice per calendar month the range touches, clipped to the range. */
    public List<MonthSlice> months() {
        List<MonthSlice> slices = new ArrayList<>();
        for (YearMonth month : Months.between(from, to)) {
            LocalDate first = month.atDay(1).isBefore(from) ? from : month.atDay(1);
            LocalDate last = month.atEndOfMonth().isAfter(to) ? to : month.atEndOfMonth();
            slices.add(new MonthSlice(month, first, last));
        }
        return slices;
    }

    /** How many local days the range has. */
    public int days() {
        return (int) ChronoUnit.DAYS.between(from, to) + 1;
    }

    /**
     * The instants where the range's local days start, plus its end: counting milestones between consecutive
     * boundaries gives each day's count ({@link DailyCounts}).
     */
    public List<Instant> dayBoundaries() {
        List<Instant> boundaries = new ArrayList<>(days() + 1);
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            boundaries.add(day.atStartOfDay(zone).toInstant());
        }
        boundaries.add(endExclusive());
        return boundaries;
    }

    /** A calendar month's part of the range. */
    public record MonthSlice(YearMonth month, LocalDate first, LocalDate last) {
        public long daysInRange() {
            return ChronoUnit.DAYS.between(first, last) + 1;
        }
    }
}
