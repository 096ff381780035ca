package com.dealerkpi.app.counts;

import com.dealerkpi.app.common.Parallel;
import com.dealerkpi.domain.counts.Bucketing;
import com.dealerkpi.domain.counts.NetworkCounts;
import com.dealerkpi.domain.counts.NetworkListing;
import com.dealerkpi.domain.settings.Profile;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What a roll-up reads of the network when it reuses the listings: the copies, and the listings again only when needed. */
class NetworkReadsTest {
    private static final List<YearMonth> MONTHS = List.of(YearMonth.of(2026, 3));

    private final List<String> reads = new ArrayList<>();
    private long version = 7;
    private int listingReads;

    /** A store whose listings name D1 at a later generation at each read, and whose copies carry the version. */
    private final CountsStore store = (CountsStore) Proxy.newProxyInstance(CountsStore.class.getClassLoader(),
            new Class<?>[]{CountsStore.class}, (proxy, method, args) -> {
                reads.add(method.getName());
                return switch (method.getName()) {
                    case "listingsVersion" -> version;
                    case "networkListings" -> Map.of("D1", new NetworkListing(++listingReads, true, ZoneId.of("Europe/London")));
                    case "networkCopies" -> new CountsStore.NetworkCopies(version, Map.of(YearMonth.of(2026, 3), Map.of()));
                    default -> throw new UnsupportedOperationException(method.getName());
                };
            });

    private final Aggregates aggregates = new Aggregates(store, id -> new Bucketing(Profile.DEFAULT_ZONE, null),
            new Parallel(Runnable::run), Clock.systemUTC(), Duration.ofHours(1));

    @Test
    void aReusedListingServesWhileTheVersionBesideTheCopiesIsTheOneReadBeforeIt() {
        assertEquals(1, generationOfD1(aggregates.network(MONTHS)));
        assertEquals(List.of("listingsVersion", "networkListings", "networkCopies"), reads, "the version, the listings, the copies");

        reads.clear();
        assertEquals(1, generationOfD1(aggregates.network(MONTHS)));
        assertEquals(List.of("networkCopies"), reads, "the copies alone, at the same version");

        // a new generation began somewhere: its listing was written before the version was raised
        version = 8;
        reads.clear();
        assertEquals(2, generationOfD1(aggregates.network(MONTHS)), "the listings read again");
        assertEquals(List.of("networkCopies", "listingsVersion", "networkListings", "networkCopies"), reads,
                "and the copies after them");

        reads.clear();
        assertEquals(2, generationOfD1(aggregates.network(MONTHS)));
        assertEquals(List.of("networkCopies"), reads, "reused again at the new version");
    }

    private static long generationOfD1(NetworkCounts network) {
        return network.listings().get("D1").generation();
    }
}
