package com.dealerkpi.domain;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Everything known about one agreement: its real updates (oldest first) and its milestones. */
public record AgreementView(String dealershipId, String agreementId, List<StatusUpdate> history,
                            Map<Stage, Milestone> milestones) {

    /** Ordered the way the history is shown and the current status is chosen. */
    public static final Comparator<StatusUpdate> CHRONOLOGICAL =
            Comparator.comparing(StatusUpdate::occurredAt).thenComparing(StatusUpdate::eventId);

    /** The latest status by occurredAt (not by arrival: a back-dated update does not become current). */
    public Optional<Status> currentStatus() {
        return history.stream().max(CHRONOLOGICAL).map(StatusUpdate::status);
    }

    public boolean isEmpty() {
        return history.isEmpty() && milestones.isEmpty();
    }
}
