package com.dealerkpi.app.counts;

import com.dealerkpi.app.common.DealershipRegistry;
import com.dealerkpi.domain.counts.AggregateConfig;
import com.dealerkpi.domain.counts.Bucketing;
import com.dealerkpi.domain.counts.NetworkListing;
import com.dealerkpi.domain.counts.UsageEvent;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What completes the aggregates whatever was cut off (docs/aggregates.md), run on a schedule and by the local
 * runner: the profiles' group index and their copies in their regions, brands and groups are brought in line with them
 * (profiles saved before them, or by a version without them; saves cut off), every registered dealership gets a config in its profile's zone and group (a new generation when
 * either changed),
 * every milestone flagged before the grace is published, and every generation being built is built (each of its
 * agreements settled and its updates counted, then marked ready; a scheduled sweep builds for a set time, and the next
 * goes on where it stopped). Each step is idempotent, so sweeps that overlap, or a sweep beside live
 * requests, change nothing twice.
 */
public final class Sweep {
    /** Agreements settled at once while building. */
    private static final int BUILD_BATCH = 32;
    /** Updates a build counts into the usage between two records of how far it has got. */
    private static final int USAGE_BATCH = 256;

    private final CountsStore store;
    private final Aggregates aggregates;
    private final DealershipRegistry registry;
    private final ProfileUpkeep profileBucketings;
    private final Executor executor;
    private final Clock clock;
    private final String codeVersion;

    /**
     * @param profileBucketings the time zone and dealer group of each dealership with a profile, read with what is kept
     *                          beside the profiles brought in line with them
     * @param executor     runs a build's agreements (not the pool the aggregates' own writes run on)
     */
    public Sweep(CountsStore store, Aggregates aggregates, DealershipRegistry registry,
                 ProfileUpkeep profileBucketings, Executor executor, Clock clock, String codeVersion) {
        this.store = store;
        this.aggregates = aggregates;
        this.registry = registry;
        this.profileBucketings = profileBucketings;
        this.executor = executor;
        this.clock = clock;
        this.codeVersion = codeVersion;
    }

    /**
     * What one sweep did. {@code failed}: agreements (or dealerships, for their config or build) it could not
     * complete; the next sweep tries again.
     */
    public record Result(int configured, int published, int built, int failed, List<String> firstFailures) {
    }

    /**
     * How old what a sweep takes over must be: a flag (requests in flight publish their own), and a generation before
     * it is built (every write begun under the one before, by any version of the code still running while a
     * deployment shifts traffic, has ended and is in the milestone index).
     */
    public record Grace(Duration flags, Duration builds) {
        public static final Grace NONE = new Grace(Duration.ZERO, Duration.ZERO);
    }

    /** Every profile's time zone and dealer group, with what is kept beside the profiles mended on the way. */
    @FunctionalInterface
    public interface ProfileUpkeep {
        /**
         * @param failed takes each profile that could not be mended; the others go on
         */
        Map<String, Bucketing> maintain(Upkeep upkeep, Consumer<RuntimeException> failed);
    }

    /**
     * What a sweep may take as over.
     *
     * @param settledBefore       whatever began before it has ended, by any version of the code (a build's grace)
     * @param requestsEndedBefore every request begun before it has ended (a flag's grace)
     * @param codeVersion         the version of the code sweeping (a deployment publishes a new one)
     */
    public record Upkeep(Instant settledBefore, Instant requestsEndedBefore, String codeVersion) {
    }

    /** A sweep that builds until it has built everything there is to build (the local runner's, the tests'). */
    public Result run(Grace grace) {
        return sweep(grace, Optional.empty());
    }

    /**
     * A sweep that starts a build's batches for {@code buildFor} (at least one batch each sweep): a build goes on at
     * the next sweep where this one stopped, so a scheduled sweep ends, as a rule, before the next one begins.
     */
    public Result run(Grace grace, Duration buildFor) {
        return sweep(grace, Optional.of(buildFor));
    }

    private Result sweep(Grace grace, Optional<Duration> buildFor) {
        Failures failed = new Failures();
        Instant settledBefore = clock.instant().minus(grace.builds());
        Upkeep upkeep = new Upkeep(settledBefore, clock.instant().minus(grace.flags()), codeVersion);
        int configured = configure(bucketings(upkeep, failed), settledBefore, failed);
        int published = complete(clock.instant().minus(grace.flags()), failed);
        int built = 0;
        Instant buildBefore = clock.instant().minus(grace.builds());
        Instant buildsUntil = buildFor.map(clock.instant()::plus).orElse(Instant.MAX);
        List<String> building = store.building();
        for (int i = 0; i < building.size() && (i == 0 || clock.instant().isBefore(buildsUntil)); i++) {
            if (build(building.get(i), buildBefore, buildsUntil, failed)) {
                built++;
            }
        }
        store.recordSweep(clock.instant());
        return new Result(configured, published, built, failed.count(), List.copyOf(failed.causes));
    }

    /**
     * Configs for dealerships without one, new generations for those whose profile moved to another zone or dealer
     * group (and, once, for those in a group whose config was made before configs named the group), the month
     * summaries of generations completed before the current format (in place, once that version has stopped), the
     * building list for every config that is not ready (a ready mark racing a new generation can take its entry), and
     * the network's listing of every config (a listing that a crash left behind its unready config is brought up to
     * it; one ahead of it, the change that listed it and was cut off, is completed; a ready config never listed, or
     * listed at an older generation, or every ready config after the layout of the copies changed, is rebuilt, as its
     * months may not all have been copied where the roll-ups read them).
     */
    private int configure(Map<String, Bucketing> bucketings, Instant settledBefore, Failures failed) {
        CountsStore.Layout layout = store.layout();
        boolean relaidOut = !layout.recorded();
        // the first sweep in a new layout forgets what an earlier stint in it listed and rebuilds every ready
        // dealership; one that could not record the layout leaves it to the next, which goes on from what was listed
        // since, unless a sweep of another layout ran meanwhile (it may have moved dealerships this layout's listing
        // does not know of, and its functions published copies this layout lacks): every layout's sweep undoes the
        // forgetting of any other
        boolean entering = relaidOut && !layout.listingsForgotten();
        if (layout.recorded() && layout.anyForgotten()) {
            attempt(store::clearListingsForgotten, failed);
        }
        // asked once a sweep, and only if a generation of the format before is found
        Supplier<Boolean> formatSettled = memoized(() -> !store.formatSince(clock.instant()).isAfter(settledBefore));
        int failedBefore = failed.count();
        int outdated = 0;
        if (entering) {
            attempt(store::forgetListings, failed);
        }
        List<String> registered = registry.registeredDealerships();
        Map<String, AggregateConfig> configs = store.configs(registered);
        Map<String, NetworkListing> listings = store.layoutListings();
        java.util.Set<String> listed = new java.util.HashSet<>(store.building());
        int configured = 0;
        for (String dealershipId : registered) {
            AggregateConfig config = configs.get(dealershipId);
            NetworkListing listing = listings.get(dealershipId);
            if (config == null) {
                configured += attempt(() -> aggregates.configFor(dealershipId, Optional.empty(), false), failed) ? 1 : 0;
            } else if (bucketings.containsKey(dealershipId) && !bucketings.get(dealershipId).equals(config.bucketing())) {
                configured += attempt(() -> aggregates.rebucket(dealershipId, bucketings.get(dealershipId)), failed) ? 1 : 0;
            } else if (listing != null && listing.generation() > config.generation()) {
                configured += attempt(() -> store.replaceConfig(dealershipId, config,
                        config.next(new Bucketing(listing.zone(), config.group()), clock.instant())), failed) ? 1 : 0;
            } else if (entering || config.ready() && (listing == null || listing.generation() < config.generation())) {
                // ready, but its months may not all be copied where the roll-ups read them: by a version before the
                // copies, after a crash between the config and its listing, or in another layout (the shard count
                // changed, or changed back: a listing left behind by the layout's last use); only a build copies
                // every month, so a new generation is built. So is one being built when the layout changes: what its
                // batches copied, and what the other layout's functions still publish while a deployment shifts
                // traffic, went to the other layout's shards; a new generation waits out the shift before its build
                configured += attempt(() -> aggregates.rebuild(dealershipId, config), failed) ? 1 : 0;
            } else {
                if (!config.ready() && !listed.contains(dealershipId)) {
                    attempt(() -> store.listAsBuilding(dealershipId), failed);
                }
                if (!NetworkListing.of(config).equals(listing)) {
                    attempt(() -> store.list(dealershipId, config), failed);
                }
                if (config.outdated()) {
                    // completed by a version before the month summaries: its reports read the milestones until its
                    // months are summarized in place, once that version can no longer be writing them (its copies
                    // and listing stand: the roll-ups go on reading them)
                    outdated++;
                    configured += summarizedInPlace(dealershipId, config, formatSettled, failed) ? 1 : 0;
                }
            }
        }
        if (relaidOut && failed.count() == failedBefore) {
            store.recordLayout();
        }
        if (outdated == 0) {
            attempt(store::forgetFormatSince, failed);
        }
        return configured;
    }

    /** Summarizes a generation of the format before in place once the format has settled; whether it did. */
    private boolean summarizedInPlace(String dealershipId, AggregateConfig config, Supplier<Boolean> formatSettled,
                                      Failures failed) {
        try {
            return formatSettled.get() && store.summarizeInPlace(dealershipId, config);
        } catch (RuntimeException e) {
            failed.add(e);
            return false;
        }
    }

    /** The supplier's first answer, asked on first use (again after a failure). */
    private static <T> Supplier<T> memoized(Supplier<T> supplier) {
        return new Supplier<>() {
            private T value;

            @Override
            public T get() {
                if (value == null) {
                    value = supplier.get();
                }
                return value;
            }
        };
    }

    /**
     * Every profile's bucketing, what is kept beside the profiles mended on the way (a profile it could not mend is a
     * failure, and the others go on); none (no re-bucketing this time) if the profiles could not be read.
     */
    private Map<String, Bucketing> bucketings(Upkeep upkeep, Failures failed) {
        java.util.concurrent.atomic.AtomicReference<Map<String, Bucketing>> read = new java.util.concurrent.atomic.AtomicReference<>(Map.of());
        attempt(() -> read.set(profileBucketings.maintain(upkeep, failed::add)), failed);
        return read.get();
    }

    /** Publishes every agreement with a milestone flagged before {@code before}; how many it settled. */
    private int complete(Instant before, Failures failed) {
        Map<String, Optional<AggregateConfig>> configs = new HashMap<>();
        int settled = 0;
        for (CountsStore.FlaggedAgreement flagged : store.flagged(before)) {
            String dealershipId = flagged.dealershipId();
            if (!configs.containsKey(dealershipId)
                    && !attempt(() -> configs.put(dealershipId, aggregates.config(dealershipId)), failed)) {
                continue;
            }
            // no config: configure() has just created it, unless that failed (the next sweep)
            Optional<AggregateConfig> config = configs.get(dealershipId);
            if (config.isPresent() && attempt(() -> aggregates.settle(dealershipId, flagged.agreementId(), config.get()), failed)) {
                settled++;
            }
        }
        return settled;
    }

    /**
     * Builds one generation: counts each of the dealership's agreements (from the milestone index, which a
     * generation older than the grace no longer outruns) and each of its counting updates (from the activity index),
     * then marks it ready if every one succeeded, as far as this sweep's time allows (the next goes on after it).
     * Whether it completed one.
     */
    private boolean build(String dealershipId, Instant before, Instant until, Failures failed) {
        try {
            return buildOrWait(dealershipId, before, until, failed);
        } catch (RuntimeException e) {
            failed.add(e);
            return false;
        }
    }

    private boolean buildOrWait(String dealershipId, Instant before, Instant until, Failures failed) {
        Optional<AggregateConfig> found = store.config(dealershipId);
        if (found.isEmpty() || found.get().since().isAfter(before)) {
            return false;
        }
        AggregateConfig config = found.get();
        if (config.ready()) {
            // listed by a request that found the dealership configured meanwhile: nothing to build
            store.markReady(dealershipId, config.generation());
            return false;
        }
        Build build = new Build(dealershipId, config, until, failed);
        if (!build.agreements() || !build.updates()) {
            return false;
        }
        store.markReady(dealershipId, config.generation());
        return true;
    }

    /**
     * One sweep's part of a generation's build, in order (agreements by first contact, then updates by moment; each
     * then by id), recording how far each batch done in full got: a busy dealership's build outlasts a sweep (each
     * write of its months is a large item, and they share one partition), and the next goes on after it. A sweep
     * does at least one batch.
     */
    private final class Build {
        private final String dealershipId;
        private final AggregateConfig config;
        private final Instant until;
        private final Failures failed;
        private final int failedBefore;
        private CountsStore.BuildProgress progress;
        private boolean batched;

        Build(String dealershipId, AggregateConfig config, Instant until, Failures failed) {
            this.dealershipId = dealershipId;
            this.config = config;
            this.until = until;
            this.failed = failed;
            this.failedBefore = failed.count();
            this.progress = store.buildProgress(dealershipId, config.generation());
        }

        /**
         * Settles every agreement not yet settled, listing only those whose first contact is not before the last one
         * settled; whether all are. (A progress recorded by the version before, an agreement's id, is no place:
         * the build starts again from the first, which settling twice does not disturb.)
         */
        boolean agreements() {
            Optional<CountsStore.Place> through = progress.agreements().flatMap(CountsStore.Place::parse);
            List<CountsStore.Place> agreements = new ArrayList<>();
            store.agreements(dealershipId, through.map(CountsStore.Place::at).orElse(Instant.EPOCH), agreement -> {
                if (through.isEmpty() || agreement.compareTo(through.get()) > 0) {
                    agreements.add(agreement);
                }
            });
            agreements.sort(null);
            for (int from = 0; from < agreements.size(); from += BUILD_BATCH) {
                List<CountsStore.Place> batch = agreements.subList(from, Math.min(agreements.size(), from + BUILD_BATCH));
                boolean done = batch(() -> batch.stream().map(agreement -> CompletableFuture.supplyAsync(
                                () -> attempt(() -> aggregates.count(dealershipId, agreement.id(), config), failed), executor))
                        .toList().forEach(CompletableFuture::join));
                if (!done) {
                    return false;
                }
                record(progress.agreementsThrough(batch.get(batch.size() - 1).format()));
            }
            return true;
        }

        /** Counts every update not yet counted into the usage, listing only those after the last one; whether all are. */
        boolean updates() {
            Optional<CountsStore.Place> through = progress.events().flatMap(CountsStore.Place::parse);
            List<UsageEvent> events = new ArrayList<>();
            through.ifPresentOrElse(after -> store.events(dealershipId, after, events::add),
                    () -> store.events(dealershipId, events::add));
            events.sort(Comparator.comparing(Sweep::placeOf));
            for (int next = 0; next < events.size(); next += USAGE_BATCH) {
                List<UsageEvent> batch = events.subList(next, Math.min(events.size(), next + USAGE_BATCH));
                boolean done = batch(() -> batch.forEach(event ->
                        attempt(() -> aggregates.countUsage(dealershipId, config, event), failed)));
                if (!done) {
                    return false;
                }
                record(progress.eventsThrough(placeOf(batch.get(batch.size() - 1)).format()));
            }
            return true;
        }

        /** Runs a batch if this sweep has time for it (or has done none); whether it ran without a failure. */
        private boolean batch(Runnable batch) {
            if (batched && !clock.instant().isBefore(until)) {
                return false;
            }
            batched = true;
            batch.run();
            // a batch with a failure is not recorded: the next sweep does it again, and what follows it
            return failed.count() == failedBefore;
        }

        private void record(CountsStore.BuildProgress done) {
            progress = done;
            store.recordBuildProgress(dealershipId, config.generation(), done);
        }
    }

    private static CountsStore.Place placeOf(UsageEvent event) {
        return new CountsStore.Place(event.at(), event.eventId());
    }

    /**
     * Runs one dealership's or agreement's step; a failure is counted and its first few causes kept (the next sweep
     * tries again), not thrown: one failing dealership must not hold up the others.
     */
    private static boolean attempt(Runnable step, Failures failed) {
        try {
            step.run();
            return true;
        } catch (RuntimeException e) {
            failed.add(e);
            return false;
        }
    }

    /** What failed in one sweep: how many steps, and the first causes. */
    private static final class Failures {
        private static final int KEPT = 5;
        private final AtomicInteger count = new AtomicInteger();
        private final List<String> causes = Collections.synchronizedList(new ArrayList<>());

        void add(RuntimeException cause) {
            if (count.incrementAndGet() <= KEPT) {
                causes.add(cause.toString());
            }
        }

        int count() {
            return count.get();
        }
    }
}
