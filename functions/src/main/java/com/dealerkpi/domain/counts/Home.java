package com.dealerkpi.domain.counts;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;

/**
 * Where a milestone's moment is counted: a local month (in the zone its dealership's aggregates are bucketed in) of
 * one generation of those aggregates. A new generation starts when the buckets change (a new time zone).
 */
public record Home(long generation, YearMonth month) {

    public static Home of(long generation, Instant at, ZoneId zone) {
        return new Home(generation, YearMonth.from(at.atZone(zone)));
    }

    /** As stored in a milestone's homes and a month item's key: {@code 3#2026-03}. */
    public String key() {
        return generation + "#" + month;
    }

    public static Home parse(String key) {
        int hash = key.indexOf('#');
        return new Home(Long.parseLong(key.substring(0, hash)), YearMonth.parse(key.substring(hash + 1)));
    }
}
