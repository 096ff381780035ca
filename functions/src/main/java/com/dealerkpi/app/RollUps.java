package com.dealerkpi.app;

import com.dealerkpi.domain.KpiReport;
import com.dealerkpi.domain.Profile;
import com.dealerkpi.domain.RangeRequest;
import com.dealerkpi.domain.RollUp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;

/**
 * Region, brand and national reports: every dealership in scope, each reported in its own time zone, at most
 * {@code maxParallel} dealerships at a time. The national report covers every dealership with a profile or any
 * accepted update.
 */
public final class RollUps {
    private final SettingsStore settings;
    private final ReportStore reports;
    private final KpiReports kpi;
    private final ExecutorService fanOut;
    private final int maxParallel;

    public RollUps(SettingsStore settings, ReportStore reports, KpiReports kpi, ExecutorService fanOut, int maxParallel) {
        this.settings = settings;
        this.reports = reports;
        this.kpi = kpi;
        this.fanOut = fanOut;
        this.maxParallel = maxParallel;
    }

    /** A region or brand and its dealerships, by the spelling most of them use. */
    public record ScopeCount(String name, int dealerships) {
    }

    public RollUp region(String region, RangeRequest request, RollUp.Sort sort) {
        return rollUp("region:" + region.trim(), withProfiles(settings.profilesInRegion(region)), request, sort);
    }

    public RollUp brand(String brand, RangeRequest request, RollUp.Sort sort) {
        return rollUp("brand:" + brand.trim(), withProfiles(settings.profilesOfBrand(brand)), request, sort);
    }

    public RollUp national(RangeRequest request, RollUp.Sort sort) {
        Map<String, KpiReports.Dealership> all = new TreeMap<>();
        settings.allProfiles().forEach(p -> all.put(p.dealershipId(), new KpiReports.Dealership(p, true)));
        for (String id : reports.registeredDealerships()) {
            all.putIfAbsent(id, new KpiReports.Dealership(Profile.unknown(id), false));
        }
        return rollUp("national", List.copyOf(all.values()), request, sort);
    }

    /** Every region (or brand) that a profile names, matched case-insensitively, with its dealership count. */
    public List<ScopeCount> regions() {
        return scopeCounts(settings.allProfiles().stream().map(Profile::region).toList());
    }

    public List<ScopeCount> brands() {
        return scopeCounts(settings.allProfiles().stream().map(Profile::brand).toList());
    }

    private static List<ScopeCount> scopeCounts(List<String> names) {
        Map<String, Map<String, Integer>> spellings = new TreeMap<>();
        for (String name : names) {
            if (name != null) {
                spellings.computeIfAbsent(com.dealerkpi.domain.TargetScope.matchKey(name), k -> new TreeMap<>())
                        .merge(name.trim(), 1, Integer::sum);
            }
        }
        List<ScopeCount> counts = new ArrayList<>();
        spellings.forEach((key, bySpelling) -> {
            String shown = bySpelling.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
            counts.add(new ScopeCount(shown, bySpelling.values().stream().mapToInt(Integer::intValue).sum()));
        });
        return counts;
    }

    private static List<KpiReports.Dealership> withProfiles(List<Profile> profiles) {
        return profiles.stream().map(p -> new KpiReports.Dealership(p, true)).toList();
    }

    private RollUp rollUp(String scope, List<KpiReports.Dealership> dealerships, RangeRequest request, RollUp.Sort sort) {
        Semaphore slots = new Semaphore(maxParallel);
        List<CompletableFuture<RollUp.Row>> futures = new ArrayList<>();
        for (KpiReports.Dealership dealership : dealerships) {
            slots.acquireUninterruptibly();
            futures.add(CompletableFuture.supplyAsync(() -> row(dealership, request), fanOut)
                    .whenComplete((row, failure) -> slots.release()));
        }
        List<RollUp.Row> rows = new ArrayList<>();
        try {
            for (CompletableFuture<RollUp.Row> future : futures) {
                rows.add(future.join());
            }
        } catch (CompletionException e) {
            futures.forEach(f -> f.cancel(false));
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
        return RollUp.of(scope, request.kind(), rows, sort);
    }

    private RollUp.Row row(KpiReports.Dealership dealership, RangeRequest request) {
        KpiReport report = kpi.kpi(dealership.profile(), request);
        return new RollUp.Row(report, dealership.profile(), dealership.hasProfile());
    }
}
