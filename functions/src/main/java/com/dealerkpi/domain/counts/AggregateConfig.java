package com.dealerkpi.domain.counts;

import java.time.Instant;
import java.time.ZoneId;

/**
 * How a dealership's aggregates are bucketed: their generation, the time zone their months and days are local to,
 * the dealer group whose share of the network's items holds their copies (null: the dealership's own share), whether
 * they are complete (a generation being built holds only part of the history: reports read the milestones until it
 * is ready), and since when the generation exists (a build waits until writes begun before it have landed).
 */
public record AggregateConfig(long generation, ZoneId zone, String group, boolean ready, Instant since) {

    /** Where a moment is counted in this generation. */
    public Home homeOf(Instant at) {
        return Home.of(generation, at, zone);
    }

    /** Whether reports in {@code reportZone} can be read from these aggregates. */
    public boolean serves(ZoneId reportZone) {
        return ready && zone.equals(reportZone);
    }

    public Bucketing bucketing() {
        return new Bucketing(zone, group);
    }

    /** The next generation (bucketed anew, or as before for a repair), to be built. */
    public AggregateConfig next(Bucketing bucketing, Instant now) {
        return new AggregateConfig(generation + 1, bucketing.zone(), bucketing.group(), false, now);
    }
}
