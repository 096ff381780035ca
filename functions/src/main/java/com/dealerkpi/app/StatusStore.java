package com.dealerkpi.app;

import com.dealerkpi.domain.AgreementView;
import com.dealerkpi.domain.IdempotencyRecord;
import com.dealerkpi.domain.KpiEntry;
import com.dealerkpi.domain.Milestone;
import com.dealerkpi.domain.RecordedUpdate;
import com.dealerkpi.domain.Status;
import com.dealerkpi.domain.StatusUpdate;

import java.util.List;
import java.util.Optional;

/**
 * What the status path and the agreement view need from storage. Every write is idempotent: repeating
 * it (a client retry, an SDK retry of a write that had in fact succeeded) leaves the same state.
 * Failures to reach the store surface as {@link StoreUnavailableException}.
 */
public interface StatusStore {

    /** Claims an Idempotency-Key for a request; if it was claimed before, returns that first claim instead. */
    Optional<IdempotencyRecord> claimIdempotencyKey(IdempotencyRecord claim);

    /** Writes one milestone under the earliest-wins rule and returns the milestone that stands afterwards. */
    Milestone writeMilestone(StatusUpdate update, Status.MilestoneMark mark);

    /** Appends an update (without an Idempotency-Key) to its agreement's history. */
    void appendHistory(StatusUpdate update);

    /**
     * Appends a keyed update together with its answer. The first answer stored wins and is returned, so
     * two racing copies of one request answer alike; {@code storedNow} says whether this call stored it.
     */
    Completion completeHistory(StatusUpdate update, List<KpiEntry> kpi);

    /** The stored answer of a keyed update, if it completed. */
    Optional<RecordedUpdate> findCompleted(StatusUpdate update);

    /** History and milestones of one agreement, read consistently from the table (not an index). */
    Optional<AgreementView> findAgreement(String dealershipId, String agreementId);

    /** The answer that stands for a keyed update, and whether this call was the one that stored it. */
    record Completion(RecordedUpdate recorded, boolean storedNow) {
    }

    /** One read of a key no item has: reaches the store, changes nothing (priming, health). */
    void ping();
}
