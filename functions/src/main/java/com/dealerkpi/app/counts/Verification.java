package com.dealerkpi.app.counts;

import com.dealerkpi.app.common.DealershipRegistry;
import com.dealerkpi.domain.counts.AggregateConfig;
import com.dealerkpi.domain.counts.MonthRecount;
import com.dealerkpi.domain.counts.MonthSummary;
import com.dealerkpi.domain.counts.NetworkListing;
import com.dealerkpi.domain.counts.UsageDay;
import com.dealerkpi.domain.status.Stage;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Recounts every dealership whose aggregates are ready from its milestones and its updates and compares, day by
 * day, stage by stage, status by status and user by user: the check that the aggregates are exact (run on a
 * schedule, and by the local runner's {@code verify-aggregates}). On DynamoDB the milestone index lags writes by a moment, so a dealership that differs is
 * recounted once more after {@code recheck}, and only what differs in both looks counts as a mismatch (live traffic
 * publishing between a look's reads makes a difference in one look only); a dealership that differs in both and has
 * changes flagged (a request cut off before it published, which the sweep takes only after its grace) has them
 * published, as a retry would, and only what differs in a third look counts. Run with {@code repair}, it
 * starts a new generation of every dealership that still differs (built by the next sweeps; reports read the
 * milestones meanwhile), so whatever caused a mismatch (a version of the code without aggregates still writing during
 * a deployment, a defect) wrongs its reports for a day at most; the mismatches are counted and alarmed all the same.
 */
public final class Verification {
    private static final int FAILURES_SHOWN = 10;

    private final CountsStore store;
    private final Aggregates aggregates;
    private final DealershipRegistry registry;
    private final Clock clock;
    private final Runnable recheck;

    /** @param recheck waits before a differing dealership is recounted (long enough for the index to catch up) */
    public Verification(CountsStore store, Aggregates aggregates, DealershipRegistry registry, Clock clock, Runnable recheck) {
        this.store = store;
        this.aggregates = aggregates;
        this.registry = registry;
        this.clock = clock;
        this.recheck = recheck;
    }

    /**
     * One day's count that the aggregates hold differently from the recount: a stage's milestones, or the usage (its
     * total, a status's or a user's).
     */
    public record Mismatch(String dealershipId, LocalDate day, String count, long recounted, long aggregates) {
        /** Which count of which day differs, whatever the numbers. */
        String where() {
            return day + " " + count;
        }

        @Override
        public String toString() {
            return dealershipId + (day == null ? "" : " " + day) + " " + count + ": recounted " + recounted
                    + ", aggregates " + aggregates;
        }
    }

    /**
     * @param checked    dealerships compared; {@code building}: those whose aggregates are not ready (not compared)
     * @param unchecked  dealerships that could not be compared: their reads failed, or the run's time ran out first
     * @param failures   the first few of those failures (and of repairs that could not be started), as a person reads them
     * @param rebuilt    dealerships a repairing run started a new generation of
     */
    public record Report(int checked, int building, int unchecked, List<String> failures, List<Mismatch> mismatches,
                         List<String> rebuilt) {
    }

    /**
     * Compares every registered dealership, one after another, until {@code until}: a dealership whose reads fail is
     * counted as unchecked and the run goes on, so one dealership's trouble (or the function's time running out) never
     * leaves the others unverified and the result unrecorded.
     */
    public Report run(boolean repair, Instant until) {
        int checked = 0;
        int building = 0;
        int unchecked = 0;
        List<String> failures = new ArrayList<>();
        List<Mismatch> mismatches = new ArrayList<>();
        List<String> rebuilt = new ArrayList<>();
        List<String> dealerships = registry.registeredDealerships();
        for (int i = 0; i < dealerships.size(); i++) {
            String dealershipId = dealerships.get(i);
            if (!clock.instant().isBefore(until)) {
                unchecked += dealerships.size() - i;
                note(failures, (dealerships.size() - i) + " dealerships from " + dealershipId + " on: out of time");
                break;
            }
            try {
                Optional<AggregateConfig> config = store.config(dealershipId);
                if (config.isEmpty() || !config.get().ready() || config.get().outdated()) {
                    // being built, or awaiting its month summaries from the sweep: read from the milestones meanwhile
                    building++;
                    continue;
                }
                List<Mismatch> found = compare(dealershipId, config.get());
                if (!found.isEmpty()) {
                    recheck.run();
                    found = confirmed(found, compare(dealershipId, config.get()));
                }
                if (!found.isEmpty() && settleFlagged(dealershipId, config.get())) {
                    found = confirmed(found, compare(dealershipId, config.get()));
                }
                checked++;
                mismatches.addAll(found);
                if (repair && !found.isEmpty()) {
                    repair(dealershipId, config.get(), rebuilt, failures);
                }
            } catch (RuntimeException e) {
                unchecked++;
                note(failures, dealershipId + ": " + e.getMessage());
            }
        }
        store.recordVerification(new CountsStore.Verification(clock.instant(), checked, mismatches.size(), unchecked));
        return new Report(checked, building, unchecked, List.copyOf(failures), List.copyOf(mismatches), List.copyOf(rebuilt));
    }

    /**
     * What differs in both looks, as the second saw it. A look reads the months, then recounts: an update published
     * between the two (the verification runs beside live traffic) differs in that look only, while what is wrong
     * stays wrong; a second race on the same day and count seconds later is what this cannot tell from a mismatch.
     */
    private static List<Mismatch> confirmed(List<Mismatch> first, List<Mismatch> second) {
        Set<String> seen = new HashSet<>();
        first.forEach(mismatch -> seen.add(mismatch.where()));
        return second.stream().filter(mismatch -> seen.contains(mismatch.where())).toList();
    }

    /**
     * Publishes the dealership's flagged agreements, as a retry of their requests would (publishing is idempotent and
     * races nothing: registers and copies only move forward); whether it had any. A request cut off after its
     * milestone writes leaves them flagged for the sweep, which waits out its grace first: until then both looks see
     * the milestones ahead of the months, which is a change in flight, not a mismatch. If they cannot be settled,
     * the dealership is not verified this time (and so alarmed) rather than repaired for what may be in flight only.
     */
    private boolean settleFlagged(String dealershipId, AggregateConfig config) {
        try {
            List<String> flagged = store.flagged(clock.instant()).stream()
                    .filter(agreement -> agreement.dealershipId().equals(dealershipId))
                    .map(CountsStore.FlaggedAgreement::agreementId).toList();
            flagged.forEach(agreementId -> aggregates.settle(dealershipId, agreementId, config));
            return !flagged.isEmpty();
        } catch (RuntimeException e) {
            throw new IllegalStateException("differs, with flagged changes not published: " + e.getMessage(), e);
        }
    }

    /** Starts a new generation of a dealership that differs; one that cannot be started is told of, not thrown. */
    private void repair(String dealershipId, AggregateConfig config, List<String> rebuilt, List<String> failures) {
        try {
            if (aggregates.rebuild(dealershipId, config)) {
                rebuilt.add(dealershipId);
            }
        } catch (RuntimeException e) {
            note(failures, dealershipId + ": not repaired: " + e.getMessage());
        }
    }

    private static void note(List<String> failures, String failure) {
        if (failures.size() < FAILURES_SHOWN) {
            failures.add(failure);
        }
    }

    private List<Mismatch> compare(String dealershipId, AggregateConfig config) {
        List<Mismatch> mismatches = new ArrayList<>(compareMilestones(dealershipId, config));
        mismatches.addAll(compareUsage(dealershipId, config));
        return mismatches;
    }

    /**
     * The month items against the milestones recounted: each stage's counters, the cohorts' counters, and each month's
     * sales with their moments (what time to convert reads); then what the roll-ups and the reports read of them.
     */
    private List<Mismatch> compareMilestones(String dealershipId, AggregateConfig config) {
        Map<YearMonth, MonthSummary> months = store.allMonths(dealershipId, config.generation());
        Map<YearMonth, MonthSummary> recounted = MonthRecount.of(store.everyMilestone(dealershipId), config.zone());
        List<Mismatch> mismatches = differences(dealershipId, "", counters(recounted, MonthSummary::milestones),
                counters(months, MonthSummary::milestones));
        mismatches.addAll(differences(dealershipId, "cohort of ", counters(recounted, MonthSummary::cohorts),
                counters(months, MonthSummary::cohorts)));
        mismatches.addAll(compareSales(dealershipId, recounted, months));
        mismatches.addAll(compareNetwork(dealershipId, config, months));
        mismatches.addAll(compareSummaries(dealershipId, config, months));
        return mismatches;
    }

    private static Map<YearMonth, Map<Stage, long[]>> counters(Map<YearMonth, MonthSummary> months,
                                                               Function<MonthSummary, Map<Stage, long[]>> which) {
        Map<YearMonth, Map<Stage, long[]>> counters = new TreeMap<>();
        months.forEach((month, summary) -> counters.put(month, which.apply(summary)));
        return counters;
    }

    /** Each month whose sales, or any of their moments, differ (its numbers: how many sales each holds). */
    private static List<Mismatch> compareSales(String dealershipId, Map<YearMonth, MonthSummary> recounted,
                                               Map<YearMonth, MonthSummary> held) {
        TreeSet<YearMonth> months = new TreeSet<>(held.keySet());
        months.addAll(recounted.keySet());
        List<Mismatch> mismatches = new ArrayList<>();
        for (YearMonth month : months) {
            MonthSummary expected = recounted.getOrDefault(month, MonthSummary.none());
            MonthSummary actual = held.getOrDefault(month, MonthSummary.none());
            if (!expected.holdsTheSameSalesAs(actual)) {
                mismatches.add(new Mismatch(dealershipId, null, "sales of " + month + " with their moments (time to convert)",
                        expected.sales().size(), actual.sales().size()));
            }
        }
        return mismatches;
    }

    /**
     * What the dealership's reports read against its month items: each month's summary is the month as it stands (its
     * version, counters, cohorts and sales), so a writer that left a summary behind (a version without summaries
     * after a rollback) is found, also where no counter moved.
     */
    private List<Mismatch> compareSummaries(String dealershipId, AggregateConfig config, Map<YearMonth, MonthSummary> months) {
        Map<YearMonth, MonthSummary> stored = store.summaries(dealershipId, config.generation(), List.copyOf(months.keySet()));
        List<Mismatch> mismatches = new ArrayList<>();
        months.forEach((month, expected) -> {
            MonthSummary actual = stored.get(month);
            // a summary ahead of the month as read: a publication landed in between (it writes the month first)
            boolean behind = actual.version() < expected.version();
            if (behind || actual.version() == expected.version() && !expected.holdsTheSameAs(actual)) {
                mismatches.add(new Mismatch(dealershipId, null, "summary of " + month + " (month item's version, summary's)",
                        expected.version(), actual.version()));
            }
        });
        return mismatches;
    }

    /**
     * What the roll-ups read of the dealership against its month items: its listing is its config, and its copy of
     * each month (of its generation) holds that month's counters.
     */
    private List<Mismatch> compareNetwork(String dealershipId, AggregateConfig config, Map<YearMonth, MonthSummary> months) {
        Map<YearMonth, Map<Stage, long[]>> held = counters(months, MonthSummary::milestones);
        CountsStore.Copies copies = store.copies(dealershipId, config, List.copyOf(held.keySet()));
        List<Mismatch> mismatches = new ArrayList<>();
        if (!copies.listing().equals(Optional.of(NetworkListing.of(config)))) {
            mismatches.add(new Mismatch(dealershipId, null, "network listing of generation " + config.generation()
                    + " (listed: " + copies.listing().map(NetworkListing::format).orElse("none") + ")", config.generation(),
                    copies.listing().map(NetworkListing::generation).orElse(0L)));
        }
        Map<YearMonth, Map<Stage, long[]>> copied = new TreeMap<>();
        copies.months().forEach((month, copy) -> {
            if (copy.generation() == config.generation() && copy.version() > versionOf(months.get(month))) {
                // a publication landed after the month was read (it writes the month first): compared as it is
                copied.put(month, held.get(month));
            } else if (copy.generation() == config.generation()) {
                copied.put(month, copy.byDay());
            }
        });
        mismatches.addAll(differences(dealershipId, "network copy of ", held, copied));
        return mismatches;
    }

    private static long versionOf(MonthSummary month) {
        return month == null ? 0 : month.version();
    }

    /** Each stage's day whose count differs between what is expected and what is held. */
    private static List<Mismatch> differences(String dealershipId, String what, Map<YearMonth, Map<Stage, long[]>> recounted,
                                              Map<YearMonth, Map<Stage, long[]>> held) {
        TreeSet<YearMonth> months = new TreeSet<>(held.keySet());
        months.addAll(recounted.keySet());
        List<Mismatch> mismatches = new ArrayList<>();
        for (YearMonth month : months) {
            for (Stage stage : Stage.values()) {
                for (int day = 1; day <= month.lengthOfMonth(); day++) {
                    long expected = countOn(recounted, month, stage, day);
                    long actual = countOn(held, month, stage, day);
                    if (expected != actual) {
                        mismatches.add(new Mismatch(dealershipId, month.atDay(day), what + stage.name(), expected, actual));
                    }
                }
            }
        }
        return mismatches;
    }

    private List<Mismatch> compareUsage(String dealershipId, AggregateConfig config) {
        Map<LocalDate, UsageDay> held = store.allUsage(dealershipId, config.generation());
        Map<LocalDate, UsageDay> recounted = store.recountUsage(dealershipId, config.zone());
        TreeSet<LocalDate> days = new TreeSet<>(held.keySet());
        days.addAll(recounted.keySet());
        List<Mismatch> mismatches = new ArrayList<>();
        for (LocalDate day : days) {
            UsageDay expected = recounted.getOrDefault(day, UsageDay.none());
            UsageDay actual = held.getOrDefault(day, UsageDay.none());
            if (expected.total() != actual.total()) {
                mismatches.add(new Mismatch(dealershipId, day, "usage", expected.total(), actual.total()));
            }
            differences(dealershipId, day, "usage of status ", expected.byStatus(), actual.byStatus(), mismatches);
            differences(dealershipId, day, "usage of user ", expected.byUser(), actual.byUser(), mismatches);
        }
        return mismatches;
    }

    private static void differences(String dealershipId, LocalDate day, String what, Map<String, Long> expected,
                                    Map<String, Long> actual, List<Mismatch> into) {
        TreeSet<String> keys = new TreeSet<>(expected.keySet());
        keys.addAll(actual.keySet());
        for (String key : keys) {
            long e = expected.getOrDefault(key, 0L);
            long a = actual.getOrDefault(key, 0L);
            if (e != a) {
                into.add(new Mismatch(dealershipId, day, what + key, e, a));
            }
        }
    }

    private static long countOn(Map<YearMonth, Map<Stage, long[]>> counts, YearMonth month, Stage stage, int day) {
        Map<Stage, long[]> byStage = counts.get(month);
        return byStage == null ? 0 : byStage.get(stage)[day];
    }
}
