package com.dealerkpi.app.counts;

import com.dealerkpi.domain.counts.NetworkListing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The whole network's listings as last read, used again for a while rather than read before every roll-up's copies.
 * Any listing of the whole network read before the copies serves them exactly ({@link Aggregates#network}): an
 * older one only leaves more dealerships to be counted from their milestones (those whose listing or copies have
 * moved on since), so the period bounds that cost, not the numbers' accuracy. Not a group's share: see there.
 */
final class RecentListings {
    private record Read(Instant at, Map<String, NetworkListing> listings) {
    }

    private final Supplier<Map<String, NetworkListing>> store;
    private final Clock clock;
    private final Duration reuse;
    private final AtomicReference<Read> last = new AtomicReference<>();

    RecentListings(Supplier<Map<String, NetworkListing>> store, Clock clock, Duration reuse) {
        this.store = store;
        this.clock = clock;
        this.reuse = reuse;
    }

    /** The listings as read less than the reuse period ago, or as read now. */
    Map<String, NetworkListing> get() {
        Instant now = clock.instant();
        Read seen = last.get();
        if (seen != null && now.isBefore(seen.at().plus(reuse))) {
            return seen.listings();
        }
        Map<String, NetworkListing> read = store.get();
        if (!reuse.isZero()) {
            // of two reads racing, the later one's stays
            last.accumulateAndGet(new Read(now, read), (kept, fresh) -> kept == null || fresh.at().isAfter(kept.at()) ? fresh : kept);
        }
        return read;
    }
}
