package com.dealerkpi.domain.status;

import com.dealerkpi.domain.Moments;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/**
 * The first moment an agreement reached a stage. At most one per (agreement, stage), ever.
 *
 * @param eventId  the status update that put this moment here (lets a retried write recognise itself)
 * @param replaced the moment this one replaced, or null if the stage had not been reached before
 */
public record Milestone(Stage stage, Instant at, boolean backfilled, String eventId, Instant replaced) {

    /**
     * The single rule that decides which moment a milestone keeps, as one string: the moment (fixed width, so
     * string order is time order), then {@code 0} for a stage really set and {@code 1} for a back-fill. The lowest
     * rank is the milestone: the earliest moment wins, and at the same instant a real set beats a back-fill, whatever
     * the arrival order. The store's conditional write compares exactly these strings.
     */
    public static String rank(Instant at, boolean backfilled) {
        return Moments.fixedWidth(at) + (backfilled ? "#1" : "#0");
    }

    public String rank() {
        return rank(at, backfilled);
    }

    /** Whether a claim on the stage takes the milestone from {@code existing} (null: the stage was not reached). */
    public static boolean supersedes(Instant candidateAt, boolean candidateBackfilled, Milestone existing) {
        return existing == null || rank(candidateAt, candidateBackfilled).compareTo(existing.rank()) < 0;
    }

    /**
     * The milestone a set of updates makes for a stage when built afresh (after a void): the lowest rank among the
     * updates that set or back-fill it, the first accepted among equals. Empty when none marks the stage.
     */
    public static Optional<Milestone> earliest(Stage stage, Collection<StatusUpdate> updates) {
        Milestone best = null;
        for (StatusUpdate update : updates.stream().sorted(Comparator.comparing(StatusUpdate::eventId)).toList()) {
            for (Status.MilestoneMark mark : update.marks()) {
                if (mark.stage() == stage && supersedes(update.occurredAt(), mark.backfilled(), best)) {
                    best = new Milestone(stage, update.occurredAt(), mark.backfilled(), update.eventId(), null);
                }
            }
        }
        return Optional.ofNullable(best);
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
