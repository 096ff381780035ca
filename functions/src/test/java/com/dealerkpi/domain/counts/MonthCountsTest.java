package com.dealerkpi.domain.counts;

import com.dealerkpi.domain.status.Stage;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A month's registers only move to higher versions, and its counters move by exactly what the registers did. */
class MonthCountsTest {
    private static final MonthCounts.RegisterId SOLD_A = new MonthCounts.RegisterId("A", Stage.SOLD);

    private static MonthCounts.Change change(Register wanted, Optional<Register> stored) {
        return MonthCounts.change(new MonthCounts.Wanted(Map.of(SOLD_A, wanted), Map.of(), Map.of()),
                new MonthCounts.Stored(Map.of(SOLD_A, stored), Map.of(), Map.of()));
    }

    @Test
    void aFirstRegisterCountsItsDayAndExpectsNothingStored() {
        MonthCounts.Change change = change(new Register(1, 5), Optional.empty());
        assertEquals(Map.of(SOLD_A, new Register(1, 5)), change.registers());
        assertEquals(Map.of(SOLD_A, Optional.empty()), change.expected());
        assertEquals(Map.of(new MonthCounts.CounterId(Stage.SOLD, 5), 1L), change.counters());
    }

    @Test
    void aMomentMovedWithinTheMonthMovesOneCountBetweenDays() {
        MonthCounts.Change change = change(new Register(3, 2), Optional.of(new Register(2, 5)));
        assertEquals(Map.of(SOLD_A, Optional.of(new Register(2, 5))), change.expected(), "conditioned on what it replaces");
        assertEquals(Map.of(new MonthCounts.CounterId(Stage.SOLD, 5), -1L, new MonthCounts.CounterId(Stage.SOLD, 2), 1L),
                change.counters());
    }

    @Test
    void aTombstoneTakesTheCountAwayAndASameDayChangeMovesNoCounter() {
        assertEquals(Map.of(new MonthCounts.CounterId(Stage.SOLD, 5), -1L),
                change(Register.tombstone(4), Optional.of(new Register(3, 5))).counters());
        MonthCounts.Change sameDay = change(new Register(4, 5), Optional.of(new Register(3, 5)));
        assertEquals(Map.of(SOLD_A, new Register(4, 5)), sameDay.registers(), "the register still moves to its version");
        assertEquals(Map.of(), sameDay.counters());
    }

    @Test
    void aRegisterAtTheSameOrAHigherVersionIsLeftAlone() {
        assertTrue(change(new Register(3, 2), Optional.of(new Register(3, 2))).isEmpty(), "a duplicate, a retry");
        assertTrue(change(new Register(3, 2), Optional.of(new Register(5, 9))).isEmpty(), "a stale publisher");
        assertTrue(change(new Register(3, 2), Optional.of(Register.tombstone(4))).isEmpty(),
                "a tombstone keeps an older register from coming back");
    }

    @Test
    void aSaleRecordMovesOnlyToAHigherVersionAndMovesNoCounter() {
        SaleRecord v7 = new SaleRecord(7, Map.of(Stage.SOLD, Instant.parse("2026-03-05T10:00:00Z")));
        MonthCounts.Change first = MonthCounts.change(new MonthCounts.Wanted(Map.of(), Map.of("A", v7), Map.of()),
                new MonthCounts.Stored(Map.of(), Map.of("A", Optional.empty()), Map.of()));
        assertEquals(Map.of("A", v7), first.sales());
        assertEquals(Map.of("A", Optional.empty()), first.expectedSales());
        assertEquals(Map.of(), first.counters());
        assertTrue(MonthCounts.change(new MonthCounts.Wanted(Map.of(), Map.of("A", v7), Map.of()),
                new MonthCounts.Stored(Map.of(), Map.of("A", Optional.of(SaleRecord.tombstone(8))), Map.of())).isEmpty());
    }

    @Test
    void aCohortRecordMovesTheCohortCountersOfTheStagesItGainsOrLoses() {
        CohortRecord before = new CohortRecord(5, 3, Set.of(Stage.APPOINTED));
        CohortRecord after = new CohortRecord(8, 3, Set.of(Stage.APPOINTED, Stage.SOLD));
        MonthCounts.Change sold = MonthCounts.change(new MonthCounts.Wanted(Map.of(), Map.of(), Map.of("A", after)),
                new MonthCounts.Stored(Map.of(), Map.of(), Map.of("A", Optional.of(before))));
        assertEquals(Map.of(new MonthCounts.CounterId(Stage.SOLD, 3), 1L), sold.cohortCounters(),
                "reaching Sold adds one; Appointed, already counted, moves nothing");
        MonthCounts.Change moved = MonthCounts.change(new MonthCounts.Wanted(Map.of(), Map.of(), Map.of("A", CohortRecord.tombstone(9))),
                new MonthCounts.Stored(Map.of(), Map.of(), Map.of("A", Optional.of(after))));
        assertEquals(Map.of(new MonthCounts.CounterId(Stage.APPOINTED, 3), -1L, new MonthCounts.CounterId(Stage.SOLD, 3), -1L),
                moved.cohortCounters(), "a contact moved to another month takes its counts with it");
        assertEquals(after, CohortRecord.parse(after.format()));
        assertEquals("8|03|AS", after.format());
    }

    @Test
    void aSaleRecordCarriesTheAgreementsMomentsAtTheSumOfItsVersions() {
        Instant contacted = Instant.parse("2026-02-01T09:00:00Z");
        Instant sold = Instant.parse("2026-03-05T10:00:00Z");
        List<MilestoneState> agreement = List.of(
                new MilestoneState("A", Stage.CONTACTED, 3, contacted, Set.of(), false),
                new MilestoneState("A", Stage.APPOINTED, 1, null, Set.of(), false),
                new MilestoneState("A", Stage.SOLD, 2, sold, Set.of(), true));
        SaleRecord record = SaleRecord.of(agreement);
        assertEquals(new SaleRecord(6, Map.of(Stage.CONTACTED, contacted, Stage.SOLD, sold)), record);
        assertEquals(record, SaleRecord.parse(record.format()));
        SaleRecord voided = SaleRecord.of(List.of(new MilestoneState("A", Stage.SOLD, 4, null, Set.of(), true)));
        assertFalse(voided.isSale(), "a Sold milestone a void emptied leaves a tombstone");
        assertEquals(voided, SaleRecord.parse(voided.format()));
    }

    @Test
    void registersReadBackAsWritten() {
        assertEquals(new Register(12, 7), Register.parse(new Register(12, 7).format()));
        assertEquals("12|07", new Register(12, 7).format());
        assertEquals(Register.tombstone(3), Register.parse("3|00"));
    }
}
