package com.dealerkpi.app;

import com.dealerkpi.domain.Cohorts;
import com.dealerkpi.domain.DateRange;
import com.dealerkpi.domain.Stage;
import com.dealerkpi.domain.TimeToConvert;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Time to convert and contact cohorts from the milestone index: each stage's rows over a window, joined in memory.
 * The windows are exact because an agreement's earlier stage is never later than its later stage (a stage is
 * reached by every update that reaches a later one, so its earliest moment comes no later). Reading rows of the
 * keys-only index costs a page per few thousand milestones; reading each agreement's items would cost a request
 * per 25 agreements (a year's sales of a busy dealership: about fifty).
 */
final class Conversions {
    /** How far before a range the earlier stages of its sales are looked for; older ones are read by key. */
    static final Duration LOOKBACK = Duration.ofDays(366);
    /** Past any milestone: an update's moment is at most five minutes ahead of the moment it is recorded. */
    private static final Duration AFTER_NOW = Duration.ofDays(1);
    private static final List<Stage> BEFORE_SOLD = List.of(Stage.CONTACTED, Stage.APPOINTED, Stage.ATTENDED);
    private static final List<Stage> AFTER_CONTACTED = List.of(Stage.APPOINTED, Stage.ATTENDED, Stage.SOLD);

    private final ReportStore reports;

    Conversions(ReportStore reports) {
        this.reports = reports;
    }

    /** The index reads time to convert needs: the range's sales, then each earlier stage over the lookback and the range. */
    List<Supplier<Map<String, Instant>>> timeToConvertReads(String dealershipId, DateRange range) {
        List<Supplier<Map<String, Instant>>> reads = new ArrayList<>();
        reads.add(() -> rows(dealershipId, Stage.SOLD, range.start(), range.endExclusive()));
        for (Stage stage : BEFORE_SOLD) {
            reads.add(() -> rows(dealershipId, stage, range.start().minus(LOOKBACK), range.endExclusive()));
        }
        return reads;
    }

    /**
     * @param rows   what {@link #timeToConvertReads} read, in its order
     * @param byKey  the milestone moments of agreements whose earlier stages lie before the lookback
     */
    TimeToConvert timeToConvert(List<Map<String, Instant>> rows, Function<List<String>, Map<String, Map<Stage, Instant>>> byKey) {
        Map<String, Map<Stage, Instant>> sales = new HashMap<>();
        rows.get(0).forEach((agreement, at) -> sales.computeIfAbsent(agreement, a -> new EnumMap<>(Stage.class)).put(Stage.SOLD, at));
        for (int i = 0; i < BEFORE_SOLD.size(); i++) {
            Stage stage = BEFORE_SOLD.get(i);
            rows.get(i + 1).forEach((agreement, at) -> {
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
    List<Supplier<Map<String, Instant>>> cohortReads(String dealershipId, DateRange range, Instant now) {
        List<Supplier<Map<String, Instant>>> reads = new ArrayList<>();
        reads.add(() -> rows(dealershipId, Stage.CONTACTED, range.start(), range.endExclusive()));
        for (Stage stage : AFTER_CONTACTED) {
            reads.add(() -> rows(dealershipId, stage, range.start(), now.plus(AFTER_NOW)));
        }
        return reads;
    }

    /** @param rows what {@link #cohortReads} read, in its order */
    List<Cohorts.Row> cohorts(DateRange range, List<Map<String, Instant>> rows) {
        Map<String, Instant> contactedAt = rows.get(0);
        Map<String, Set<Stage>> reached = new HashMap<>();
        contactedAt.keySet().forEach(agreement -> reached.put(agreement, EnumSet.of(Stage.CONTACTED)));
        for (int i = 0; i < AFTER_CONTACTED.size(); i++) {
            Stage stage = AFTER_CONTACTED.get(i);
            rows.get(i + 1).keySet().forEach(agreement -> {
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
