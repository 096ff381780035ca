package com.dealerkpi.app.report;

import com.dealerkpi.app.counts.Aggregates;
import com.dealerkpi.app.settings.SettingsStore;
import com.dealerkpi.domain.Ids;
import com.dealerkpi.domain.Months;
import com.dealerkpi.domain.access.Caller;
import com.dealerkpi.domain.counts.NetworkCounts;
import com.dealerkpi.domain.report.CompareWith;
import com.dealerkpi.domain.report.DateRange;
import com.dealerkpi.domain.report.KpiCounts;
import com.dealerkpi.domain.report.RangeRequest;
import com.dealerkpi.domain.report.RollUp;
import com.dealerkpi.domain.settings.Profile;
import com.dealerkpi.domain.settings.TargetBook;
import com.dealerkpi.domain.settings.TargetScope;
import com.dealerkpi.domain.status.Stage;

import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * Region, brand, dealer group and national reports: every dealership in scope, each reported in its own time zone,
 * the targets of every scope read once. Counts come from the network's copies of every dealership's months (one read
 * of a few items per month, whatever the number of dealerships; a group's, of its own share, one item per month); a
 * dealership whose copies do not serve its zone yet (being built, no aggregates, just moved to the group) and the
 * all-time view (whose start is each dealership's own) are counted dealership by dealership, as many at a time as the
 * fan-out executor has threads (each dealership's reads one after another, so that is also the number of store
 * requests in flight); one that has never had an accepted update (a profile ahead of its go-live) has nothing to
 * count and is a row of zeros, read from nothing. The national report covers every dealership with a profile
 * or any accepted update. Complete or not at all: past its time budget a roll-up stops and fails.
 */
public final class RollUps {
    private final SettingsStore settings;
    private final ReportStore reports;
    private final KpiReports kpi;
    private final Aggregates aggregates;
    private final ExecutorService fanOut;
    private final Duration budget;

    public RollUps(SettingsStore settings, ReportStore reports, KpiReports kpi, Aggregates aggregates,
                   ExecutorService fanOut, Duration budget) {
        this.settings = settings;
        this.reports = reports;
        this.kpi = kpi;
        this.aggregates = aggregates;
        this.fanOut = fanOut;
        this.budget = budget;
    }

    /** A region, brand or group and its dealerships, by the spelling most of them use. */
    public record ScopeCount(String name, int dealerships) {
    }

    /**
     * What a roll-up is asked for, and by whom: its range, the order of its rows, what to compare it with (if
     * anything); only the dealerships the caller may see are in it.
     */
    public record Query(Caller caller, RangeRequest range, RollUp.Sort sort, Optional<CompareWith> compare) {
    }

    /** A region's dealerships as their profiles say now (read consistently: one that has just joined is in). */
    public RollUp region(String region, Query query) {
        Reads reads = new Reads(query, aggregates::network);
        return reads.within(() -> {
            List<Profile> profiles = settings.profilesInRegion(region);
            return rollUp("region:" + spelling(profiles.stream().map(Profile::region).toList(), region),
                    withProfiles(profiles), query, reads);
        });
    }

    /** A brand's dealerships, as a region's. */
    public RollUp brand(String brand, Query query) {
        Reads reads = new Reads(query, aggregates::network);
        return reads.within(() -> {
            List<Profile> profiles = settings.profilesOfBrand(brand);
            return rollUp("brand:" + spelling(profiles.stream().map(Profile::brand).toList(), brand),
                    withProfiles(profiles), query, reads);
        });
    }

    /**
     * A dealer group's dealerships as their profiles say now (as a region's: one that left the group is out of its
     * table from the answer to that move on), counted from the group's own share of the network's copies.
     */
    public RollUp group(String group, Query query) {
        Reads reads = new Reads(query, months -> aggregates.groupNetwork(Ids.groupKey(group), months));
        return reads.within(() -> {
            List<Profile> profiles = settings.profilesInGroup(group);
            return rollUp("group:" + spelling(profiles.stream().map(Profile::group).toList(), group),
                    withProfiles(profiles), query, reads);
        });
    }

    public RollUp national(Query query) {
        Reads reads = new Reads(query, aggregates::network);
        // beside the profiles: a dealership with accepted updates and no profile has its row too
        Future<Set<String>> registered = reads.registered();
        return reads.within(() -> {
            Map<String, KpiReports.Dealership> all = new TreeMap<>();
            settings.allProfiles().forEach(p -> all.put(p.dealershipId(), new KpiReports.Dealership(p, true)));
            for (String id : reads.await(registered, "national")) {
                all.putIfAbsent(id, new KpiReports.Dealership(Profile.unknown(id), false));
            }
            return rollUp("national", List.copyOf(all.values()), query, reads);
        });
    }

    /**
     * The reads of a roll-up started beside the read of its dealerships: every target scope, and the network's copies
     * of the months its range spans on any date that is today somewhere (its dealerships' zones are not known yet),
     * from the whole network or a group's share. No copies for the all-time view, whose start is each dealership's own.
     * A roll-up that fails stops every read it started, rather than leave them to the next request's threads.
     */
    private final class Reads {
        private final long deadline = System.nanoTime() + budget.toNanos();
        private final List<Future<?>> started = new CopyOnWriteArrayList<>();
        private final Future<TargetBook> targets = start(settings::allTargets);
        private final Optional<Future<NetworkCounts>> network;
        private Future<Set<String>> registered;

        Reads(Query query, Function<List<YearMonth>, NetworkCounts> copies) {
            if (query.range().needsAllTimeStart()) {
                network = Optional.empty();
                return;
            }
            Set<YearMonth> months = new TreeSet<>();
            for (DateRange range : kpi.resolveOnEveryToday(query.range())) {
                months.addAll(Months.between(range.from(), range.to()));
                query.compare().map(with -> with.rangeFor(range)).ifPresent(other ->
                        months.addAll(Months.between(other.from(), other.to())));
            }
            network = Optional.of(start(() -> copies.apply(List.copyOf(months))));
        }

        /**
         * The dealerships that have had an accepted update, read when first asked for (the nation's beside its
         * profiles; a scope's only when some of its dealerships have no copies to count them from).
         */
        Future<Set<String>> registered() {
            if (registered == null) {
                registered = start(() -> Set.copyOf(reports.registeredDealerships()));
            }
            return registered;
        }

        <T> Future<T> start(Callable<T> read) {
            Future<T> future = fanOut.submit(read);
            started.add(future);
            return future;
        }

        /** The roll-up, its reads stopped if it fails. */
        RollUp within(Supplier<RollUp> rollUp) {
            try {
                return rollUp.get();
            } catch (RuntimeException | Error e) {
                started.forEach(read -> read.cancel(true));
                throw e;
            }
        }

        long remaining() {
            return Math.max(0, deadline - System.nanoTime());
        }

        /**
         * A read started beside the dealerships' own, waited for within the roll-up's budget (past it, how many
         * dealerships the roll-up covers is not known yet).
         */
        <T> T await(Future<T> read, String scope) {
            try {
                return read.get(remaining(), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                throw new RollUpTimeoutException(scope, budget);
            } catch (ExecutionException e) {
                throw unwrapped(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }

    /** What a read threw, as it threw it (a checked exception, which no read declares, wrapped). */
    private static RuntimeException unwrapped(ExecutionException e) {
        if (e.getCause() instanceof Error error) {
            throw error;
        }
        return e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
    }

    /**
     * Every region (or brand) that a profile the caller may see names, matched case-insensitively, with its
     * dealership count.
     */
    public List<ScopeCount> regions(Caller caller) {
        return scopeCounts(visible(caller).map(Profile::region).toList(), TargetScope::matchKey);
    }

    public List<ScopeCount> brands(Caller caller) {
        return scopeCounts(visible(caller).map(Profile::brand).toList(), TargetScope::matchKey);
    }

    /** Every dealer group a profile the caller may see names, matched as {@link Ids#groupKey} says. */
    public List<ScopeCount> groups(Caller caller) {
        return scopeCounts(visible(caller).map(Profile::group).toList(), Ids::groupKey);
    }

    private Stream<Profile> visible(Caller caller) {
        return settings.allProfiles().stream().filter(profile -> caller.mayAccess(profile.dealershipId(), groupOf(profile)));
    }

    /** A profile in hand tells its dealership's group. */
    private static Caller.GroupOf groupOf(Profile profile) {
        return dealershipId -> Optional.ofNullable(profile.group());
    }

    private static List<ScopeCount> scopeCounts(List<String> names, UnaryOperator<String> matchKey) {
        Map<String, List<String>> spellings = new TreeMap<>();
        for (String name : names) {
            if (name != null) {
                spellings.computeIfAbsent(matchKey.apply(name), k -> new ArrayList<>()).add(name);
            }
        }
        List<ScopeCount> counts = new ArrayList<>();
        spellings.forEach((key, spelled) -> counts.add(new ScopeCount(spelling(spelled, key), spelled.size())));
        // by lower-cased name, as people read a list (a group's key orders "Group_1" before "Group1": not its name)
        counts.sort(Comparator.comparing((ScopeCount count) -> count.name().toLowerCase(java.util.Locale.ROOT))
                .thenComparing(ScopeCount::name));
        return counts;
    }

    /**
     * How a region or brand is shown: the spelling most of its profiles use (the alphabetically first among equals),
     * or the one asked for when no profile names it.
     */
    private static String spelling(List<String> spelled, String asked) {
        Map<String, Integer> bySpelling = new TreeMap<>();
        spelled.forEach(name -> bySpelling.merge(name.trim(), 1, Integer::sum));
        return bySpelling.entrySet().stream().max(Map.Entry.<String, Integer>comparingByValue()
                        .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
                .map(Map.Entry::getKey).orElse(asked.trim());
    }

    private static List<KpiReports.Dealership> withProfiles(List<Profile> profiles) {
        return profiles.stream().map(p -> new KpiReports.Dealership(p, true)).toList();
    }

    private RollUp rollUp(String scope, List<KpiReports.Dealership> inScope, Query query, Reads reads) {
        List<KpiReports.Dealership> dealerships = inScope.stream()
                .filter(dealership -> query.caller().mayAccess(dealership.profile().dealershipId(),
                        groupOf(dealership.profile()))).toList();
        AtomicBoolean abandoned = new AtomicBoolean();
        try {
            TargetBook targets = reads.targets.get(reads.remaining(), TimeUnit.NANOSECONDS);
            Map<String, RollUp.Row> counted = new HashMap<>();
            if (reads.network.isPresent()) {
                counted.putAll(fromNetwork(dealerships, query, targets, reads.network.get().get(reads.remaining(), TimeUnit.NANOSECONDS)));
            }
            List<KpiReports.Dealership> uncounted = dealerships.stream()
                    .filter(dealership -> !counted.containsKey(dealership.profile().dealershipId())).toList();
            Set<String> withUpdates = uncounted.isEmpty() ? Set.of() : reads.await(reads.registered(), scope);
            Map<String, Future<RollUp.Row>> rest = new HashMap<>();
            for (KpiReports.Dealership dealership : uncounted) {
                String id = dealership.profile().dealershipId();
                if (!withUpdates.contains(id)) {
                    counted.put(id, withoutUpdates(dealership, query, targets));
                } else {
                    // a dealership not started when the roll-up is abandoned is skipped, not read
                    rest.put(id, fanOut.submit(() -> abandoned.get() ? null : row(dealership, query, targets)));
                }
            }
            List<RollUp.Row> rows = new ArrayList<>(dealerships.size());
            for (KpiReports.Dealership dealership : dealerships) {
                String id = dealership.profile().dealershipId();
                rows.add(counted.containsKey(id) ? counted.get(id) : rest.get(id).get(reads.remaining(), TimeUnit.NANOSECONDS));
            }
            return RollUp.of(scope, query.range().kind(), rows, query.sort());
        } catch (TimeoutException e) {
            abandoned.set(true);
            throw new RollUpTimeoutException(scope, dealerships.size(), budget);
        } catch (ExecutionException e) {
            abandoned.set(true);
            throw unwrapped(e);
        } catch (InterruptedException e) {
            abandoned.set(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The rows of every dealership whose network copies serve its zone and cover its range (and the compared one). */
    private Map<String, RollUp.Row> fromNetwork(List<KpiReports.Dealership> dealerships, Query query, TargetBook targets,
                                                NetworkCounts network) {
        Map<String, RollUp.Row> rows = new HashMap<>();
        for (KpiReports.Dealership dealership : dealerships) {
            networkRow(dealership, query, targets, network).ifPresent(row -> rows.put(dealership.profile().dealershipId(), row));
        }
        return rows;
    }

    /** A dealership's row from the network's copies, its range resolved in its own zone; empty if they cannot give it. */
    private Optional<RollUp.Row> networkRow(KpiReports.Dealership dealership, Query query, TargetBook targets,
                                            NetworkCounts network) {
        Profile profile = dealership.profile();
        DateRange range = kpi.resolve(profile, query.range());
        Optional<Map<Stage, long[]>> byDay = network.byDay(profile.dealershipId(), profile.timezone(), range.from(), range.to());
        if (byDay.isEmpty()) {
            return Optional.empty();
        }
        CompareWith.Comparison comparison = null;
        if (query.compare().isPresent()) {
            DateRange other = query.compare().get().rangeFor(range);
            Optional<Map<Stage, long[]>> compared = network.byDay(profile.dealershipId(), profile.timezone(), other.from(), other.to());
            if (compared.isEmpty()) {
                return Optional.empty();
            }
            comparison = new CompareWith.Comparison(other, KpiReports.total(compared.get()));
        }
        return Optional.of(new RollUp.Row(kpi.kpiFrom(profile, range, byDay.get(), targets), profile, dealership.hasProfile(),
                comparison));
    }

    /**
     * The row of a dealership that has never had an accepted update, with nothing read: it has no milestone, since
     * registering a dealership is the first write of its first update (before any milestone of it is written).
     */
    private RollUp.Row withoutUpdates(KpiReports.Dealership dealership, Query query, TargetBook targets) {
        Profile profile = dealership.profile();
        DateRange range = kpi.resolveWithoutUpdates(profile, query.range());
        CompareWith.Comparison comparison = query.compare()
                .map(with -> new CompareWith.Comparison(with.rangeFor(range), KpiCounts.ZERO)).orElse(null);
        return new RollUp.Row(kpi.kpiFrom(profile, range, KpiReports.none(range), targets), profile,
                dealership.hasProfile(), comparison);
    }

    private RollUp.Row row(KpiReports.Dealership dealership, Query query, TargetBook targets) {
        KpiReports.Within within = kpi.kpiWithin(dealership.profile(), query.range(), targets, query.compare());
        return new RollUp.Row(within.report(), dealership.profile(), dealership.hasProfile(), within.comparison().orElse(null));
    }
}
