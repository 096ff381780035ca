package com.dealerkpi.app.status;

import com.dealerkpi.domain.status.AgreementView;
import com.dealerkpi.domain.status.IdempotencyRecord;
import com.dealerkpi.domain.status.KpiEntry;
import com.dealerkpi.domain.status.Milestone;
import com.dealerkpi.domain.status.RecordedUpdate;
import com.dealerkpi.domain.status.Status;
import com.dealerkpi.domain.status.StatusUpdate;
import com.dealerkpi.domain.status.VoidedUpdate;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the status path and the agreement view need from storage. Every write is idempotent: repeating
 * it (a client retry, an SDK retry of a write that had in fact succeeded) leaves the same state.
 * Failures to reach the store surface as {@link StoreUnavailableException}.
 *
 * <p>Order matters for voids: an update's history entry is stored before any of its milestone writes, because
 * a void rebuilds milestones from the history.
 */
public interface StatusStore {

    /** Claims an Idempotency-Key for a request; if it was claimed before, returns that first claim instead. */
    Optional<IdempotencyRecord> claimIdempotencyKey(IdempotencyRecord claim);

    /** Stores an accepted update in its agreement's history (a repeat of the same update changes nothing). */
    void putHistory(StatusUpdate update);

    /**
     * Writes one milestone under {@link Milestone#rank} (the lowest rank wins) unless the update was voided, and
     * returns the milestone that stands afterwards (empty if the stage has none) and whether the item holds a change
     * the aggregates may not have yet (this write's, or one a cut-off request left flagged): then the agreement is
     * published.
     * {@code home}: the aggregate month of the update's moment, if the dealership has aggregates (it joins the item's
     * homes in the same write).
     */
    MilestoneWritten writeMilestone(StatusUpdate update, Status.MilestoneMark mark, Optional<String> home);

    /** What a milestone write did. */
    record MilestoneWritten(Optional<Milestone> standing, boolean unpublished) {
    }

    /**
     * Stores the answer of a keyed update with its history entry. The first answer stored wins and is returned, so
     * two racing copies of one request answer alike; {@code storedNow} says whether this call stored it. With
     * {@code usageCounted} the same write clears the entry's usage flag, unless the update was voided meanwhile (the
     * void's publication takes its usage out and clears the flag then).
     */
    Completion completeHistory(StatusUpdate update, List<KpiEntry> kpi, boolean usageCounted);

    /** The stored answer of a keyed update, if it completed. */
    Optional<RecordedUpdate> findCompleted(StatusUpdate update);

    /** History, voided updates and milestones of one agreement, read consistently from the table (not an index). */
    Optional<AgreementView> findAgreement(String dealershipId, String agreementId);

    /**
     * Voids an accepted update: from then on it counts nowhere, and the agreement's milestones are what the
     * remaining updates make them, exactly, whatever updates and voids race with this one. Voiding a voided update
     * again changes nothing. Empty when the agreement has no such update. {@code homeOf}: the aggregate month of a
     * rebuilt milestone's moment, if the dealership has aggregates.
     */
    Optional<AgreementView> voidUpdate(String dealershipId, String agreementId, String eventId, VoidedBy by,
                                       Function<Instant, Optional<String>> homeOf);

    /** Who voided an update, when and why. */
    record VoidedBy(java.time.Instant at, String by, String reason) {
        public VoidedUpdate of(StatusUpdate update) {
            return new VoidedUpdate(update, at, by, reason);
        }
    }

    /**
     * Notes that a dealership has accepted updates (the national roll-up lists it even without a profile); whether
     * every update it has ever had was recorded by a version that keeps aggregates (it was first registered by one,
     * maybe by this very call): then its aggregates are complete from the start, else a build must count its history.
     */
    boolean registerDealership(String dealershipId);


    /** The answer that stands for a keyed update, and whether this call was the one that stored it. */
    record Completion(RecordedUpdate recorded, boolean storedNow) {
    }
}
