package com.dealerkpi.domain;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Pattern;

/** Local dates as callers send them: {@code YYYY-MM-DD}, within the years reports cover. */
public final class LocalDates {
    public static final LocalDate MIN = LocalDate.of(2000, 1, 1);
    public static final LocalDate MAX = LocalDate.of(2099, 12, 31);
    private static final Pattern SHAPE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private LocalDates() {
    }

    /** The date, or null with the problem added to {@code errors}. */
    public static LocalDate parse(String field, String text, List<FieldError> errors) {
        String value = text.trim();
        if (SHAPE.matcher(value).matches()) {
            try {
                LocalDate date = LocalDate.parse(value);
                if (!date.isBefore(MIN) && !date.isAfter(MAX)) {
                    return date;
                }
            } catch (DateTimeParseException e) {
                // reported below
            }
        }
        errors.add(new FieldError(field, "must be a date YYYY-MM-DD between 2000-01-01 and 2099-12-31"));
        return null;
    }
}
