package com.dealerkpi.domain;

import org.junit.jupiter.api.Test;

import java.time.Instant;

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
