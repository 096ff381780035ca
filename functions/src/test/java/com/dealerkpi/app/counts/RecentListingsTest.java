package com.dealerkpi.app.counts;

import com.dealerkpi.domain.counts.NetworkListing;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RecentListingsTest {
    private static final Instant START = Instant.parse("2026-12-07T10:00:00Z");
    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    private final AtomicReference<Instant> now = new AtomicReference<>(START);
    private int reads;

    /** Each read of the store lists D1 at a later generation. */
    private Map<String, NetworkListing> read() {
        reads++;
        return Map.of("D1", new NetworkListing(reads, true, LONDON));
    }

    private RecentListings reusingFor(Duration reuse) {
        Clock clock = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        return new RecentListings(this::read, clock, reuse);
    }

    @Test
    void theyAreReadOnceWithinTheReusePeriodAndAgainOnceItHasPassed() {
        RecentListings listings = reusingFor(Duration.ofMinutes(1));
        assertEquals(1, listings.get().get("D1").generation());
        now.set(START.plusSeconds(59));
        assertEquals(1, listings.get().get("D1").generation(), "as read 59 s ago");
        now.set(START.plusSeconds(60));
        assertEquals(2, listings.get().get("D1").generation(), "read again");
        now.set(START.plusSeconds(61));
        assertEquals(2, listings.get().get("D1").generation(), "as read a second ago");
        assertEquals(2, reads);
    }

    @Test
    void withoutAReusePeriodEveryRollUpReadsThem() {
        RecentListings listings = reusingFor(Duration.ZERO);
        listings.get();
        listings.get();
        assertEquals(2, reads);
    }
}
