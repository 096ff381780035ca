package com.dealerkpi.app.counts;

import com.dealerkpi.app.common.Parallel;
import com.dealerkpi.domain.counts.AggregateConfig;
import com.dealerkpi.domain.counts.Home;
import com.dealerkpi.domain.counts.MilestoneState;
import com.dealerkpi.domain.counts.MonthCounts;
import com.dealerkpi.domain.counts.Register;
import com.dealerkpi.domain.status.Stage;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
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
    private final Function<String, ZoneId> zoneOf;
    private final Parallel parallel;
    private final Clock clock;

    /** @param zoneOf a dealership's time zone as its profile says (a new dealership's aggregates start in it) */
    public Aggregates(CountsStore store, Function<String, ZoneId> zoneOf, Parallel parallel, Clock clock) {
        this.store = store;
        this.zoneOf = zoneOf;
        this.parallel = parallel;
        this.clock = clock;
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

    /** A dealership's first config: generation 1, in its profile's zone. */
    AggregateConfig first(String dealershipId, boolean complete) {
        return new AggregateConfig(1, zoneOf.apply(dealershipId), complete, clock.instant());
    }

    /**
     * Starts a new generation of a dealership's aggregates in the same zone, built in the background from the
     * milestones (a repair: generations are never reused, so nothing of the old one can leak into it); false if the
     * dealership has no aggregates.
     */
    public boolean rebuild(String dealershipId) {
        return store.config(dealershipId).map(current -> store.replaceConfig(dealershipId, current,
                current.next(current.zone(), clock.instant()))).orElse(false);
    }

    /**
     * A dealership's time zone changed: its days and months are other ones now, so a new generation of its
     * aggregates is built in the background (reports read the milestones meanwhile and say so).
     */
    public void rezone(String dealershipId, ZoneId zone) {
        store.config(dealershipId).filter(current -> !current.zone().equals(zone))
                .ifPresent(current -> store.replaceConfig(dealershipId, current, current.next(zone, clock.instant())));
    }

    /**
     * Publishes milestone states (of one dealership) into its aggregates: every home's register, then each milestone's
     * flag and tombstoned homes. Idempotent: states already held, or overtaken, change nothing. A state whose moment
     * has no home in the generation yet is left flagged ({@link #settle} gives it one), and so is one a newer
     * generation counts too (a request that read the config before it changed publishes only the older one).
     */
    public void publish(String dealershipId, AggregateConfig config, List<MilestoneState> states) {
        List<MilestoneState> publishable = states.stream()
                .filter(state -> !state.homeless(config.generation(), config.zone())).toList();
        if (publishable.isEmpty()) {
            return;
        }
        Map<Home, Map<MonthCounts.RegisterId, Register>> byHome = new LinkedHashMap<>();
        for (MilestoneState state : publishable) {
            state.registers(config.generation(), config.zone()).forEach((home, register) -> byHome
                    .computeIfAbsent(home, h -> new LinkedHashMap<>())
                    .put(new MonthCounts.RegisterId(state.agreementId(), state.stage()), register));
        }
        List<Supplier<Void>> months = new ArrayList<>();
        byHome.forEach((home, registers) -> months.add(() -> {
            store.publish(dealershipId, home, registers);
            return null;
        }));
        parallel.all(months);
        List<Supplier<Void>> flags = new ArrayList<>();
        for (MilestoneState state : publishable) {
            if (state.homedAfter(config.generation())) {
                continue; // a newer generation's publisher (or the sweep) clears it
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
     * Brings one agreement's counts up to date from its milestones as they are now: gives each milestone the home of
     * its moment in the config's generation if it lacks it, then publishes every flagged one. What a void, the sweep
     * and the build do.
     */
    public void settle(String dealershipId, String agreementId, AggregateConfig config) {
        publish(dealershipId, config, homed(dealershipId, config, store.milestoneStates(dealershipId, agreementId), false));
    }

    /**
     * Counts one agreement into a generation being built: as {@link #settle}, but every milestone, flagged or not (one
     * whose flag a publisher of an older generation cleared is counted too; the rest change nothing).
     */
    public void count(String dealershipId, String agreementId, AggregateConfig config) {
        publish(dealershipId, config, homed(dealershipId, config, store.milestoneStates(dealershipId, agreementId), true));
    }

    /**
     * The agreement's flagged milestones (or all of them), each with the home of its moment in the config's
     * generation (adding one is a change: it raises the version and flags the item).
     */
    private List<MilestoneState> homed(String dealershipId, AggregateConfig config, List<MilestoneState> states,
                                       boolean all) {
        List<MilestoneState> homed = new ArrayList<>();
        for (MilestoneState state : states) {
            MilestoneState current = state;
            for (int attempt = 0; attempt < HOME_ATTEMPTS && current.homeless(config.generation(), config.zone()); attempt++) {
                current = store.addHome(dealershipId, current.agreementId(), current.stage(),
                        config.homeOf(current.at()).key());
            }
            if (all || current.flagged()) {
                homed.add(current);
            }
        }
        return homed;
    }

    /**
     * Each stage's count on each local day from {@code from} to {@code to} (index 0: {@code from}), from the
     * dealership's aggregates: one consistent batch read of the months they span.
     */
    public Map<Stage, long[]> countsByDay(String dealershipId, AggregateConfig config, LocalDate from, LocalDate to) {
        List<YearMonth> months = new ArrayList<>();
        for (YearMonth month = YearMonth.from(from); !month.isAfter(YearMonth.from(to)); month = month.plusMonths(1)) {
            months.add(month);
        }
        Map<YearMonth, Map<Stage, long[]>> stored = store.counts(dealershipId, config.generation(), months);
        int days = (int) ChronoUnit.DAYS.between(from, to) + 1;
        Map<Stage, long[]> byDay = new EnumMap<>(Stage.class);
        for (Stage stage : Stage.values()) {
            long[] counts = new long[days];
            for (int i = 0; i < days; i++) {
                LocalDate day = from.plusDays(i);
                counts[i] = stored.get(YearMonth.from(day)).get(stage)[day.getDayOfMonth()];
            }
            byDay.put(stage, counts);
        }
        return byDay;
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
