package com.dealerkpi.app.status;

import com.dealerkpi.app.common.Parallel;
import com.dealerkpi.domain.status.EventIds;
import com.dealerkpi.domain.status.IdempotencyRecord;
import com.dealerkpi.domain.status.KpiEntry;
import com.dealerkpi.domain.status.KpiOutcome;
import com.dealerkpi.domain.status.RecordedUpdate;
import com.dealerkpi.domain.status.Status;
import com.dealerkpi.domain.status.StatusRequest;
import com.dealerkpi.domain.status.StatusUpdate;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Records a status update: its history entry, then one conditional milestone write per stage it sets or
 * back-fills (history first, because a void rebuilds milestones from the history).
 *
 * <p>Without an Idempotency-Key every request is a new update: the history entry, then the milestone writes
 * together — two round trips. With a key the order makes a crash at any point safe to retry: claim the key
 * (which fixes the event id, moment and user), store the history entry, write the milestones, then store the
 * answer. A retry of the same request finds the claim, repeats the same idempotent writes, and converges to the
 * state of one successful request.
 */
public final class StatusRecorder {
    private final StatusStore store;
    private final Parallel parallel;
    private final Clock clock;
    /** Dealerships this execution environment has registered already: one registry write each, not one per update. */
    private final Set<String> registered = ConcurrentHashMap.newKeySet();

    public StatusRecorder(StatusStore store, Parallel parallel, Clock clock) {
        this.store = store;
        this.parallel = parallel;
        this.clock = clock;
    }

    /** The answer, and whether it replays an earlier answer (200) rather than a new update (201). */
    public record Outcome(RecordedUpdate recorded, boolean replayed) {
    }

    public Outcome record(StatusRequest request, String callerSubject) {
        StatusUpdate update = request.resolve(EventIds.timeOrdered(clock.instant()), clock.instant(), callerSubject);
        return request.idempotencyKey() == null ? recordUnkeyed(update) : recordKeyed(request, update);
    }

    private Outcome recordUnkeyed(StatusUpdate update) {
        storeHistory(update);
        return new Outcome(new RecordedUpdate(update, parallel.all(milestoneWrites(update))), false);
    }

    private Outcome recordKeyed(StatusRequest request, StatusUpdate proposed) {
        IdempotencyRecord claim = new IdempotencyRecord(request.dealershipId(), request.idempotencyKey(),
                request.fingerprint(), proposed);
        Optional<IdempotencyRecord> earlier = store.claimIdempotencyKey(claim);
        StatusUpdate update = proposed;
        if (earlier.isPresent()) {
            if (!earlier.get().fingerprint().equals(claim.fingerprint())) {
                throw new IdempotencyConflictException();
            }
            update = earlier.get().update();
            Optional<RecordedUpdate> completed = store.findCompleted(update);
            if (completed.isPresent()) {
                return new Outcome(completed.get(), true);
            }
        }
        storeHistory(update);
        List<KpiEntry> kpi = parallel.all(milestoneWrites(update));
        StatusStore.Completion completion = store.completeHistory(update, kpi);
        return new Outcome(completion.recorded(), !completion.storedNow());
    }

    /** The history entry, with the dealership's registration alongside the first time this environment sees it. */
    private void storeHistory(StatusUpdate update) {
        List<Supplier<Void>> calls = new ArrayList<>();
        if (!registered.contains(update.dealershipId())) {
            calls.add(() -> {
                store.registerDealership(update.dealershipId());
                registered.add(update.dealershipId());
                return null;
            });
        }
        calls.add(() -> {
            store.putHistory(update);
            return null;
        });
        parallel.all(calls);
    }

    private List<Supplier<KpiEntry>> milestoneWrites(StatusUpdate update) {
        List<Supplier<KpiEntry>> calls = new ArrayList<>();
        for (Status.MilestoneMark mark : update.marks()) {
            // empty only when this update was voided before its write and no other update marks the stage
            calls.add(() -> store.writeMilestone(update, mark).map(m -> m.entryFor(update.eventId()))
                    .orElse(new KpiEntry(mark.stage(), KpiOutcome.UNCHANGED, update.occurredAt())));
        }
        return calls;
    }
}
