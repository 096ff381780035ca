package com.dealerkpi.domain.counts;

import com.dealerkpi.domain.status.Stage;

import java.util.Map;

/**
 * Each stage's counts by day of a month as stored in a copy: the stages in order, separated by {@code ;}, each its
 * letter and the days that count, e.g. {@code C3x2,5x1;A;T5x1;S}.
 */
final class StageDays {
    private static final String STAGE_LETTERS = "CATS";

    private StageDays() {
    }

    static void append(StringBuilder text, Map<Stage, long[]> byDay) {
        for (Stage stage : Stage.values()) {
            if (stage.ordinal() > 0) {
                text.append(';');
            }
            text.append(STAGE_LETTERS.charAt(stage.ordinal()));
            long[] counts = byDay.get(stage);
            boolean first = true;
            for (int day = 1; day < counts.length; day++) {
                if (counts[day] != 0) {
                    text.append(first ? "" : ",").append(day).append('x').append(counts[day]);
                    first = false;
                }
            }
        }
    }

    /** A month's counts by day (index 1 to 31) from {@code text}, its stages beginning at {@code start}. */
    static Map<Stage, long[]> parse(String text, int start) {
        Map<Stage, long[]> byDay = MonthCounts.byDay(Map.of());
        copyDays(text, start, 1, 31, byDay, 1);
        return byDay;
    }

    /**
     * Each stage's counts of the days {@code firstDay..lastDay} of {@code text} (from {@code start}) into
     * {@code into}, day {@code firstDay} at {@code offset}: read in one pass, straight into a range's arrays, as a
     * roll-up reads each of thousands of copies once.
     */
    static void copyDays(String text, int start, int firstDay, int lastDay, Map<Stage, long[]> into, int offset) {
        Scanner scan = new Scanner(text, start);
        for (Stage stage : Stage.values()) {
            if (stage.ordinal() > 0) {
                scan.expect(';');
            }
            scan.expect(STAGE_LETTERS.charAt(stage.ordinal()));
            long[] counts = into.get(stage);
            long previous = 0;
            if (scan.more() && scan.peek() != ';') {
                do {
                    long day = scan.number();
                    scan.expect('x');
                    long count = scan.number();
                    if (day <= previous || day > 31) {
                        throw scan.broken();
                    }
                    previous = day;
                    if (day >= firstDay && day <= lastDay) {
                        counts[offset + (int) day - firstDay] = count;
                    }
                } while (scan.skip(','));
            }
        }
        if (scan.more()) {
            throw scan.broken();
        }
    }

    /**
     * A cursor over stored counts that refuses anything {@link #append} does not write: days in rising order, and
     * numbers without a leading zero (no day and no count that is written is 0).
     */
    private static final class Scanner {
        private final String text;
        private int at;

        Scanner(String text, int at) {
            this.text = text;
            this.at = at;
        }

        boolean more() {
            return at < text.length();
        }

        char peek() {
            return text.charAt(at);
        }

        boolean skip(char c) {
            boolean there = more() && peek() == c;
            if (there) {
                at++;
            }
            return there;
        }

        void expect(char c) {
            if (!more() || text.charAt(at) != c) {
                throw broken();
            }
            at++;
        }

        long number() {
            boolean negative = more() && peek() == '-';
            if (negative) {
                at++;
            }
            if (!more() || peek() < '1' || peek() > '9') {
                throw broken();
            }
            long value = 0;
            try {
                while (more() && peek() >= '0' && peek() <= '9') {
                    // as a negative number, so that Long.MIN_VALUE reads back as written
                    value = Math.subtractExact(Math.multiplyExact(value, 10), peek() - '0');
                    at++;
                }
                return negative ? value : Math.negateExact(value);
            } catch (ArithmeticException tooLong) {
                throw broken();
            }
        }

        IllegalArgumentException broken() {
            return new IllegalArgumentException("not stored counts by day at " + at + ": " + text);
        }
    }
}
