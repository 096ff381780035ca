package com.dealerkpi.app.report;

import com.dealerkpi.domain.report.Cohorts;
import com.dealerkpi.domain.report.DateRange;
import com.dealerkpi.domain.report.TimeToConvert;
import com.dealerkpi.domain.status.Stage;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Time to convert and contact cohorts from the milestone index: each stage's rows over a window, joined in memory
 * (and, for a report's JSON answer, the stage counts from the same rows: one Query per stage serves both).
 * The windows are exact because an agreement's earlier stage is never later than its later stage (a stage is
 * reached by every update that reaches a later one, so its earliest moment comes no later). Reading rows of the
 * keys-only index costs a page per few thousand milestones; reading each agreement's items would cost a request
 * per 25 agreements (a year's sales of a busy dealership: about fifty).
 */
final class Conversions {
    /**
     * How far before a range the earlier stages of its sales are looked for; older ones are read by key. A quarter:
     * most sales follow their first contact within weeks, and every day of window is read by every report.
     */
    static final Duration LOOKBACK = Duration.ofDays(92);
    /** Past any milestone: an update's moment is at most five minutes ahead of the moment it is recorded. */
    private static final Duration AFTER_NOW = Duration.ofDays(1);
    private static final List<Stage> BEFORE_SOLD = List.of(Stage.CONTACTED, Stage.APPOINTED, Stage.ATTENDED);
    private static final List<Stage> AFTER_CONTACTED = List.of(Stage.APPOINTED, Stage.ATTENDED, Stage.SOLD);

    private final ReportStore reports;

    Conversions(ReportStore reports) {
        this.reports = reports;
    }

    /**
     * The index reads of a report with time to convert, one per stage: the range's sales, and each
     * earlier stage over the lookback and the range.
     */
    Map<Stage, Supplier<Map<String, Instant>>> reportReads(String dealershipId, DateRange range) {
        Map<Stage, Supplier<Map<String, Instant>>> reads = new EnumMap<>(Stage.class);
        for (Stage stage : BEFORE_SOLD) {
            reads.put(stage, () -> rows(dealershipId, stage, range.start().minus(LOOKBACK), range.endExclusive()));
        }
        reads.put(Stage.SOLD, () -> rows(dealershipId, Stage.SOLD, range.start(), range.endExclusive()));
        return reads;
    }

    /**
     * Each stage's count per day, as {@link ReportStore#countMilestones} gives them, from {@link #reportReads}.
     *
     * @param boundaries where each day of the range starts, and its end
     */
    static Map<Stage, long[]> countsByDay(Map<Stage, Map<String, Instant>> rows, List<Instant> boundaries) {
        Map<Stage, long[]> byStage = new EnumMap<>(Stage.class);
        for (Stage stage : Stage.values()) {
            long[] counts = new long[boundaries.size() - 1];
            for (Instant at : rows.get(stage).values()) {
                int day = bucketOf(boundaries, at);
                if (day >= 0) {
                    counts[day]++;
                }
            }
            byStage.put(stage, counts);
        }
        return byStage;
    }

    /** The bucket whose start is the last boundary at or before the moment; -1 outside the range. */
    private static int bucketOf(List<Instant> boundaries, Instant at) {
        if (at.isBefore(boundaries.get(0)) || !at.isBefore(boundaries.get(boundaries.size() - 1))) {
            return -1;
        }
        int found = Collections.binarySearch(boundaries, at);
        return found >= 0 ? found : -found - 2;
    }

    /**
     * @param rows   what {@link #reportReads} read
     * @param byKey  the milestone moments of agreements whose earlier stages lie before the lookback
     */
    TimeToConvert timeToConvert(Map<Stage, Map<String, Instant>> rows, Function<List<String>, Map<String, Map<Stage, Instant>>> byKey) {
        Map<String, Map<Stage, Instant>> sales = new HashMap<>();
        rows.get(Stage.SOLD).forEach((agreement, at) ->
                sales.computeIfAbsent(agreement, a -> new EnumMap<>(Stage.class)).put(Stage.SOLD, at));
        for (Stage stage : BEFORE_SOLD) {
            rows.get(stage).forEach((agreement, at) -> {
                Map<Stage, Instant> moments = sales.get(agreement);
                if (moments != null) {
                    moments.put(stage, at);
                }
            });
        }
        List<String> older = sales.entrySet().stream().filter(sale -> sale.getValue().size() < 4).map(Map.Entry::getKey).toList();
        if (!older.isEmpty()) {
            byKey.apply(older).forEach((agreement, moments) -> sales.get(agreement).putAll(moments));
        }
        return TimeToConvert.of(sales.values());
    }

    /** The index reads cohorts need: the range's first contacts, then each later stage from the range's start on. */
    Map<Stage, Supplier<Map<String, Instant>>> cohortReads(String dealershipId, DateRange range, Instant now) {
        Map<Stage, Supplier<Map<String, Instant>>> reads = new EnumMap<>(Stage.class);
        reads.put(Stage.CONTACTED, () -> rows(dealershipId, Stage.CONTACTED, range.start(), range.endExclusive()));
        for (Stage stage : AFTER_CONTACTED) {
            reads.put(stage, () -> rows(dealershipId, stage, range.start(), now.plus(AFTER_NOW)));
        }
        return reads;
    }

    /** @param rows what {@link #cohortReads} read */
    List<Cohorts.Row> cohorts(DateRange range, Map<Stage, Map<String, Instant>> rows) {
        Map<String, Instant> contactedAt = rows.get(Stage.CONTACTED);
        Map<String, Set<Stage>> reached = new HashMap<>();
        contactedAt.keySet().forEach(agreement -> reached.put(agreement, EnumSet.of(Stage.CONTACTED)));
        for (Stage stage : AFTER_CONTACTED) {
            rows.get(stage).keySet().forEach(agreement -> {
                Set<Stage> stages = reached.get(agreement);
                if (stages != null) {
                    stages.add(stage);
                }
            });
        }
        return Cohorts.of(range, contactedAt, reached);
    }

    private Map<String, Instant> rows(String dealershipId, Stage stage, Instant start, Instant end) {
        Map<String, Instant> rows = new HashMap<>();
        reports.milestoneRows(dealershipId, stage, start, end, row -> rows.put(row.agreementId(), row.at()));
        return rows;
    }
}
