package com.dealerkpi.app;

import com.dealerkpi.domain.IdempotencyRecord;
import com.dealerkpi.domain.KpiEntry;
import com.dealerkpi.domain.RecordedUpdate;
import com.dealerkpi.domain.Status;
import com.dealerkpi.domain.StatusRequest;
import com.dealerkpi.domain.StatusUpdate;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Records a status update: its history entry and one conditional milestone write per stage it sets or
 * back-fills.
 *
 * <p>Without an Idempotency-Key every request is a new update: the history entry and the milestone
 * writes go out together, one round trip. With a key the order makes a crash at any point safe to
 * retry: claim the key (which fixes the event id, moment and user), write the milestones, then store
 * the history entry together with the answer. A retry of the same request finds the claim, repeats
 * the same idempotent writes, and converges to the state of one successful request.
 */
public final class StatusRecorder {
    private final StatusStore store;
    private final Parallel parallel;
    private final Clock clock;

    public StatusRecorder(StatusStore store, Parallel parallel, Clock clock) {
        this.store = store;
        this.parallel = parallel;
        this.clock = clock;
    }

    /** The answer, and whether it replays an earlier answer (200) rather than a new update (201). */
    public record Outcome(RecordedUpdate recorded, boolean replayed) {
    }

    public Outcome record(StatusRequest request, String callerSubject) {
        StatusUpdate update = request.resolve(UUID.randomUUID().toString(), clock.instant(), callerSubject);
        return request.idempotencyKey() == null ? recordUnkeyed(update) : recordKeyed(request, update);
    }

    private Outcome recordUnkeyed(StatusUpdate update) {
        List<Supplier<KpiEntry>> calls = milestoneWrites(update);
        calls.add(() -> {
            store.appendHistory(update);
            return null;
        });
        List<KpiEntry> results = parallel.all(calls);
        return new Outcome(new RecordedUpdate(update, List.copyOf(results.subList(0, results.size() - 1))), false);
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
        List<KpiEntry> kpi = parallel.all(milestoneWrites(update));
        StatusStore.Completion completion = store.completeHistory(update, kpi);
        return new Outcome(completion.recorded(), !completion.storedNow());
    }

    private List<Supplier<KpiEntry>> milestoneWrites(StatusUpdate update) {
        List<Supplier<KpiEntry>> calls = new ArrayList<>();
        for (Status.MilestoneMark mark : update.marks()) {
            calls.add(() -> store.writeMilestone(update, mark).entryFor(update.eventId()));
        }
        return calls;
    }
}
