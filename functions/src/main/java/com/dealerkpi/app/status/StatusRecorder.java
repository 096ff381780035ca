package com.dealerkpi.app.status;

import com.dealerkpi.app.common.Parallel;
import com.dealerkpi.app.counts.Aggregates;
import com.dealerkpi.domain.counts.AggregateConfig;
import com.dealerkpi.domain.counts.UsageEvent;
import com.dealerkpi.domain.status.EventIds;
import com.dealerkpi.domain.status.IdempotencyRecord;
import com.dealerkpi.domain.status.KpiEntry;
import com.dealerkpi.domain.status.KpiOutcome;
import com.dealerkpi.domain.status.RecordedUpdate;
import com.dealerkpi.domain.status.Status;
import com.dealerkpi.domain.status.StatusRequest;
import com.dealerkpi.domain.status.StatusUpdate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Records a status update: its history entry, then one conditional milestone write per stage it sets or
 * back-fills (history first, because a void rebuilds milestones from the history), then what those writes changed
 * into the dealership's pre-aggregated counts ({@link Aggregates}).
 *
 * <p>Without an Idempotency-Key every request is a new update: the history entry (and the aggregates' config), then
 * the milestone writes together, then their publication. With a key the order makes a crash at any point safe to
 * retry: claim the key (which fixes the event id, moment and user), store the history entry, write the milestones,
 * publish, then store the answer. A retry of the same request finds the claim, repeats the same idempotent writes, and
 * converges to the state of one successful request; a milestone left unpublished keeps its outbox flag for the sweep.
 */
public final class StatusRecorder {
    private final StatusStore store;
    private final Aggregates aggregates;
    private final Parallel parallel;
    private final Clock clock;
    /**
     * Dealerships this execution environment has registered already (one registry write each, not one per update),
     * and whether their aggregates could be complete from the start.
     */
    private final Map<String, Boolean> registered = new ConcurrentHashMap<>();
    /** Each dealership's aggregate config as this execution environment last read it, and when. */
    private final Map<String, ReadConfig> configs = new ConcurrentHashMap<>();
    private final Duration configReuse;

    /**
     * @param configReuse how long a dealership's aggregate config, once read, is used again without reading it (one
     *                    consistent read fewer per update): far less than the time a new generation waits before it
     *                    is built (docs/aggregates.md), so every write homed in the generation before has landed by
     *                    then; zero where builds do not wait (the tests, the local sweep command)
     */
    public StatusRecorder(StatusStore store, Aggregates aggregates, Parallel parallel, Clock clock, Duration configReuse) {
        this.store = store;
        this.aggregates = aggregates;
        this.parallel = parallel;
        this.clock = clock;
        this.configReuse = configReuse;
    }

    private record ReadConfig(AggregateConfig config, Instant readAt) {
    }

    /** The answer, and whether it replays an earlier answer (200) rather than a new update (201). */
    public record Outcome(RecordedUpdate recorded, boolean replayed) {
    }

    public Outcome record(StatusRequest request, String callerSubject) {
        StatusUpdate update = request.resolve(EventIds.timeOrdered(clock.instant()), clock.instant(), callerSubject);
        return request.idempotencyKey() == null ? recordUnkeyed(update) : recordKeyed(request, update);
    }

    private Outcome recordUnkeyed(StatusUpdate update) {
        Optional<AggregateConfig> config = storeHistory(update);
        return new Outcome(new RecordedUpdate(update, writeAndPublish(update, config, true)), false);
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
        Optional<AggregateConfig> config = storeHistory(update);
        List<KpiEntry> kpi = writeAndPublish(update, config, false);
        // the answer's write clears the history entry's usage flag too: one request fewer than clearing it alone
        StatusStore.Completion completion = store.completeHistory(update, kpi, config.isPresent());
        return new Outcome(completion.recorded(), !completion.storedNow());
    }

    /**
     * The history entry and the dealership's aggregate config (unless read within the reuse period) at once, with the
     * dealership's registration the first time this environment sees it; the config the update's milestones are
     * counted in (empty: none could be stored).
     */
    private Optional<AggregateConfig> storeHistory(StatusUpdate update) {
        String dealershipId = update.dealershipId();
        Parallel.Batch calls = parallel.batch();
        Boolean known = registered.get(dealershipId);
        Supplier<Boolean> countedFromStart = known != null ? () -> known : calls.add(() -> {
            boolean fromStart = store.registerDealership(dealershipId);
            registered.put(dealershipId, fromStart);
            return fromStart;
        });
        Optional<AggregateConfig> reusable = reusableConfig(dealershipId);
        Instant readAt = clock.instant();
        Supplier<Optional<AggregateConfig>> read = reusable.isPresent() ? () -> reusable
                : calls.add(() -> aggregates.config(dealershipId));
        calls.add(() -> {
            store.putHistory(update);
            return null;
        });
        calls.run();
        Optional<AggregateConfig> config = read.get().isPresent() ? read.get()
                : aggregates.configFor(dealershipId, read.get(), countedFromStart.get());
        if (reusable.isEmpty()) {
            config.ifPresent(stored -> configs.put(dealershipId, new ReadConfig(stored, readAt)));
        }
        return config;
    }

    /** The dealership's config as read less than the reuse period ago, if it was. */
    private Optional<AggregateConfig> reusableConfig(String dealershipId) {
        ReadConfig read = configs.get(dealershipId);
        return read != null && clock.instant().isBefore(read.readAt().plus(configReuse))
                ? Optional.of(read.config()) : Optional.empty();
    }

    /**
     * The milestone writes and the update's usage count at once (and its history flag cleared, unless the caller's
     * next write of the history entry clears it), then, if any write changed (or found unpublished) an item, the
     * agreement read and published into the aggregates; each stage's answer line.
     */
    private List<KpiEntry> writeAndPublish(StatusUpdate update, Optional<AggregateConfig> config, boolean clearUsageFlag) {
        Optional<String> home = config.map(c -> c.homeOf(update.occurredAt()).key());
        Parallel.Batch calls = parallel.batch();
        List<Supplier<StatusStore.MilestoneWritten>> writes = new ArrayList<>();
        for (Status.MilestoneMark mark : update.marks()) {
            writes.add(calls.add(() -> store.writeMilestone(update, mark, home)));
        }
        config.ifPresent(c -> calls.add(() -> {
            UsageEvent usage = new UsageEvent(update.eventId(), update.occurredAt(), update.status().name(),
                    update.userId(), true, true);
            if (clearUsageFlag) {
                aggregates.publishUsage(update.dealershipId(), update.agreementId(), c, usage);
            } else {
                aggregates.countUsage(update.dealershipId(), c, usage);
            }
            return null;
        }));
        calls.run();
        List<StatusStore.MilestoneWritten> written = writes.stream().map(Supplier::get).toList();
        if (written.stream().anyMatch(StatusStore.MilestoneWritten::unpublished)) {
            Optional<String> usageLeftToAnswer = clearUsageFlag ? Optional.empty() : Optional.of(update.eventId());
            config.ifPresent(c -> aggregates.settle(update.dealershipId(), update.agreementId(), c, usageLeftToAnswer));
        }
        List<KpiEntry> entries = new ArrayList<>();
        for (int i = 0; i < written.size(); i++) {
            Status.MilestoneMark mark = update.marks().get(i);
            // empty only when this update was voided before its write and no other update marks the stage
            entries.add(written.get(i).standing().map(m -> m.entryFor(update.eventId()))
                    .orElse(new KpiEntry(mark.stage(), KpiOutcome.UNCHANGED, update.occurredAt())));
        }
        return entries;
    }
}
