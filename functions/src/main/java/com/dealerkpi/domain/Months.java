package com.dealerkpi.domain;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Calendar months as callers send them ({@code YYYY-MM}, 2000-01 … 2099-12). */
public final class Months {
    public static final YearMonth MIN = YearMonth.of(2000, 1);
    public static final YearMonth MAX = YearMonth.of(2099, 12);
    private static final Pattern SHAPE = Pattern.compile("\\d{4}-\\d{2}");

    private Months() {
    }

    /** The month, or null with the problem added to {@code errors}. */
    /** The calendar months from the one of {@code from} to the one of {@code to}, in order. */
    public static List<YearMonth> between(LocalDate from, LocalDate to) {
        List<YearMonth> months = new ArrayList<>();
        for (YearMonth month = YearMonth.from(from); !month.isAfter(YearMonth.from(to)); month = month.plusMonths(1)) {
            months.add(month);
        }
        return months;
    }

    public static YearMonth parse(String field, String text, List<FieldError> errors) {
        String value = text.trim();
        if (SHAPE.matcher(value).matches()) {
            try {
                YearMonth month = YearMonth.parse(value);
                if (!month.isBefore(MIN) && !month.isAfter(MAX)) {
                    return month;
                }
            } catch (DateTimeParseException e) {
                // reported below
            }
        }
        errors.add(new FieldError(field, "must be a month YYYY-MM between 2000-01 and 2099-12"));
        return null;
    }
}
