package com.dealerkpi.app;

import com.dealerkpi.domain.DateRange;
import com.dealerkpi.domain.EffectiveTargets;
import com.dealerkpi.domain.KpiCounts;
import com.dealerkpi.domain.KpiReport;
import com.dealerkpi.domain.Profile;
import com.dealerkpi.domain.RangeRequest;
import com.dealerkpi.domain.Stage;
import com.dealerkpi.domain.UsageReport;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A dealership's reports: KPI, the agreements behind a count, and usage. Ranges are resolved in the
 * dealership's own time zone; counts come from the milestone index, the four stages at once.
 */
public final class KpiReports {
    private final SettingsStore settings;
    private final ReportStore reports;
    private final Parallel parallel;
    private final Clock clock;

    public KpiReports(SettingsStore settings, ReportStore reports, Parallel parallel, Clock clock) {
        this.settings = settings;
        this.reports = reports;
        this.parallel = parallel;
        this.clock = clock;
    }

    /** The dealership's profile, or the defaults (Europe/London, nothing else known) if it has none yet. */
    public Profile profile(String dealershipId) {
        return settings.profile(dealershipId).map(SettingsStore.Versioned::value).orElse(Profile.unknown(dealershipId));
    }

    public KpiReport kpi(Profile profile, RangeRequest request) {
        DateRange range = resolve(profile, request);
        List<Instant> boundaries = range.monthBoundaries();
        List<Supplier<Object>> calls = new ArrayList<>();
        for (Stage stage : Stage.values()) {
            calls.add(() -> reports.countMilestones(profile.dealershipId(), stage, boundaries));
        }
        calls.add(() -> settings.targetLayers(profile));
        List<Object> results = parallel.all(calls);

        List<KpiCounts> perMonth = new ArrayList<>();
        for (int month = 0; month < boundaries.size() - 1; month++) {
            long[] byStage = new long[4];
            for (Stage stage : Stage.values()) {
                byStage[stage.ordinal()] = ((long[]) results.get(stage.ordinal()))[month];
            }
            perMonth.add(KpiCounts.of(byStage));
        }
        @SuppressWarnings("unchecked")
        List<EffectiveTargets.Layer> layers = (List<EffectiveTargets.Layer>) results.get(4);
        return KpiReport.build(profile.dealershipId(), range, perMonth, EffectiveTargets.merge(layers), profile.databaseSize());
    }

    /** The agreements behind a count, newest first. */
    public ReportStore.MilestonePage agreements(Profile profile, Stage stage, DateRange range, int limit,
                                                Optional<ReportStore.MilestoneRow> after) {
        return reports.milestones(profile.dealershipId(), stage, range.start(), range.endExclusive(), limit, after);
    }

    public UsageReport usage(String dealershipId, RangeRequest request) {
        DateRange range = resolve(profile(dealershipId), request);
        UsageReport usage = new UsageReport(range);
        reports.activity(dealershipId, range.start(), range.endExclusive(),
                a -> usage.count(a.at(), a.status(), a.userId()));
        return usage;
    }

    /**
     * The range on the dealership's local today. The all-time view starts at go-live, else at the first
     * milestone, else today.
     */
    public DateRange resolve(Profile profile, RangeRequest request) {
        LocalDate today = LocalDate.now(clock.withZone(profile.timezone()));
        LocalDate allTimeStart = null;
        if (request.needsAllTimeStart()) {
            allTimeStart = profile.goLiveDate() != null ? profile.goLiveDate()
                    : reports.firstMilestone(profile.dealershipId())
                    .map(at -> at.atZone(profile.timezone()).toLocalDate()).orElse(today);
        }
        return request.resolve(today, profile.timezone(), allTimeStart);
    }
}
