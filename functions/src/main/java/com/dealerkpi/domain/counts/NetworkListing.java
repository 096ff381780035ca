package com.dealerkpi.domain.counts;

import java.time.ZoneId;
import java.util.Locale;

/**
 * A dealership's aggregate config as the network's listing holds it, so a roll-up knows from one read which
 * dealerships' month copies it may use. Listings only move forward (a higher generation, or the same one become
 * ready), so a late copy of an older config never hides a newer one.
 */
public record NetworkListing(long generation, boolean ready, ZoneId zone) {

    public static NetworkListing of(AggregateConfig config) {
        return new NetworkListing(config.generation(), config.ready(), config.zone());
    }

    /** Whether a roll-up in {@code reportZone} may read this dealership's month copies of its generation. */
    public boolean serves(ZoneId reportZone) {
        return ready && zone.equals(reportZone);
    }

    /** As stored, ordered as listings move: {@code 000002|1|Europe/London} (1: ready). */
    public String format() {
        if (generation > NetworkRegister.MAX_GENERATION) {
            throw new IllegalStateException("a listing's generation past its fixed width would order wrongly: " + generation);
        }
        return String.format(Locale.ROOT, "%06d|%d|%s", generation, ready ? 1 : 0, zone.getId());
    }

    public static NetworkListing parse(String text) {
        return new NetworkListing(Long.parseLong(text.substring(0, 6)), text.charAt(7) == '1', ZoneId.of(text.substring(9)));
    }
}
