package com.dealerkpi.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** Moments as text of fixed width ({@code 2026-03-01T09:30:00.000Z}), so that string order is time order. */
public final class Moments {
    private static final DateTimeFormatter FIXED = DateTimeFormatter
            .ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Moments() {
    }

    /**
     * A moment as answers give it: ISO-8601 in UTC to the millisecond, milliseconds only when not zero
     * ({@code 2026-03-01T09:30:00.835Z}, not the clock's {@code …00.835414932Z}).
     */
    public static String answered(Instant at) {
        return at.truncatedTo(ChronoUnit.MILLIS).toString();
    }

    public static String fixedWidth(Instant at) {
        return FIXED.format(at);
    }

    /**
     * Reads {@link #fixedWidth} text back, digit by digit: reports read a moment from every index row they scan, and
     * {@link Instant#parse} costs several times more per row. Text of any other shape goes to {@link Instant#parse}.
     */
    public static Instant parseFixedWidth(String text) {
        if (text.length() != 24 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':' || text.charAt(19) != '.' || text.charAt(23) != 'Z') {
            return Instant.parse(text);
        }
        int year = number(text, 0, 4);
        int month = number(text, 5, 7);
        int day = number(text, 8, 10);
        int hour = number(text, 11, 13);
        int minute = number(text, 14, 16);
        int second = number(text, 17, 19);
        int millis = number(text, 20, 23);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59 || millis < 0) {
            return Instant.parse(text);
        }
        long seconds = LocalDate.of(year, month, day).toEpochDay() * 86_400L + hour * 3_600L + minute * 60L + second;
        return Instant.ofEpochSecond(seconds, millis * 1_000_000L);
    }

    /** The decimal number in [from, to), or -1 if a character is not a digit. */
    private static int number(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
