package com.dealerkpi.domain.report;

import com.dealerkpi.domain.FieldError;
import com.dealerkpi.domain.InvalidInputException;
import com.dealerkpi.domain.LocalDates;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The range a caller asked for ({@code range}, {@code from}, {@code to}), checked before any dealership's
 * time zone is known. Giving dates means custom; both are needed, from ≤ to, within 2000-01-01..2099-12-31.
 */
public record RangeRequest(RangeKind kind, LocalDate from, LocalDate to) {

    public static RangeRequest parse(Optional<String> range, Optional<String> from, Optional<String> to) {
        List<FieldError> errors = new ArrayList<>();
        RangeKind kind = RangeKind.YTD;
        if (range.isPresent()) {
            kind = RangeKind.parse(range.get()).orElse(null);
            if (kind == null) {
                errors.add(new FieldError("range", "must be one of ytd, mtd, last-month, all, custom"));
            }
        }
        LocalDate fromDate = date("from", from, errors);
        LocalDate toDate = date("to", to, errors);
        boolean datesGiven = from.isPresent() || to.isPresent();
        if (datesGiven && kind != null && kind != RangeKind.CUSTOM && range.isPresent()) {
            errors.add(new FieldError("range", "from/to make a custom range; leave range out or set range=custom"));
        }
        if (datesGiven || kind == RangeKind.CUSTOM) {
            kind = RangeKind.CUSTOM;
            if (from.isEmpty()) {
                errors.add(new FieldError("from", "is required for a custom range (YYYY-MM-DD)"));
            }
            if (to.isEmpty()) {
                errors.add(new FieldError("to", "is required for a custom range (YYYY-MM-DD)"));
            }
        }
        if (fromDate != null && toDate != null && fromDate.isAfter(toDate)) {
            errors.add(new FieldError("from", "must not be after to"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return new RangeRequest(kind, fromDate, toDate);
    }

    private static LocalDate date(String field, Optional<String> text, List<FieldError> errors) {
        return text.map(value -> LocalDates.parse(field, value, errors)).orElse(null);
    }

    /** The concrete range for a dealership on its local {@code today}. */
    public DateRange resolve(LocalDate today, ZoneId zone, LocalDate allTimeStart) {
        return kind == RangeKind.CUSTOM ? DateRange.custom(from, to, zone) : DateRange.resolve(kind, today, zone, allTimeStart);
    }

    /** Whether resolving needs to know where the all-time view starts. */
    public boolean needsAllTimeStart() {
        return kind == RangeKind.ALL;
    }
}
