package com.dealerkpi.domain.status;

import java.time.Instant;
import java.util.List;

/** An accepted status update, with every default filled in. It is what the history records. */
public record StatusUpdate(String eventId, String dealershipId, String agreementId, Status status,
                           Instant occurredAt, String userId) {

    /** The milestones this update sets or back-fills. */
    public List<Status.MilestoneMark> marks() {
        return status.marks();
    }
}
