package com.dealerkpi.domain.counts;

import java.time.Instant;
import java.time.ZoneId;

/**
 * How a dealership's aggregates are bucketed: their generation, the time zone their months and days are local to,
 * the dealer group whose share of the network's items holds their copies (null: the dealership's own share), whether
 * they are complete (a generation being built holds only part of the history: reports read the milestones until it
 * is ready), since when the generation exists (a build waits until writes begun before it have landed), and the
 * format its items were laid out in.
 */
public record AggregateConfig(long generation, ZoneId zone, String group, boolean ready, Instant since, int format) {
    /**
     * The format this version completes a generation in: 2, each month item with its {@link MonthSummary} beside it
     * (what the reports read). Format 1, the month items alone, was written by the version before; a generation that
     * version completed (made ready) has no summaries, so it serves no report until the sweep has summarized its
     * months in place and stamped it. A generation is stamped with its format when it becomes ready, not when it
     * begins: one begun by this version but completed by the version before (after a rollback) is format 1 too.
     */
    public static final int CURRENT_FORMAT = 2;

    /** A new generation, in the current format. */
    public AggregateConfig(long generation, ZoneId zone, String group, boolean ready, Instant since) {
        this(generation, zone, group, ready, since, CURRENT_FORMAT);
    }

    /** Where a moment is counted in this generation. */
    public Home homeOf(Instant at) {
        return Home.of(generation, at, zone);
    }

    /** Whether reports in {@code reportZone} can be read from these aggregates. */
    public boolean serves(ZoneId reportZone) {
        return ready && format == CURRENT_FORMAT && zone.equals(reportZone);
    }

    /** Whether this generation was completed by a version before the current format (its months await summaries). */
    public boolean outdated() {
        return format < CURRENT_FORMAT;
    }

    public Bucketing bucketing() {
        return new Bucketing(zone, group);
    }

    /** The next generation (bucketed anew, or as before for a repair), to be built. */
    public AggregateConfig next(Bucketing bucketing, Instant now) {
        return new AggregateConfig(generation + 1, bucketing.zone(), bucketing.group(), false, now);
    }
}
