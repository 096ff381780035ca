package com.dealerkpi.app.report;

import com.dealerkpi.app.common.Parallel;
import com.dealerkpi.app.counts.Aggregates;
import com.dealerkpi.app.settings.SettingsStore;
import com.dealerkpi.domain.counts.AggregateConfig;
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
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A dealership's reports: KPI, the agreements behind a count, and usage. Ranges are resolved in the
 * dealership's own time zone; counts come from the dealership's pre-aggregated counts when they serve that zone
 * (read consistently: they include every answered update), else from the milestone index, the four stages at once
 * (and the report says so in a note), beside one read of every target scope that applies.
 */
public final class KpiReports {
    /** How far before a range time to convert looks for its sales' earlier stages (older ones are read by key). */
    public static final Duration TIME_TO_CONVERT_LOOKBACK = Conversions.LOOKBACK;

    private final SettingsStore settings;
    private final ReportStore reports;
    private final Aggregates aggregates;
    private final Parallel parallel;
    private final Clock clock;
    private final Conversions conversions;

    public KpiReports(SettingsStore settings, ReportStore reports, Aggregates aggregates, Parallel parallel, Clock clock) {
        this.settings = settings;
        this.reports = reports;
        this.aggregates = aggregates;
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

    /** The dealership's report: the aggregate config beside the target layers, then each stage's count per day. */
    public KpiReport kpi(Profile profile, RangeRequest request) {
        Parallel.Batch reads = parallel.batch();
        Supplier<Source> source = reads.add(() -> source(profile));
        Supplier<List<EffectiveTargets.Layer>> layers = reads.add(() -> settings.targetLayers(profile));
        reads.run();
        DateRange range = resolve(profile, request, source);
        return source.get().noted(report(profile, range,
                countsByDay(profile.dealershipId(), source.get().serving(), range, this::atOnce), layers.get()));
    }

    /** A KPI report with what managers read beside it: the comparison asked for, and time to convert. */
    public record Insight(KpiReport report, Optional<CompareWith.Comparison> comparison, TimeToConvert timeToConvert) {
        /** Where a year or month to date is heading (none for other ranges). */
        public Optional<Pace> pace() {
            return Pace.of(report.range(), report.counts());
        }
    }

    /**
     * The report, its comparison and its time to convert: the aggregate config beside the target layers, then every
     * read at once: the range's months of the aggregates when they serve (their counters give the counts, their sale
     * records time to convert), else one Query per stage (its rows give both), and the compared range's counts. Each call is a single
     * read that waits on nothing else in the pool: a call that waited for calls queued behind it could, with enough
     * requests at once (the local runner serves many), leave every pool thread waiting.
     */
    public Insight insight(Profile profile, RangeRequest request, Optional<CompareWith> compare) {
        String dealershipId = profile.dealershipId();
        Parallel.Batch first = parallel.batch();
        Supplier<Source> source = first.add(() -> source(profile));
        Supplier<List<EffectiveTargets.Layer>> layers = first.add(() -> settings.targetLayers(profile));
        first.run();
        DateRange range = resolve(profile, request, source);
        Optional<DateRange> other = compare.map(with -> with.rangeFor(range));
        Parallel.Batch reads = parallel.batch();
        Optional<AggregateConfig> serving = source.get().serving();
        Optional<Supplier<Aggregates.Period>> period = serving.map(c -> reads.add(() ->
                aggregates.period(dealershipId, c, range.from(), range.to())));
        Map<Stage, Supplier<Map<String, Instant>>> rows = serving.isPresent() ? Map.of()
                : each(reads, conversions.reportReads(dealershipId, range));
        Optional<Supplier<KpiCounts>> compared = other.map(o -> reads.add(() -> wholeRange(dealershipId, serving, o)));
        reads.run();
        Map<Stage, long[]> byDay;
        TimeToConvert time;
        if (period.isPresent()) {
            byDay = period.get().get().byDay();
            time = TimeToConvert.of(period.get().get().sales());
        } else {
            Map<Stage, Map<String, Instant>> read = results(rows);
            byDay = Conversions.countsByDay(read, range.dayBoundaries());
            time = conversions.timeToConvert(read, agreements -> moments(dealershipId, agreements));
        }
        KpiReport report = source.get().noted(report(profile, range, byDay, layers.get()));
        Optional<CompareWith.Comparison> comparison = other.map(o -> new CompareWith.Comparison(o, compared.orElseThrow().get()));
        return new Insight(report, comparison, time);
    }

    /**
     * Where a dealership's counts come from: its aggregates when they serve its profile's zone; else the milestones,
     * and when it has aggregates that are being built, the report says so (a dealership without any has had no update
     * since aggregates exist, or the first sweep has yet to list it: its milestones are all there is to count).
     */
    private record Source(Optional<AggregateConfig> serving, boolean building) {
        KpiReport noted(KpiReport report) {
            return building ? report.withNote(KpiReport.FROM_MILESTONES_NOTE) : report;
        }
    }

    private Source source(Profile profile) {
        Optional<AggregateConfig> config = aggregates.config(profile.dealershipId());
        boolean serves = Aggregates.serves(config, profile.timezone());
        return new Source(serves ? config : Optional.empty(), config.isPresent() && !serves);
    }

    /**
     * Each stage's count on each day of the range: from the aggregates that serve, else one milestone index read per
     * stage, run by {@code run} (at once from a request's thread, in turn within a roll-up).
     */
    private Map<Stage, long[]> countsByDay(String dealershipId, Optional<AggregateConfig> serving, DateRange range,
                                           Function<Map<Stage, Supplier<long[]>>, Map<Stage, long[]>> run) {
        return serving.map(c -> aggregates.countsByDay(dealershipId, c, range.from(), range.to()))
                .orElseGet(() -> run.apply(countReads(dealershipId, range.dayBoundaries())));
    }

    /** A range's counts as one bucket. */
    private KpiCounts wholeRange(String dealershipId, Optional<AggregateConfig> serving, DateRange range) {
        if (serving.isPresent()) {
            return total(aggregates.countsByDay(dealershipId, serving.get(), range.from(), range.to()));
        }
        return whole(inTurn(countReads(dealershipId, List.of(range.start(), range.endExclusive()))));
    }

    private static long sum(long[] counts) {
        return java.util.Arrays.stream(counts).sum();
    }

    private Map<Stage, long[]> atOnce(Map<Stage, Supplier<long[]>> calls) {
        List<Stage> stages = List.copyOf(calls.keySet());
        List<long[]> results = parallel.all(stages.stream().map(calls::get).toList());
        Map<Stage, long[]> byStage = new EnumMap<>(Stage.class);
        for (int i = 0; i < stages.size(); i++) {
            byStage.put(stages.get(i), results.get(i));
        }
        return byStage;
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
    public Within kpiWithin(Profile profile, RangeRequest request, TargetBook targets, Optional<CompareWith> compare) {
        Source source = source(profile);
        DateRange range = resolve(profile, request, () -> source);
        KpiReport report = source.noted(report(profile, range, countsByDay(profile.dealershipId(), source.serving(), range,
                KpiReports::inTurn), targets.layersFor(profile)));
        return new Within(report, compare.map(with -> {
            DateRange other = with.rangeFor(range);
            return new CompareWith.Comparison(other, wholeRange(profile.dealershipId(), source.serving(), other));
        }));
    }

    /** A dealership's report within a roll-up, and the counts of the range it is compared with (if any). */
    public record Within(KpiReport report, Optional<CompareWith.Comparison> comparison) {
    }

    /**
     * One dealership's report within a roll-up from counts the roll-up read (each stage by day of the range), the
     * targets from the roll-up's one read of them.
     */
    public KpiReport kpiFrom(Profile profile, DateRange range, Map<Stage, long[]> byDay, TargetBook targets) {
        return report(profile, range, byDay, targets.layersFor(profile));
    }

    /** Every stage's count 0 on each day of the range. */
    public static Map<Stage, long[]> none(DateRange range) {
        Map<Stage, long[]> byDay = new EnumMap<>(Stage.class);
        for (Stage stage : Stage.values()) {
            byDay.put(stage, new long[range.days()]);
        }
        return byDay;
    }

    /** A range's counts as one bucket, from its counts by day. */
    public static KpiCounts total(Map<Stage, long[]> byDay) {
        return counts(byDay, KpiReports::sum);
    }

    /** Each stage's count, as {@code count} takes it from the stage's numbers. */
    private static KpiCounts counts(Map<Stage, long[]> byStage, java.util.function.ToLongFunction<long[]> count) {
        long[] counts = new long[Stage.values().length];
        byStage.forEach((stage, numbers) -> counts[stage.ordinal()] = count.applyAsLong(numbers));
        return KpiCounts.of(counts);
    }

    /** @param byStage per stage, the count of each day of the range */
    private KpiReport report(Profile profile, DateRange range, Map<Stage, long[]> byStage, List<EffectiveTargets.Layer> layers) {
        return KpiReport.build(profile, range, DailyCounts.of(range, byStage), layers, today(profile));
    }

    /** A range's contact cohorts, and the range they were resolved to. */
    public record CohortTable(DateRange range, List<Cohorts.Row> rows) {
    }

    /**
     * The range's contact cohorts: each month's first contacts and how far those agreements have got since; from the
     * aggregates' cohort counters when they serve, else from the milestone index (the config read once, for the
     * all-time view's start too).
     */
    public CohortTable cohorts(Profile profile, RangeRequest request) {
        Source source = source(profile);
        DateRange range = resolve(profile, request, () -> source);
        return new CohortTable(range, cohorts(profile, range, source.serving()));
    }

    private List<Cohorts.Row> cohorts(Profile profile, DateRange range, Optional<AggregateConfig> serving) {
        if (serving.isPresent()) {
            return aggregates.cohorts(profile.dealershipId(), serving.get(), range.from(), range.to());
        }
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

    /** Every accepted update of the range: from the aggregates' day items when they serve, else the activity index. */
    public UsageReport usage(Profile profile, RangeRequest request) {
        Source source = source(profile);
        DateRange range = resolve(profile, request, () -> source);
        UsageReport usage = new UsageReport(range);
        Optional<AggregateConfig> serving = source.serving();
        if (serving.isPresent()) {
            aggregates.usage(profile.dealershipId(), serving.get(), range.from(), range.to()).forEach((day, counts) ->
                    usage.add(day, counts.total(), counts.byStatus(), counts.byUser()));
            return usage;
        }
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
        return resolve(profile, request, () -> source(profile));
    }

    /** As above, with where the dealership's counts come from (read only for the all-time view). */
    private DateRange resolve(Profile profile, RangeRequest request, Supplier<Source> source) {
        return resolveFrom(profile, request, () -> firstActivityDay(profile, source.get().serving()));
    }

    /** The range of a dealership that has never had an accepted update: its all-time view starts at its go-live, or today. */
    public DateRange resolveWithoutUpdates(Profile profile, RangeRequest request) {
        return resolveFrom(profile, request, Optional::empty);
    }

    private DateRange resolveFrom(Profile profile, RangeRequest request, Supplier<Optional<LocalDate>> firstActivity) {
        LocalDate today = today(profile);
        LocalDate allTimeStart = null;
        if (request.needsAllTimeStart()) {
            Optional<LocalDate> first = firstActivity.get();
            LocalDate goLive = profile.goLiveDate();
            allTimeStart = first.map(f -> goLive != null && goLive.isBefore(f) ? goLive : f)
                    .orElse(goLive != null ? goLive : today);
        }
        return request.resolve(today, profile.timezone(), allTimeStart);
    }

    /**
     * The local day of the dealership's first accepted update: from its pre-aggregated usage when they serve its zone
     * (a consistent read: an update answered a moment ago, however far back it is dated, is in it), else from the
     * activity index.
     */
    private Optional<LocalDate> firstActivityDay(Profile profile, Optional<AggregateConfig> serving) {
        if (serving.isPresent()) {
            return aggregates.firstUsageDay(profile.dealershipId(), serving.get());
        }
        return reports.firstActivity(profile.dealershipId()).map(at -> at.atZone(profile.timezone()).toLocalDate());
    }

    /**
     * A range that needs no dealership's first activity (not the all-time view), resolved on each date that is today
     * in some time zone (from the westernmost offset's to the easternmost's: up to three dates), its zone UTC: the
     * dates any dealership's range can have now.
     */
    public List<DateRange> resolveOnEveryToday(RangeRequest request) {
        LocalDate first = LocalDate.now(clock.withZone(ZoneOffset.MIN));
        LocalDate last = LocalDate.now(clock.withZone(ZoneOffset.MAX));
        return first.datesUntil(last.plusDays(1)).map(today -> request.resolve(today, ZoneOffset.UTC, null)).toList();
    }

    /** The counts of a range read as one bucket (boundaries: its start and its end). */
    private static KpiCounts whole(Map<Stage, long[]> oneBucket) {
        return counts(oneBucket, bucket -> bucket[0]);
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
