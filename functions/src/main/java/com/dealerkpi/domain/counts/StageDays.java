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

    static Map<Stage, long[]> parse(String text) {
        Map<Stage, long[]> byDay = MonthCounts.byDay(Map.of());
        String[] stages = text.split(";", -1);
        for (Stage stage : Stage.values()) {
            String days = stages[stage.ordinal()].substring(1);
            if (days.isEmpty()) {
                continue;
            }
            for (String entry : days.split(",")) {
                int x = entry.indexOf('x');
                byDay.get(stage)[Integer.parseInt(entry.substring(0, x))] = Long.parseLong(entry.substring(x + 1));
            }
        }
        return byDay;
    }
}
