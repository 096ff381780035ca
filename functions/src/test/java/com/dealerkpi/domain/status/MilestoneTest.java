package com.dealerkpi.domain.status;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MilestoneTest {
    private static final Instant T1 = Instant.parse("2026-01-01T10:00:00Z");
    private static final Instant T2 = Instant.parse("2026-02-01T10:00:00Z");

    private static Milestone stored(Instant at, boolean backfilled) {
        return new Milestone(Stage.CONTACTED, at, backfilled, "e0", null);
    }

    @Test
    void theFirstMomentIsAlwaysTaken() {
        assertTrue(Milestone.supersedes(T2, true, null));
    }

    @Test
    void earlierWinsWhateverTheArrivalOrder() {
        assertTrue(Milestone.supersedes(T1, true, stored(T2, false)));
        assertFalse(Milestone.supersedes(T2, false, stored(T1, true)));
    }

    @Test
    void atTheSameInstantARealSetBeatsABackFill() {
        assertTrue(Milestone.supersedes(T1, false, stored(T1, true)));
        assertFalse(Milestone.supersedes(T1, true, stored(T1, false)));
        assertFalse(Milestone.supersedes(T1, false, stored(T1, false)));
        assertFalse(Milestone.supersedes(T1, true, stored(T1, true)));
    }

    @Test
    void theRankIsTheRuleAsOneStringThatTheStoreCompares() {
        assertEquals("2026-01-01T10:00:00.000Z#0", Milestone.rank(T1, false));
        assertEquals("2026-01-01T10:00:00.000Z#1", Milestone.rank(T1, true));
        assertTrue(Milestone.rank(T1, false).compareTo(Milestone.rank(T1, true)) < 0, "a real set ranks before a back-fill");
        assertTrue(Milestone.rank(T1, true).compareTo(Milestone.rank(T2, false)) < 0, "an earlier moment ranks first");
        assertTrue(Milestone.rank(Instant.parse("2026-01-01T09:59:59.999Z"), true).compareTo(Milestone.rank(T1, false)) < 0);
    }

    @Test
    void rebuiltFromUpdatesTheLowestRankStandsAndTheFirstAcceptedAmongEquals() {
        StatusUpdate contacted = new StatusUpdate("e2", "D1", "A1", Status.CONTACTED, T2, "u");
        StatusUpdate sold = new StatusUpdate("e3", "D1", "A1", Status.SOLD, T1, "u");
        StatusUpdate appointedSameInstant = new StatusUpdate("e1", "D1", "A1", Status.APPOINTED, T1, "u");
        Milestone contactedStage = Milestone.earliest(Stage.CONTACTED, java.util.List.of(contacted, sold, appointedSameInstant)).orElseThrow();
        assertEquals(T1, contactedStage.at());
        assertTrue(contactedStage.backfilled());
        assertEquals("e1", contactedStage.eventId(), "both back-fill at T1: the first accepted (lower id) stands");
        assertEquals(false, Milestone.earliest(Stage.SOLD, java.util.List.of(contacted, sold)).orElseThrow().backfilled());
        assertTrue(Milestone.earliest(Stage.SOLD, java.util.List.of(contacted)).isEmpty());
    }

    @Test
    void theWriterReportsWhatItsWriteDid() {
        assertEquals(KpiOutcome.RECORDED, new Milestone(Stage.SOLD, T1, false, "e1", null).outcomeForWriter());
        assertEquals(KpiOutcome.BACKFILLED, new Milestone(Stage.SOLD, T1, true, "e1", null).outcomeForWriter());
        assertEquals(KpiOutcome.MOVED_EARLIER, new Milestone(Stage.SOLD, T1, true, "e1", T2).outcomeForWriter());
        // a real set at the instant of a back-fill does not move anything
        assertEquals(KpiOutcome.RECORDED, new Milestone(Stage.SOLD, T1, false, "e1", T1).outcomeForWriter());
    }

    @Test
    void anotherUpdatesMomentIsUnchangedForThisOne() {
        Milestone m = new Milestone(Stage.SOLD, T1, false, "e1", null);
        assertEquals(new KpiEntry(Stage.SOLD, KpiOutcome.UNCHANGED, T1), m.entryFor("e2"));
        assertEquals(new KpiEntry(Stage.SOLD, KpiOutcome.RECORDED, T1), m.entryFor("e1"));
    }
}
