package com.dealerkpi.app.counts;

import com.dealerkpi.domain.counts.NetworkListing;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RecentListingsTest {
    private static final Instant START = Instant.parse("2026-12-07T10:00:00Z");
    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    private final AtomicReference<Instant> now = new AtomicReference<>(START);
    private final List<String> reads = new ArrayList<>();
    private long version = 7;

    /** A store whose listings name D1 at a later generation at each read. */
    private final CountsStore store = (CountsStore) Proxy.newProxyInstance(CountsStore.class.getClassLoader(),
            new Class<?>[]{CountsStore.class}, (proxy, method, args) -> {
                reads.add(method.getName());
                return switch (method.getName()) {
                    case "listingsVersion" -> version;
                    case "networkListings" -> Map.of("D1", new NetworkListing(reads.size(), true, LONDON));
                    default -> throw new UnsupportedOperationException(method.getName());
                };
            });

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
        return new RecentListings(store, clock, reuse);
    }

    @Test
    void theyAreReadAfterTheirVersionOnceWithinTheReusePeriodAndAgainOnceItHasPassed() {
        RecentListings listings = reusingFor(Duration.ofMinutes(1));
        RecentListings.Listed first = listings.get();
        assertEquals(OptionalLong.empty(), first.version(), "read now: serves the copies read next as it is");
        assertEquals(List.of("listingsVersion", "networkListings"), reads, "the version first");
        now.set(START.plusSeconds(59));
        RecentListings.Listed reused = listings.get();
        assertEquals(first.listings(), reused.listings(), "as read 59 s ago");
        assertEquals(OptionalLong.of(7), reused.version(), "with the version read before them, to check against");
        now.set(START.plusSeconds(60));
        version = 8;
        assertEquals(OptionalLong.empty(), listings.get().version(), "read again");
        now.set(START.plusSeconds(61));
        assertEquals(OptionalLong.of(8), listings.get().version());
        assertEquals(4, reads.size());
    }

    @Test
    void withoutAReusePeriodEveryRollUpReadsThemAndNoVersion() {
        RecentListings listings = reusingFor(Duration.ZERO);
        listings.get();
        listings.get();
        assertEquals(List.of("networkListings", "networkListings"), reads);
    }
}
