package com.dealerkpi.app.report;

import com.dealerkpi.app.common.Parallel;
import com.dealerkpi.app.settings.SettingsStore;
import com.dealerkpi.domain.report.Cohorts;
import com.dealerkpi.domain.report.CompareWith;
import com.dealerkpi.domain.report.DailyCounts;
import com.dealerkpi.domain.report.DateRange;
import com.dealerkpi.domain.report.KpiCounts;
import com.dealerkpi.domain.report.KpiReport;
import com.dealerkpi.domain.report.Pace;
import com.dealerkpi.domain.report.RangeRequest;
import com.dealerkpi.domain.report.TimeToConvert;
import com.dealerkpi.domain.report.UsageReport;
import com.dealerkpi.domain.settings.EffectiveTargets;
import com.dealerkpi.domain.settings.Profile;
import com.dealerkpi.domain.settings.TargetBook;
import com.dealerkpi.domain.status.Stage;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A dealership's reports: KPI, the agreements behind a count, and usage. Ranges are resolved in the
 * dealership's own time zone; counts come from the milestone index, the four stages at once, beside one read of
 * every target scope that applies.
 */
public final class KpiReports {
    /** How far before a range time to convert looks for its sales' earlier stages (older ones are read by key). */
    public static final Duration TIME_TO_CONVERT_LOOKBACK = Conversions.LOOKBACK;

    private final SettingsStore settings;
    private final ReportStore reports;
    private final Parallel parallel;
    private final Clock clock;
    private final Conversions conversions;

    public KpiReports(SettingsStore settings, ReportStore reports, Parallel parallel, Clock clock) {
        this.settings = settings;
        this.reports = reports;
        this.parallel = parallel;
        this.clock = clock;
        this.conversions = new Conversions(reports);
    }

    /** A dealership as reports see it: its profile, or the defaults if it has none (yet). */
    public record Dealership(Profile profile, boolean hasProfile) {
    }

    /**
     * The dealership, if it is known: it has a profile or an accepted update. An unknown one is a 404, so a typo
     * in an id does not read as a dealership with no activity.
     */
    public Dealership dealership(String dealershipId) {
        Optional<Profile> profile = settings.profile(dealershipId).map(SettingsStore.Versioned::value);
        if (profile.isPresent()) {
            return new Dealership(profile.get(), true);
        }
        if (!reports.isRegistered(dealershipId)) {
            throw new UnknownDealershipException(dealershipId);
        }
        return new Dealership(Profile.unknown(dealershipId), false);
    }

    /** The dealership's report: the four stage counts and its target layers read at once. */
    public KpiReport kpi(Profile profile, RangeRequest request) {
        return kpi(profile, resolve(profile, request));
    }

    /** A KPI report with what managers read beside it: the comparison asked for, and time to convert. */
    public record Insight(KpiReport report, Optional<CompareWith.Comparison> comparison, TimeToConvert timeToConvert) {
        /** Where a year or month to date is heading (none for other ranges). */
        public Optional<Pace> pace() {
            return Pace.of(report.range(), report.counts());
        }
    }

    /**
     * The report, its comparison and its time to convert, every read issued at once: one Query per stage (its rows
     * give both the counts and the conversions), the target layers, and the compared range's counts. Each call is a
     * single read that waits on nothing else in the pool: a call that waited for calls queued behind it could, with
     * enough requests at once (the local runner serves many), leave every pool thread waiting.
     */
    public Insight insight(Profile profile, RangeRequest request, Optional<CompareWith> compare) {
        DateRange range = resolve(profile, request);
        Optional<DateRange> other = compare.map(with -> with.rangeFor(range));
        Parallel.Batch reads = parallel.batch();
        Map<Stage, Supplier<Map<String, Instant>>> rows = each(reads, conversions.reportReads(profile.dealershipId(), range));
        Supplier<List<EffectiveTargets.Layer>> layers = reads.add(() -> settings.targetLayers(profile));
        Optional<Map<Stage, Supplier<long[]>>> comparedCounts = other.map(compared ->
                each(reads, countReads(profile.dealershipId(), List.of(compared.start(), compared.endExclusive()))));
        reads.run();
        Map<Stage, Map<String, Instant>> read = results(rows);
        KpiReport report = report(profile, range, Conversions.countsByDay(read, range.dayBoundaries()), layers.get());
        Optional<CompareWith.Comparison> comparison = other.map(compared -> new CompareWith.Comparison(compared,
                whole(results(comparedCounts.orElseThrow()))));
        TimeToConvert time = conversions.timeToConvert(read, agreements -> moments(profile.dealershipId(), agreements));
        return new Insight(report, comparison, time);
    }

    /** The report's reads at once: each stage's count per day of the range, and the target layers. */
    private KpiReport kpi(Profile profile, DateRange range) {
        Parallel.Batch reads = parallel.batch();
        Map<Stage, Supplier<long[]>> counts = each(reads, countReads(profile.dealershipId(), range.dayBoundaries()));
        Supplier<List<EffectiveTargets.Layer>> layers = reads.add(() -> settings.targetLayers(profile));
        reads.run();
        return report(profile, range, results(counts), layers.get());
    }

    /** Each stage's count between consecutive boundaries: one read per stage. */
    private Map<Stage, Supplier<long[]>> countReads(String dealershipId, List<Instant> boundaries) {
        Map<Stage, Supplier<long[]>> calls = new EnumMap<>(Stage.class);
        for (Stage stage : Stage.values()) {
            calls.put(stage, () -> reports.countMilestones(dealershipId, stage, boundaries));
        }
        return calls;
    }

    /**
     * One dealership's report within a roll-up: the stage counts one after another (a roll-up's parallelism is
     * across dealerships, so requests in flight stay bounded), the targets from the roll-up's one read of them.
     */
    public KpiReport kpiWithin(Profile profile, RangeRequest request, TargetBook targets) {
        DateRange range = resolve(profile, request);
        return report(profile, range, inTurn(countReads(profile.dealershipId(), range.dayBoundaries())),
                targets.layersFor(profile));
    }

    /** @param byStage per stage, the count of each day of the range */
    private KpiReport report(Profile profile, DateRange range, Map<Stage, long[]> byStage, List<EffectiveTargets.Layer> layers) {
        return KpiReport.build(profile, range, DailyCounts.of(range, byStage), layers, today(profile));
    }

    /** The counts of the range compared with, one stage after another, within a roll-up (parallel across dealerships). */
    public CompareWith.Comparison comparisonWithin(Profile profile, DateRange range, CompareWith with) {
        DateRange other = with.rangeFor(range);
        Map<Stage, long[]> counts = inTurn(countReads(profile.dealershipId(), List.of(other.start(), other.endExclusive())));
        return new CompareWith.Comparison(other, whole(counts));
    }

    /** The range's contact cohorts: each month's first contacts and how far those agreements have got since. */
    public List<Cohorts.Row> cohorts(Profile profile, DateRange range) {
        Parallel.Batch reads = parallel.batch();
        Map<Stage, Supplier<Map<String, Instant>>> rows = each(reads, conversions.cohortReads(profile.dealershipId(), range, clock.instant()));
        reads.run();
        return conversions.cohorts(range, results(rows));
    }

    /**
     * Milestone moments of many agreements, a batch read per {@link ReportStore#MOMENTS_PER_READ}, in parallel
     * (from the request's thread: these reads wait on nothing in the pool).
     */
    private Map<String, Map<Stage, Instant>> moments(String dealershipId, List<String> agreementIds) {
        List<Supplier<Map<String, Map<Stage, Instant>>>> reads = new ArrayList<>();
        for (int from = 0; from < agreementIds.size(); from += ReportStore.MOMENTS_PER_READ) {
            List<String> chunk = agreementIds.subList(from, Math.min(agreementIds.size(), from + ReportStore.MOMENTS_PER_READ));
            reads.add(() -> reports.milestoneMoments(dealershipId, chunk));
        }
        Map<String, Map<Stage, Instant>> moments = new HashMap<>();
        parallel.all(reads).forEach(moments::putAll);
        return moments;
    }

    /** The agreements behind a count, newest first. */
    public ReportStore.MilestonePage agreements(Profile profile, Stage stage, DateRange range, int limit,
                                                Optional<ReportStore.MilestoneRow> after) {
        return reports.milestones(profile.dealershipId(), stage, range.start(), range.endExclusive(), limit, after);
    }

    public UsageReport usage(Profile profile, RangeRequest request) {
        DateRange range = resolve(profile, request);
        UsageReport usage = new UsageReport(range);
        reports.activity(profile.dealershipId(), range.start(), range.endExclusive(),
                a -> usage.count(a.at(), a.status(), a.userId()));
        return usage;
    }

    /**
     * The range on the dealership's local today. The all-time view starts at the earlier of go-live and the first
     * accepted update of any status (so every milestone and every update counts, and the stages are in funnel order),
     * or today if there is neither.
     */
    public DateRange resolve(Profile profile, RangeRequest request) {
        LocalDate today = today(profile);
        LocalDate allTimeStart = null;
        if (request.needsAllTimeStart()) {
            Optional<LocalDate> first = reports.firstActivity(profile.dealershipId())
                    .map(at -> at.atZone(profile.timezone()).toLocalDate());
            LocalDate goLive = profile.goLiveDate();
            allTimeStart = first.map(f -> goLive != null && goLive.isBefore(f) ? goLive : f)
                    .orElse(goLive != null ? goLive : today);
        }
        return request.resolve(today, profile.timezone(), allTimeStart);
    }

    /** The counts of a range read as one bucket (boundaries: its start and its end). */
    private static KpiCounts whole(Map<Stage, long[]> oneBucket) {
        return new KpiCounts(oneBucket.get(Stage.CONTACTED)[0], oneBucket.get(Stage.APPOINTED)[0],
                oneBucket.get(Stage.ATTENDED)[0], oneBucket.get(Stage.SOLD)[0]);
    }

    /** Adds each stage's call to a batch; the handles answer once it has run. */
    private static <T> Map<Stage, Supplier<T>> each(Parallel.Batch batch, Map<Stage, Supplier<T>> calls) {
        Map<Stage, Supplier<T>> handles = new EnumMap<>(Stage.class);
        calls.forEach((stage, call) -> handles.put(stage, batch.add(call)));
        return handles;
    }

    /** The results of a batch that has run, by stage. */
    private static <T> Map<Stage, T> results(Map<Stage, Supplier<T>> handles) {
        Map<Stage, T> results = new EnumMap<>(Stage.class);
        handles.forEach((stage, handle) -> results.put(stage, handle.get()));
        return results;
    }

    /** Runs each stage's call on this thread, one after another (a roll-up's parallelism is across dealerships). */
    private static <T> Map<Stage, T> inTurn(Map<Stage, Supplier<T>> calls) {
        Map<Stage, T> results = new EnumMap<>(Stage.class);
        calls.forEach((stage, call) -> results.put(stage, call.get()));
        return results;
    }

    private LocalDate today(Profile profile) {
        return LocalDate.now(clock.withZone(profile.timezone()));
    }
}
