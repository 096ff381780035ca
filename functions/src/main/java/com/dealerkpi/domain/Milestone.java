package com.dealerkpi.domain;

import java.time.Instant;

/**
 * The first moment an agreement reached a stage. At most one per (agreement, stage), ever.
 *
 * @param eventId  the status update that put this moment here (lets a retried write recognise itself)
 * @param replaced the moment this one replaced, or null if the stage had not been reached before
 */
public record Milestone(Stage stage, Instant at, boolean backfilled, String eventId, Instant replaced) {

    /**
     * The single rule that decides which moment a milestone keeps: the earliest wins, and at the same
     * instant a stage really set beats one that was only back-filled (so the flag does not depend on
     * arrival order). The store's conditional write expresses exactly this rule.
     */
    public static boolean supersedes(Instant candidateAt, boolean candidateBackfilled, Milestone existing) {
        if (existing == null) {
            return true;
        }
        int order = candidateAt.compareTo(existing.at());
        return order < 0 || (order == 0 && existing.backfilled() && !candidateBackfilled);
    }

    /** The outcome a status update reports for the milestone it wrote itself. */
    public KpiOutcome outcomeForWriter() {
        if (replaced == null || !replaced.isAfter(at)) {
            return backfilled ? KpiOutcome.BACKFILLED : KpiOutcome.RECORDED;
        }
        return KpiOutcome.MOVED_EARLIER;
    }

    /** The answer line for an update: its own write, or UNCHANGED when another update's moment stands. */
    public KpiEntry entryFor(String updateEventId) {
        KpiOutcome outcome = eventId.equals(updateEventId) ? outcomeForWriter() : KpiOutcome.UNCHANGED;
        return new KpiEntry(stage, outcome, at);
    }
}
