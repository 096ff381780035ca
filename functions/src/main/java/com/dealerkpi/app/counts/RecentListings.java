package com.dealerkpi.app.counts;

import com.dealerkpi.domain.counts.NetworkListing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The whole network's listings as last read, with the listings' version read just before them, used again for a
 * while rather than read before every roll-up's copies: the copies are read with the version beside them, and a
 * version moved since sends the roll-up back to read the listings, then the copies, again ({@link Aggregates#network}).
 * Not a group's share: {@link Aggregates#groupNetwork}.
 */
final class RecentListings {
    /**
     * Listings as read, and the version read before them; none when read by this very call (then read before the
     * copies that follow, which is all they need).
     */
    record Listed(Map<String, NetworkListing> listings, OptionalLong version) {
    }

    private record Read(Instant at, long version, Map<String, NetworkListing> listings) {
    }

    private final CountsStore store;
    private final Clock clock;
    private final Duration reuse;
    private final AtomicReference<Read> last = new AtomicReference<>();

    RecentListings(CountsStore store, Clock clock, Duration reuse) {
        this.store = store;
        this.clock = clock;
        this.reuse = reuse;
    }

    /** The listings as read less than the reuse period ago (with their version), or as read now. */
    Listed get() {
        Read seen = last.get();
        if (seen != null && clock.instant().isBefore(seen.at().plus(reuse))) {
            return new Listed(seen.listings(), OptionalLong.of(seen.version()));
        }
        return read();
    }

    /** The listings as read now (kept for reuse, with the version read just before them). */
    Listed read() {
        if (reuse.isZero()) {
            return new Listed(store.networkListings(java.util.Optional.empty()), OptionalLong.empty());
        }
        Instant now = clock.instant();
        long version = store.listingsVersion();
        Map<String, NetworkListing> listings = store.networkListings(java.util.Optional.empty());
        // of two reads racing, the later one's stays
        last.accumulateAndGet(new Read(now, version, listings),
                (kept, fresh) -> kept == null || fresh.at().isAfter(kept.at()) ? fresh : kept);
        return new Listed(listings, OptionalLong.empty());
    }
}
