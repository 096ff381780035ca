package com.dealerkpi.app;

import com.dealerkpi.domain.KpiReport;
import com.dealerkpi.domain.Profile;
import com.dealerkpi.domain.RangeRequest;
import com.dealerkpi.domain.RollUp;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;

/**
 * Region, brand and national reports: every dealership in scope (found through the profile's key or index),
 * each reported in its own time zone, at most {@code maxParallel} dealerships at a time.
 */
public final class RollUps {
    private final SettingsStore settings;
    private final KpiReports reports;
    private final ExecutorService fanOut;
    private final int maxParallel;

    public RollUps(SettingsStore settings, KpiReports reports, ExecutorService fanOut, int maxParallel) {
        this.settings = settings;
        this.reports = reports;
        this.fanOut = fanOut;
        this.maxParallel = maxParallel;
    }

    public RollUp region(String region, RangeRequest request) {
        return rollUp("region:" + region, settings.profilesInRegion(region), request);
    }

    public RollUp brand(String brand, RangeRequest request) {
        return rollUp("brand:" + brand, settings.profilesOfBrand(brand), request);
    }

    public RollUp national(RangeRequest request) {
        return rollUp("national", settings.allProfiles(), request);
    }

    private RollUp rollUp(String scope, List<Profile> profiles, RangeRequest request) {
        List<Profile> sorted = new ArrayList<>(profiles);
        sorted.sort(Comparator.comparing(Profile::dealershipId));
        Semaphore slots = new Semaphore(maxParallel);
        List<CompletableFuture<KpiReport>> futures = new ArrayList<>();
        for (Profile profile : sorted) {
            slots.acquireUninterruptibly();
            futures.add(CompletableFuture.supplyAsync(() -> reports.kpi(profile, request), fanOut)
                    .whenComplete((report, failure) -> slots.release()));
        }
        List<KpiReport> parts = new ArrayList<>();
        try {
            for (CompletableFuture<KpiReport> future : futures) {
                parts.add(future.join());
            }
        } catch (CompletionException e) {
            futures.forEach(f -> f.cancel(false));
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
        return RollUp.of(scope, request.kind(), parts);
    }
}
