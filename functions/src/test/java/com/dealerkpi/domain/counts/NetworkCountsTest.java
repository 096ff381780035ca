package com.dealerkpi.domain.counts;

import com.dealerkpi.domain.status.Stage;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The network's copies and listings: stored as text whose order is the order they may move in. */
class NetworkCountsTest {
    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    @Test
    void aCopyKeepsEveryCountOfItsMonth() {
        NetworkRegister copy = new NetworkRegister(2, 17, counts(Map.of(Stage.CONTACTED, new long[]{3, 2, 5, 1, 31, 4},
                Stage.SOLD, new long[]{5, 1})));
        assertEquals("000002000000000017|C3x2,5x1,31x4;A;T;S5x1", copy.format());
        NetworkRegister parsed = NetworkRegister.parse(copy.format());
        assertEquals(2, parsed.generation());
        assertEquals(17, parsed.version());
        for (Stage stage : Stage.values()) {
            assertArrayEquals(copy.byDay().get(stage), parsed.byDay().get(stage), stage.name());
        }
    }

    @Test
    void aRangeReadsOnlyItsDaysOfAStoredCopy() {
        String stored = new NetworkRegister(2, 17, counts(Map.of(Stage.CONTACTED, new long[]{1, 6, 3, 2, 5, 1, 31, 4},
                Stage.ATTENDED, new long[]{2, 12, 30, 1}, Stage.SOLD, new long[]{5, 1}))).format();
        Map<Stage, long[]> into = MonthCounts.byDay(Map.of());
        // days 3..30 of the month at index 10 of a range
        into.replaceAll((stage, days) -> new long[40]);
        NetworkRegister.copyDays(stored, 3, 30, into, 10);
        long[] contacted = new long[40];
        contacted[10] = 2;
        contacted[12] = 1;
        assertArrayEquals(contacted, into.get(Stage.CONTACTED));
        long[] attended = new long[40];
        attended[37] = 1;
        assertArrayEquals(attended, into.get(Stage.ATTENDED));
        long[] sold = new long[40];
        sold[12] = 1;
        assertArrayEquals(sold, into.get(Stage.SOLD));
        assertArrayEquals(new long[40], into.get(Stage.APPOINTED));
        assertEquals(2, NetworkRegister.generationOf(stored));
    }

    @Test
    void aStoredCopyOutsideItsFormatIsRefusedNotMisread() {
        for (String broken : new String[]{"000002000000000017|C3x2,;A;T;S", "000002000000000017|C3x2;A;T;S;", "000002000000000017|C3;A;T;S",
                "000002000000000017|C32x1;A;T;S", "000002000000000017|C0x1;A;T;S", "000002000000000017|A;C;T;S",
                "000002000000000017|C1x1;A;T", "000002000000000017|Cx1;A;T;S", "000002000000000017|C5x1,3x2;A;T;S",
                "000002000000000017|C3x1,3x2;A;T;S", "000002000000000017|C03x1;A;T;S", "000002000000000017|C3x0;A;T;S",
                "000002000000000017|C3x-0;A;T;S", "000002000000000017|C3x99999999999999999999;A;T;S", "00002|C;A;T;S",
                "00000200000000017|C;A;T;S", "-00002000000000017|C;A;T;S", "000002000000000017C;A;T;S"}) {
            org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> NetworkRegister.parse(broken), broken);
            org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> NetworkRegister.copyDays(broken, 1, 31, MonthCounts.byDay(Map.of()), 1), broken);
        }
        Map<Stage, long[]> extremes = MonthCounts.byDay(Map.of());
        extremes.get(Stage.SOLD)[31] = Long.MIN_VALUE;
        extremes.get(Stage.CONTACTED)[1] = Long.MAX_VALUE;
        NetworkRegister written = new NetworkRegister(1, 1, extremes);
        assertArrayEquals(extremes.get(Stage.SOLD), NetworkRegister.parse(written.format()).byDay().get(Stage.SOLD));
        assertArrayEquals(extremes.get(Stage.CONTACTED), NetworkRegister.parse(written.format()).byDay().get(Stage.CONTACTED));
    }

    @Test
    void storedCopiesAndListingsOrderAsTheyMayMove() {
        Map<Stage, long[]> many = counts(Map.of(Stage.CONTACTED, new long[]{1, 99}));
        Map<Stage, long[]> none = counts(Map.of());
        // a later version, or a later generation, whatever the counts
        assertTrue(new NetworkRegister(1, 9, many).format().compareTo(new NetworkRegister(1, 10, none).format()) < 0);
        assertTrue(new NetworkRegister(1, 999, many).format().compareTo(new NetworkRegister(2, 1, none).format()) < 0);
        // ready after building, a new generation after both
        NetworkListing building = new NetworkListing(3, false, LONDON);
        NetworkListing ready = new NetworkListing(3, true, ZoneId.of("America/New_York"));
        NetworkListing next = new NetworkListing(4, false, ZoneId.of("Asia/Tokyo"));
        assertTrue(building.format().compareTo(ready.format()) < 0);
        assertTrue(ready.format().compareTo(next.format()) < 0);
        assertEquals(ready, NetworkListing.parse(ready.format()));
    }

    @Test
    void aDealershipIsReadFromItsListedGenerationOnlyWhenItServesTheZone() {
        YearMonth march = YearMonth.of(2026, 3);
        YearMonth april = YearMonth.of(2026, 4);
        NetworkCounts network = new NetworkCounts(
                Map.of("D1", new NetworkListing(2, true, LONDON), "D2", new NetworkListing(1, false, LONDON)),
                Map.of(march, Map.of("D1", new NetworkRegister(2, 5, counts(Map.of(Stage.SOLD, new long[]{31, 2}))).format()),
                        april, Map.of("D1", new NetworkRegister(1, 8, counts(Map.of(Stage.SOLD, new long[]{1, 7}))).format())));
        long[] sold = network.byDay("D1", LONDON, LocalDate.of(2026, 3, 30), LocalDate.of(2026, 4, 2)).orElseThrow().get(Stage.SOLD);
        // April's copy is of an older generation: it counts nothing in the one listed
        assertArrayEquals(new long[]{0, 2, 0, 0}, sold);
        assertTrue(network.byDay("D1", ZoneId.of("UTC"), LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 31)).isEmpty(),
                "another zone's days");
        assertTrue(network.byDay("D2", LONDON, LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 31)).isEmpty(), "being built");
        assertTrue(network.byDay("D3", LONDON, LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 31)).isEmpty(), "not listed");
    }

    @Test
    void aCopyOfANewerGenerationThanItsListingSendsTheDealershipToItsMilestones() {
        YearMonth march = YearMonth.of(2026, 3);
        // read after the listing: a new generation began meanwhile, and the listed one's copies may be left behind
        NetworkCounts network = new NetworkCounts(Map.of("D1", new NetworkListing(2, true, LONDON)),
                Map.of(march, Map.of("D1", new NetworkRegister(3, 1, counts(Map.of(Stage.SOLD, new long[]{4, 1}))).format())));
        assertTrue(network.byDay("D1", LONDON, LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 31)).isEmpty());
    }

    /** Counts by day of the month from pairs of (day, count). */
    private static Map<Stage, long[]> counts(Map<Stage, long[]> dayCountPairs) {
        Map<Stage, long[]> byDay = MonthCounts.byDay(Map.of());
        dayCountPairs.forEach((stage, pairs) -> {
            for (int i = 0; i < pairs.length; i += 2) {
                byDay.get(stage)[(int) pairs[i]] = pairs[i + 1];
            }
        });
        return byDay;
    }
}
