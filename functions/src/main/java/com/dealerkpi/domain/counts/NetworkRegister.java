package com.dealerkpi.domain.counts;

import com.dealerkpi.domain.status.Stage;

import java.util.Locale;
import java.util.Map;

/**
 * One dealership's month as the network's month items hold it, for the roll-ups: a copy of the counters of its month
 * item (each stage by day), tagged with the generation and the month item's version it was copied at. Copies only
 * move to a higher tag, so the last one standing is the month as its last write left it.
 */
public record NetworkRegister(long generation, long version, Map<Stage, long[]> byDay) {
    /** The largest generation a listing or a copy stores in its fixed width (a new one at most daily: millennia). */
    static final long MAX_GENERATION = 999_999;
    /** The largest month version a copy or a summary stores in its fixed width. */
    static final long MAX_VERSION = 999_999_999_999L;
    private static final int GENERATION_WIDTH = 6;
    private static final int VERSION_WIDTH = 12;
    /** Where the tag's {@code |} is: after the generation and the version, each at its fixed width. */
    private static final int TAG_WIDTH = GENERATION_WIDTH + VERSION_WIDTH;

    /**
     * As stored: the tag at a fixed width, so stored values order as their tags do (a write's condition compares
     * them), then each stage's days that count, e.g. {@code 000002000000000017|C3x2,5x1;A;T5x1;S}.
     */
    public String format() {
        if (generation > MAX_GENERATION || version > MAX_VERSION) {
            throw new IllegalStateException("a copy's tag past its fixed width would order wrongly: " + generation + "/" + version);
        }
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%0" + GENERATION_WIDTH + "d%0" + VERSION_WIDTH + "d|", generation, version));
        StageDays.append(text, byDay);
        return text.toString();
    }

    public static NetworkRegister parse(String text) {
        return new NetworkRegister(generationOf(text), Long.parseLong(text, GENERATION_WIDTH, TAG_WIDTH, 10),
                StageDays.parse(text, TAG_WIDTH + 1));
    }

    /** The generation of a copy as stored, its days left unread. */
    static long generationOf(String stored) {
        return Long.parseLong(tagged(stored), 0, GENERATION_WIDTH, 10);
    }

    /**
     * The days {@code firstDay..lastDay} of a copy as stored into a range's arrays ({@code firstDay} at
     * {@code offset}), in one pass.
     */
    static void copyDays(String stored, int firstDay, int lastDay, Map<Stage, long[]> into, int offset) {
        StageDays.copyDays(tagged(stored), TAG_WIDTH + 1, firstDay, lastDay, into, offset);
    }

    /** {@code stored}, if it begins with a tag as {@link #format()} writes it. */
    private static String tagged(String stored) {
        boolean tagged = stored.length() > TAG_WIDTH && stored.charAt(TAG_WIDTH) == '|';
        for (int i = 0; tagged && i < TAG_WIDTH; i++) {
            tagged = stored.charAt(i) >= '0' && stored.charAt(i) <= '9';
        }
        if (!tagged) {
            throw new IllegalArgumentException("not a stored copy's tag: " + stored);
        }
        return stored;
    }
}
