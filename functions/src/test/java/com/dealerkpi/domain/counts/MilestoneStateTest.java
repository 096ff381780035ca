package com.dealerkpi.domain.counts;

import com.dealerkpi.domain.status.Stage;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which register each home of a milestone holds: its moment's day in its month, a tombstone elsewhere. */
class MilestoneStateTest {
    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    /** 23:30 UTC on 31 March: already 1 April in London (00:30, summer time), still March in New York. */
    private static final Instant MARCH_31_LATE = Instant.parse("2026-03-31T23:30:00Z");

    @Test
    void theMonthOfTheMomentCountsItsLocalDayAndEveryOtherHomeOfTheGenerationHoldsATombstone() {
        MilestoneState state = new MilestoneState("A", Stage.SOLD, 7, Instant.parse("2026-03-01T00:30:00Z"),
                Set.of("2#2026-03", "2#2026-04", "1#2026-02"), true);
        assertEquals(Map.of(new Home(2, YearMonth.of(2026, 3)), new Register(7, 1),
                        new Home(2, YearMonth.of(2026, 4)), Register.tombstone(7)),
                state.registers(2, LONDON), "homes of generation 1 are left alone");
        assertFalse(state.homeless(2, LONDON));
    }

    @Test
    void daysAreLocalToTheGenerationsZone() {
        assertEquals(new Home(1, YearMonth.of(2026, 4)), Home.of(1, MARCH_31_LATE, LONDON), "00:30 in London on 1 April");
        assertEquals(new Home(1, YearMonth.of(2026, 3)), Home.of(1, MARCH_31_LATE, ZoneId.of("America/New_York")));
    }

    @Test
    void aMomentWhoseMonthIsNotAHomeYetGetsNoRegister() {
        MilestoneState state = new MilestoneState("A", Stage.SOLD, 3, MARCH_31_LATE, Set.of("1#2026-03"), true);
        assertTrue(state.homeless(1, LONDON));
        assertEquals(Map.of(new Home(1, YearMonth.of(2026, 3)), Register.tombstone(3)), state.registers(1, LONDON),
                "only listed homes are written: the count waits for its home, the old month gives its count up");
    }

    @Test
    void aVoidedMilestoneTombstonesEveryHome() {
        MilestoneState voided = new MilestoneState("A", Stage.SOLD, 9, null, Set.of("1#2026-03"), true);
        assertFalse(voided.homeless(1, LONDON));
        assertEquals(Map.of(new Home(1, YearMonth.of(2026, 3)), Register.tombstone(9)), voided.registers(1, LONDON));
    }
}
