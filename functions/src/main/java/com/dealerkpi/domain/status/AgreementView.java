package com.dealerkpi.domain.status;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything known about one agreement: its updates that count (in order), those voided, and its milestones.
 */
public record AgreementView(String dealershipId, String agreementId, List<StatusUpdate> history,
                            List<VoidedUpdate> voided, Map<Stage, Milestone> milestones) {

    /**
     * The order of the history and of the current status: by moment, and among equal moments by acceptance (event
     * ids are time-ordered), so the update accepted later is the later one.
     */
    public static final Comparator<StatusUpdate> CHRONOLOGICAL =
            Comparator.comparing(StatusUpdate::occurredAt).thenComparing(StatusUpdate::eventId);

    /** The latest status by occurredAt (not by arrival: a back-dated update does not become current). */
    public Optional<Status> currentStatus() {
        return history.stream().max(CHRONOLOGICAL).map(StatusUpdate::status);
    }

    public boolean isEmpty() {
        return history.isEmpty() && voided.isEmpty() && milestones.isEmpty();
    }
}
