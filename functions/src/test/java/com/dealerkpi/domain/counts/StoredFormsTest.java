package com.dealerkpi.domain.counts;

import com.dealerkpi.domain.status.Stage;

import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What is stored is the same whatever the machine's locale: tags are compared as text by the writes' conditions and
 * read back digit by digit, so a runner on a machine set to Arabic or Persian must not write its own digits.
 */
class StoredFormsTest {
    private final Locale before = Locale.getDefault();

    @AfterEach
    void restore() {
        Locale.setDefault(before);
    }

    @Test
    void tagsAreWrittenInAsciiDigitsUnderALocaleWithItsOwn() {
        Locale.setDefault(Locale.forLanguageTag("ar-EG"));
        long[] days = new long[32];
        days[3] = 2;
        Map<Stage, long[]> byDay = Map.of(Stage.CONTACTED, days, Stage.APPOINTED, new long[32], Stage.ATTENDED, new long[32],
                Stage.SOLD, new long[32]);
        String copy = new NetworkRegister(2, 17, byDay).format();
        String listing = new NetworkListing(2, true, ZoneId.of("Africa/Cairo")).format();
        String summary = new MonthSummary(17, byDay, MonthCounts.byDay(Map.of()), List.of()).format();
        for (String stored : List.of(copy, listing, summary)) {
            assertTrue(stored.chars().allMatch(c -> c < 128), stored);
        }
        assertEquals("000002000000000017|", copy.substring(0, 19));
        assertEquals(17, NetworkRegister.parse(copy).version());
        assertEquals(new NetworkListing(2, true, ZoneId.of("Africa/Cairo")), NetworkListing.parse(listing));
        assertEquals(17, MonthSummary.parse(summary).version());
    }
}
