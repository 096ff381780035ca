package com.dealerkpi.app.report;

import com.dealerkpi.app.settings.SettingsStore;
import com.dealerkpi.domain.access.Caller;
import com.dealerkpi.domain.report.CompareWith;
import com.dealerkpi.domain.report.KpiReport;
import com.dealerkpi.domain.report.RangeRequest;
import com.dealerkpi.domain.report.RollUp;
import com.dealerkpi.domain.settings.Profile;
import com.dealerkpi.domain.settings.TargetBook;
import com.dealerkpi.domain.settings.TargetScope;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * Region, brand and national reports: every dealership in scope, each reported in its own time zone, as many at
 * a time as the fan-out executor has threads (each dealership's reads one after another, so that is also the number
 * of store requests in flight), the targets of every scope read once. The national report covers every dealership
 * with a profile or any accepted update. Complete or not at all: past its time budget a roll-up stops and fails.
 */
public final class RollUps {
    private final SettingsStore settings;
    private final ReportStore reports;
    private final KpiReports kpi;
    private final ExecutorService fanOut;
    private final Duration budget;

    public RollUps(SettingsStore settings, ReportStore reports, KpiReports kpi, ExecutorService fanOut, Duration budget) {
        this.settings = settings;
        this.reports = reports;
        this.kpi = kpi;
        this.fanOut = fanOut;
        this.budget = budget;
    }

    /** A region or brand and its dealerships, by the spelling most of them use. */
    public record ScopeCount(String name, int dealerships) {
    }

    /**
     * What a roll-up is asked for, and by whom: its range, the order of its rows, what to compare it with (if
     * anything); only the dealerships the caller may see are in it.
     */
    public record Query(Caller caller, RangeRequest range, RollUp.Sort sort, Optional<CompareWith> compare) {
    }

    public RollUp region(String region, Query query) {
        List<Profile> profiles = settings.profilesInRegion(region);
        return rollUp("region:" + spelling(profiles.stream().map(Profile::region).toList(), region), withProfiles(profiles), query);
    }

    public RollUp brand(String brand, Query query) {
        List<Profile> profiles = settings.profilesOfBrand(brand);
        return rollUp("brand:" + spelling(profiles.stream().map(Profile::brand).toList(), brand), withProfiles(profiles), query);
    }

    public RollUp national(Query query) {
        Map<String, KpiReports.Dealership> all = new TreeMap<>();
        settings.allProfiles().forEach(p -> all.put(p.dealershipId(), new KpiReports.Dealership(p, true)));
        for (String id : reports.registeredDealerships()) {
            all.putIfAbsent(id, new KpiReports.Dealership(Profile.unknown(id), false));
        }
        return rollUp("national", List.copyOf(all.values()), query);
    }

    /**
     * Every region (or brand) that a profile the caller may see names, matched case-insensitively, with its
     * dealership count.
     */
    public List<ScopeCount> regions(Caller caller) {
        return scopeCounts(visible(caller).map(Profile::region).toList());
    }

    public List<ScopeCount> brands(Caller caller) {
        return scopeCounts(visible(caller).map(Profile::brand).toList());
    }

    private Stream<Profile> visible(Caller caller) {
        return settings.allProfiles().stream().filter(profile -> caller.mayAccess(profile.dealershipId()));
    }

    private static List<ScopeCount> scopeCounts(List<String> names) {
        Map<String, List<String>> spellings = new TreeMap<>();
        for (String name : names) {
            if (name != null) {
                spellings.computeIfAbsent(TargetScope.matchKey(name), k -> new ArrayList<>()).add(name);
            }
        }
        List<ScopeCount> counts = new ArrayList<>();
        spellings.forEach((key, spelled) -> counts.add(new ScopeCount(spelling(spelled, key), spelled.size())));
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

    private RollUp rollUp(String scope, List<KpiReports.Dealership> inScope, Query query) {
        List<KpiReports.Dealership> dealerships = inScope.stream()
                .filter(dealership -> query.caller().mayAccess(dealership.profile().dealershipId())).toList();
        long deadline = System.nanoTime() + budget.toNanos();
        AtomicBoolean abandoned = new AtomicBoolean();
        TargetBook targets = settings.allTargets();
        List<Future<RollUp.Row>> futures = new ArrayList<>(dealerships.size());
        for (KpiReports.Dealership dealership : dealerships) {
            // a dealership not started when the roll-up is abandoned is skipped, not read
            futures.add(fanOut.submit(() -> abandoned.get() ? null : row(dealership, query, targets)));
        }
        List<RollUp.Row> rows = new ArrayList<>(dealerships.size());
        try {
            for (Future<RollUp.Row> future : futures) {
                rows.add(future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            }
        } catch (TimeoutException e) {
            abandoned.set(true);
            throw new RollUpTimeoutException(scope, dealerships.size(), budget);
        } catch (ExecutionException e) {
            abandoned.set(true);
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            abandoned.set(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        return RollUp.of(scope, query.range().kind(), rows, query.sort());
    }

    private RollUp.Row row(KpiReports.Dealership dealership, Query query, TargetBook targets) {
        KpiReport report = kpi.kpiWithin(dealership.profile(), query.range(), targets);
        CompareWith.Comparison comparison = query.compare()
                .map(with -> kpi.comparisonWithin(dealership.profile(), report.range(), with)).orElse(null);
        return new RollUp.Row(report, dealership.profile(), dealership.hasProfile(), comparison);
    }
}
