package com.dealerkpi.app.counts;

import com.dealerkpi.app.common.Parallel;
import com.dealerkpi.domain.Months;
import com.dealerkpi.domain.counts.AggregateConfig;
import com.dealerkpi.domain.counts.Bucketing;
import com.dealerkpi.domain.counts.CohortRecord;
import com.dealerkpi.domain.counts.Home;
import com.dealerkpi.domain.counts.MilestoneState;
import com.dealerkpi.domain.counts.MonthCounts;
import com.dealerkpi.domain.counts.MonthSummary;
import com.dealerkpi.domain.counts.NetworkCounts;
import com.dealerkpi.domain.counts.NetworkListing;
import com.dealerkpi.domain.counts.Register;
import com.dealerkpi.domain.counts.SaleRecord;
import com.dealerkpi.domain.counts.UsageDay;
import com.dealerkpi.domain.counts.UsageEvent;
import com.dealerkpi.domain.report.Cohorts;
import com.dealerkpi.domain.report.KpiCounts;
import com.dealerkpi.domain.status.Stage;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Keeps each dealership's pre-aggregated counts equal to its milestones (docs/aggregates.md): publishes the milestone
 * states a write changed, registers first, outbox flags after.
 */
public final class Aggregates {
    /** Enough for any realistic race on one milestone's moment; past it the flag stays for the next sweep. */
    private static final int HOME_ATTEMPTS = 5;

    private final CountsStore store;
    private final Function<String, Bucketing> bucketingOf;
    private final Parallel parallel;
    private final Clock clock;
    private final RecentListings listings;

    /**
     * @param bucketingOf  a dealership's time zone and dealer group as its profile says (a new dealership's aggregates
     *                     start with them)
     * @param listingReuse how long the roll-ups use the network's listings again without reading them
     */
    public Aggregates(CountsStore store, Function<String, Bucketing> bucketingOf, Parallel parallel, Clock clock,
                      Duration listingReuse) {
        this.store = store;
        this.bucketingOf = bucketingOf;
        this.parallel = parallel;
        this.clock = clock;
        this.listings = new RecentListings(store, clock, listingReuse);
    }

    /** The dealership's config, read consistently. */
    public Optional<AggregateConfig> config(String dealershipId) {
        return store.config(dealershipId);
    }

    /**
     * The config to bucket a status update into: the dealership's, or its first one (in its profile's zone).
     * Complete from the start when every update the dealership has had was counted by this version; otherwise it
     * has history that a build must count first.
     */
    public Optional<AggregateConfig> configFor(String dealershipId, Optional<AggregateConfig> read, boolean countedFromStart) {
        return read.isPresent() ? read : store.createConfig(dealershipId, first(dealershipId, countedFromStart));
    }

    /** A dealership's first config: generation 1, bucketed as its profile says. */
    AggregateConfig first(String dealershipId, boolean complete) {
        Bucketing bucketing = bucketingOf.apply(dealershipId);
        return new AggregateConfig(1, bucketing.zone(), bucketing.group(), complete, clock.instant());
    }

    /**
     * Starts a new generation of a dealership's aggregates in the same zone, built in the background from the
     * milestones (a repair: generations are never reused, so nothing of the old one can leak into it); false if the
     * dealership has no aggregates.
     */
    public boolean rebuild(String dealershipId) {
        return store.config(dealershipId).map(current -> rebuild(dealershipId, current)).orElse(false);
    }

    /** As {@link #rebuild(String)}, only if {@code current} is still the dealership's generation. */
    public boolean rebuild(String dealershipId, AggregateConfig current) {
        return store.replaceConfig(dealershipId, current, current.next(current.bucketing(), clock.instant()));
    }

    /**
     * A dealership's time zone or dealer group changed: its days and months are other ones now, or its copies belong
     * in another group's share of the network, so a new generation of its aggregates is built in the background
     * (reports read the milestones meanwhile and say so).
     */
    public void rebucket(String dealershipId, Bucketing bucketing) {
        store.config(dealershipId).filter(current -> !current.bucketing().equals(bucketing))
                .ifPresent(current -> store.replaceConfig(dealershipId, current, current.next(bucketing, clock.instant())));
    }

    /**
     * Brings one agreement's counts up to date from its items as they are now (read consistently, after whatever the
     * caller wrote): gives each milestone the home of its moment in the config's generation if it lacks it, then
     * publishes the flagged ones and, when anything was flagged, the agreement's sale and cohort records; then the
     * usage of each flagged update. What a status update with a change, a void, the sweep do.
     */
    public void settle(String dealershipId, String agreementId, AggregateConfig config) {
        settle(dealershipId, agreementId, config, Optional.empty());
    }

    /**
     * As {@link #settle(String, String, AggregateConfig)}, but leaves the usage of the update {@code inProgress} to
     * the request recording it, which counts it and clears its flag itself.
     */
    public void settle(String dealershipId, String agreementId, AggregateConfig config, Optional<String> inProgress) {
        CountsStore.Agreement agreement = store.agreement(dealershipId, agreementId);
        publish(dealershipId, config, homed(dealershipId, config, agreement.milestones()), false);
        agreement.events().stream().filter(UsageEvent::flagged)
                .filter(event -> inProgress.filter(event.eventId()::equals).isEmpty())
                .forEach(event -> publishUsage(dealershipId, agreementId, config, event));
    }

    /** Counts an update into (voided: out of) its day's usage, then clears its history item's flag. */
    public void publishUsage(String dealershipId, String agreementId, AggregateConfig config, UsageEvent event) {
        countUsage(dealershipId, config, event);
        store.usagePublished(dealershipId, agreementId, event);
    }

    /** Counts an update into (voided: out of) its day's usage: what a build does for every counting update. */
    public void countUsage(String dealershipId, AggregateConfig config, UsageEvent event) {
        store.countUsage(dealershipId, config.generation(), event.at().atZone(config.zone()).toLocalDate(), event);
    }

    /**
     * What the roll-ups read for some local months: every dealership's listing and its copies of those months, one
     * consistent read of a few items per month whatever the number of dealerships. A copy serves beside a listing
     * read before it: a generation is listed ready only once its every month was copied, and copies only move
     * forward, so such a copy is at least of the listed generation (a newer one means a new generation began since:
     * {@link NetworkCounts} counts that dealership otherwise). A listing reused from a minute ago serves too if the
     * listings' version read with the copies is the one read before it: that version is raised after a new
     * generation is listed and before it begins, so an unchanged version means every dealership's current
     * generation is the one the listing names. (Without that check, an old generation's month that its dealership's
     * publishers no longer keep, and that the new generation has no copy of yet, would count an update voided since.)
     */
    public NetworkCounts network(List<YearMonth> months) {
        RecentListings.Listed listed = listings.get();
        if (listed.listings().isEmpty()) {
            return new NetworkCounts(Map.of(), Map.of());
        }
        CountsStore.NetworkCopies copies = store.networkCopies(Optional.empty(), months);
        if (listed.version().isPresent() && listed.version().getAsLong() != copies.listingsVersion()) {
            listed = listings.read();
            copies = store.networkCopies(Optional.empty(), months);
        }
        return new NetworkCounts(listed.listings(), copies.months());
    }

    /**
     * What a dealer group's roll-up reads: the group's share of the network (one item per month), which holds the
     * copies of every dealership whose current generation is bucketed in the group (its key, as
     * {@code Ids.groupKey}), and those of other dealerships whose id or group falls in the same shard. Its listing
     * is read every time, before the copies: a dealership that left the group and came back has, in this share,
     * copies of its generation from before it left, which lack what changed while it was away; only a listing read
     * since its return (naming the generation it came back with, not ready until built) keeps them from counting.
     */
    public NetworkCounts groupNetwork(String group, List<YearMonth> months) {
        Map<String, NetworkListing> listed = store.networkListings(Optional.of(group));
        return new NetworkCounts(listed, listed.isEmpty() ? Map.of() : store.networkCopies(Optional.of(group), months).months());
    }

    /** Each day's usage from {@code from} to {@code to}, read consistently from their day items. */
    public Map<LocalDate, UsageDay> usage(String dealershipId, AggregateConfig config, LocalDate from, LocalDate to) {
        return store.usage(dealershipId, config.generation(), from, to);
    }

    /** The first local day on which the generation counts an update (one consistent read), if any. */
    public Optional<LocalDate> firstUsageDay(String dealershipId, AggregateConfig config) {
        return store.firstUsageDay(dealershipId, config.generation());
    }

    /**
     * Counts one agreement into a generation being built: as {@link #settle}, but every milestone, flagged or not (one
     * whose flag a publisher of an older generation cleared is counted too; the rest change nothing).
     */
    public void count(String dealershipId, String agreementId, AggregateConfig config) {
        publish(dealershipId, config, homed(dealershipId, config, store.agreement(dealershipId, agreementId).milestones()), true);
    }

    /**
     * Publishes one agreement's milestones (all its items, as read) into a generation: the registers of those flagged
     * (or all), the sale record, then each month's copies (its counters in the network's month item for the
     * roll-ups, its summary beside it for the dealership's reports), then each milestone's flag and tombstoned homes.
     * Idempotent: what is held already, or overtaken, changes nothing. Nothing is published while a moment lacks its
     * home in the generation (the flags stay for the sweep), and a flag a newer generation also counts is left for
     * that one's publisher.
     */
    private void publish(String dealershipId, AggregateConfig config, List<MilestoneState> agreement, boolean all) {
        List<MilestoneState> changed = agreement.stream().filter(state -> all || state.flagged()).toList();
        if (changed.isEmpty() || agreement.stream().anyMatch(state -> state.homeless(config.generation(), config.zone()))) {
            return;
        }
        Map<Home, Map<MonthCounts.RegisterId, Register>> registers = new LinkedHashMap<>();
        for (MilestoneState state : changed) {
            state.registers(config.generation(), config.zone()).forEach((home, register) -> registers
                    .computeIfAbsent(home, h -> new LinkedHashMap<>())
                    .put(new MonthCounts.RegisterId(state.agreementId(), state.stage()), register));
        }
        String agreementId = changed.get(0).agreementId();
        Map<Home, SaleRecord> sales = sales(agreement, config);
        Map<Home, CohortRecord> cohorts = cohorts(agreement, config);
        Set<Home> homeSet = new java.util.LinkedHashSet<>(registers.keySet());
        homeSet.addAll(sales.keySet());
        homeSet.addAll(cohorts.keySet());
        List<Home> homes = List.copyOf(homeSet);
        List<Supplier<MonthSummary>> months = new ArrayList<>();
        for (Home home : homes) {
            MonthCounts.Wanted wanted = new MonthCounts.Wanted(registers.getOrDefault(home, Map.of()),
                    sales.containsKey(home) ? Map.of(agreementId, sales.get(home)) : Map.of(),
                    cohorts.containsKey(home) ? Map.of(agreementId, cohorts.get(home)) : Map.of());
            months.add(() -> store.publish(dealershipId, home, wanted));
        }
        List<MonthSummary> published = parallel.all(months);
        List<Supplier<Void>> copies = new ArrayList<>();
        for (int i = 0; i < homes.size(); i++) {
            Home home = homes.get(i);
            MonthSummary month = published.get(i);
            copies.add(() -> {
                store.copyToNetwork(dealershipId, config, home, month);
                return null;
            });
            copies.add(() -> {
                store.summarize(dealershipId, home, month);
                return null;
            });
        }
        parallel.all(copies);
        List<Supplier<Void>> flags = new ArrayList<>();
        for (MilestoneState state : changed) {
            if (!state.flagged() || state.homedAfter(config.generation())) {
                continue; // nothing to clear; or a newer generation's publisher (or the sweep) clears it
            }
            flags.add(() -> {
                store.published(dealershipId, state.agreementId(), state.stage(), state.version(),
                        staleHomes(state, config));
                return null;
            });
        }
        parallel.all(flags);
    }

    /**
     * The agreement's sale record in each home of its Sold milestone: the record in the month of the sale, a
     * tombstone at the same version in every other (none without a Sold milestone item).
     */
    private static Map<Home, SaleRecord> sales(List<MilestoneState> agreement, AggregateConfig config) {
        Map<Home, SaleRecord> sales = new LinkedHashMap<>();
        SaleRecord record = SaleRecord.of(agreement);
        agreement.stream().filter(state -> state.stage() == Stage.SOLD).findFirst().ifPresent(sold ->
                sold.registers(config.generation(), config.zone()).forEach((home, register) ->
                        sales.put(home, register.counts() ? record : SaleRecord.tombstone(record.version()))));
        return sales;
    }

    /**
     * The agreement's cohort record in each home of its Contacted milestone: the record, for the local day of the
     * contact, in the month of the contact; a tombstone at the same version in every other.
     */
    private static Map<Home, CohortRecord> cohorts(List<MilestoneState> agreement, AggregateConfig config) {
        Map<Home, CohortRecord> cohorts = new LinkedHashMap<>();
        long version = agreement.stream().mapToLong(MilestoneState::version).sum();
        agreement.stream().filter(state -> state.stage() == Stage.CONTACTED).findFirst().ifPresent(contacted ->
                contacted.registers(config.generation(), config.zone()).forEach((home, register) ->
                        cohorts.put(home, register.counts() ? CohortRecord.of(agreement, register.day())
                                : CohortRecord.tombstone(version))));
        return cohorts;
    }

    /**
     * The agreement's milestones, each with the home of its moment in the config's generation (adding one is a
     * change: it raises the version and flags the item).
     */
    private List<MilestoneState> homed(String dealershipId, AggregateConfig config, List<MilestoneState> states) {
        List<MilestoneState> homed = new ArrayList<>();
        for (MilestoneState state : states) {
            MilestoneState current = state;
            for (int attempt = 0; attempt < HOME_ATTEMPTS && current.homeless(config.generation(), config.zone()); attempt++) {
                current = store.addHome(dealershipId, current.agreementId(), current.stage(),
                        config.homeOf(current.at()).key());
            }
            homed.add(current);
        }
        return homed;
    }

    /**
     * Each stage's count on each local day from {@code from} to {@code to} (index 0: {@code from}), from the
     * dealership's aggregates: one consistent batch read of the summaries of the months they span.
     */
    public Map<Stage, long[]> countsByDay(String dealershipId, AggregateConfig config, LocalDate from, LocalDate to) {
        Map<YearMonth, MonthSummary> stored = store.summaries(dealershipId, config.generation(), Months.between(from, to));
        return MonthCounts.byDayOfRange(from, to, month -> stored.get(month).milestones());
    }

    /** A range's counts (each stage by day, index 0 the first) and the milestone moments of the agreements it sold. */
    public record Period(Map<Stage, long[]> byDay, List<Map<Stage, Instant>> sales) {
    }

    /**
     * The counts and the sales of the local days from {@code from} to {@code to}: one consistent read of their months'
     * summaries.
     */
    public Period period(String dealershipId, AggregateConfig config, LocalDate from, LocalDate to) {
        Map<YearMonth, MonthSummary> months = store.summaries(dealershipId, config.generation(), Months.between(from, to));
        List<Map<Stage, Instant>> sales = new ArrayList<>();
        months.values().forEach(month -> month.sales().forEach(sale -> {
            LocalDate sold = sale.get(Stage.SOLD).atZone(config.zone()).toLocalDate();
            if (!sold.isBefore(from) && !sold.isAfter(to)) {
                sales.add(sale);
            }
        }));
        return new Period(MonthCounts.byDayOfRange(from, to, month -> months.get(month).milestones()), sales);
    }

    /**
     * The contact cohorts of the local days from {@code from} to {@code to}, month by month: each month's contacts on
     * those days and how many of them have reached each later stage since (one consistent read of the summaries).
     */
    public List<Cohorts.Row> cohorts(String dealershipId, AggregateConfig config, LocalDate from, LocalDate to) {
        Map<YearMonth, MonthSummary> stored = store.summaries(dealershipId, config.generation(), Months.between(from, to));
        List<Cohorts.Row> rows = new ArrayList<>();
        stored.forEach((month, summary) -> {
            long[] counts = new long[Stage.values().length];
            LocalDate first = month.atDay(1).isBefore(from) ? from : month.atDay(1);
            LocalDate last = month.atEndOfMonth().isAfter(to) ? to : month.atEndOfMonth();
            for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
                counts[Stage.CONTACTED.ordinal()] += summary.milestones().get(Stage.CONTACTED)[day.getDayOfMonth()];
                for (Stage stage : CohortRecord.LATER) {
                    counts[stage.ordinal()] += summary.cohorts().get(stage)[day.getDayOfMonth()];
                }
            }
            rows.add(new Cohorts.Row(month, KpiCounts.of(counts)));
        });
        return rows;
    }

    /** The homes of this generation that hold only a tombstone of the state now. */
    private static Set<String> staleHomes(MilestoneState state, AggregateConfig config) {
        Set<String> stale = new HashSet<>();
        state.registers(config.generation(), config.zone()).forEach((home, register) -> {
            if (!register.counts()) {
                stale.add(home.key());
            }
        });
        return stale;
    }

    /**
     * The aggregates' state as operators see it.
     *
     * @param building whether any dealership's aggregates are being built (its reports read the milestones)
     * @param pending  milestones flagged: changes the aggregates may not hold yet
     */
    public record State(boolean building, long pending, Optional<Instant> lastSweep,
                        Optional<CountsStore.Verification> lastVerification) {
    }

    public State state() {
        Parallel.Batch reads = parallel.batch();
        Supplier<List<String>> building = reads.add(store::building);
        Supplier<Long> pending = reads.add(store::pending);
        Supplier<CountsStore.Status> status = reads.add(store::status);
        reads.run();
        return new State(!building.get().isEmpty(), pending.get(), status.get().lastSweep(),
                status.get().lastVerification());
    }

    /** Whether reports in a zone can be read from a dealership's aggregates. */
    public static boolean serves(Optional<AggregateConfig> config, ZoneId zone) {
        return config.isPresent() && config.get().serves(zone);
    }
}
