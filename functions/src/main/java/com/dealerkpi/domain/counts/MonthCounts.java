package com.dealerkpi.domain.counts;

import com.dealerkpi.domain.Months;
import com.dealerkpi.domain.status.Stage;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * One month of one dealership's counts as stored: a register per agreement and stage, per stage and day the number
 * of registers on that day; a sale record per agreement sold in the month; a cohort record per agreement first
 * contacted in it, and per later stage and contact day the number of those records that reached it. {@link #change}
 * is the one way they move, so every counter stays the sum of its records and nothing moves to a lower version.
 */
public final class MonthCounts {
    private MonthCounts() {
    }

    /** One agreement's stage. */
    public record RegisterId(String agreementId, Stage stage) {
    }

    /** One stage's count on one day of the month. */
    public record CounterId(Stage stage, int day) {
    }

    /** What a publisher wants a month to hold: registers, and sale and cohort records by agreement. */
    public record Wanted(Map<RegisterId, Register> registers, Map<String, SaleRecord> sales,
                         Map<String, CohortRecord> cohorts) {
    }

    /** What a month holds of the wanted ones (absent: none yet). */
    public record Stored(Map<RegisterId, Optional<Register>> registers, Map<String, Optional<SaleRecord>> sales,
                         Map<String, Optional<CohortRecord>> cohorts) {
        /** What a publisher guesses before it knows better: nothing, as for a new agreement. */
        public static Stored nothingOf(Wanted wanted) {
            Map<RegisterId, Optional<Register>> registers = new HashMap<>();
            wanted.registers().keySet().forEach(id -> registers.put(id, Optional.empty()));
            Map<String, Optional<SaleRecord>> sales = new HashMap<>();
            wanted.sales().keySet().forEach(agreement -> sales.put(agreement, Optional.empty()));
            Map<String, Optional<CohortRecord>> cohorts = new HashMap<>();
            wanted.cohorts().keySet().forEach(agreement -> cohorts.put(agreement, Optional.empty()));
            return new Stored(registers, sales, cohorts);
        }
    }

    /**
     * What to write to bring a month to the wanted values: each wanted register or sale record newer than the one
     * stored (they only move to higher versions), what the registers' moves add to each counter, and the stored values
     * the write must find (its condition). Those stored at the same or a higher version are left alone.
     */
    public record Change(Map<RegisterId, Register> registers, Map<RegisterId, Optional<Register>> expected,
                         Map<CounterId, Long> counters, Map<String, SaleRecord> sales,
                         Map<String, Optional<SaleRecord>> expectedSales, Map<String, CohortRecord> cohorts,
                         Map<String, Optional<CohortRecord>> expectedCohorts, Map<CounterId, Long> cohortCounters) {
        public boolean isEmpty() {
            return registers.isEmpty() && sales.isEmpty() && cohorts.isEmpty();
        }
    }

    public static Change change(Wanted wanted, Stored stored) {
        Map<RegisterId, Register> registers = new HashMap<>();
        Map<RegisterId, Optional<Register>> expected = new HashMap<>();
        Map<CounterId, Long> counters = new HashMap<>();
        wanted.registers().forEach((id, register) -> {
            Optional<Register> now = stored.registers().getOrDefault(id, Optional.empty());
            if (now.isPresent() && now.get().version() >= register.version()) {
                return;
            }
            registers.put(id, register);
            expected.put(id, now);
            now.filter(Register::counts).ifPresent(old -> counters.merge(new CounterId(id.stage(), old.day()), -1L, Long::sum));
            if (register.counts()) {
                counters.merge(new CounterId(id.stage(), register.day()), 1L, Long::sum);
            }
        });
        counters.values().removeIf(delta -> delta == 0);
        Map<String, SaleRecord> sales = new HashMap<>();
        Map<String, Optional<SaleRecord>> expectedSales = new HashMap<>();
        wanted.sales().forEach((agreement, record) -> {
            Optional<SaleRecord> now = stored.sales().getOrDefault(agreement, Optional.empty());
            if (now.isEmpty() || now.get().version() < record.version()) {
                sales.put(agreement, record);
                expectedSales.put(agreement, now);
            }
        });
        Map<String, CohortRecord> cohorts = new HashMap<>();
        Map<String, Optional<CohortRecord>> expectedCohorts = new HashMap<>();
        Map<CounterId, Long> cohortCounters = new HashMap<>();
        wanted.cohorts().forEach((agreement, record) -> {
            Optional<CohortRecord> now = stored.cohorts().getOrDefault(agreement, Optional.empty());
            if (now.isPresent() && now.get().version() >= record.version()) {
                return;
            }
            cohorts.put(agreement, record);
            expectedCohorts.put(agreement, now);
            now.filter(CohortRecord::counts).ifPresent(old -> old.reached().forEach(stage ->
                    cohortCounters.merge(new CounterId(stage, old.day()), -1L, Long::sum)));
            if (record.counts()) {
                record.reached().forEach(stage -> cohortCounters.merge(new CounterId(stage, record.day()), 1L, Long::sum));
            }
        });
        cohortCounters.values().removeIf(delta -> delta == 0);
        return new Change(registers, expected, counters, sales, expectedSales, cohorts, expectedCohorts, cohortCounters);
    }

    /** Each stage's counts by day (index 1 to 31) from the counters of a month (of one kind). */
    public static Map<Stage, long[]> byDay(Map<CounterId, Long> counters) {
        Map<Stage, long[]> byDay = new EnumMap<>(Stage.class);
        for (Stage stage : Stage.values()) {
            byDay.put(stage, new long[32]);
        }
        counters.forEach((id, count) -> byDay.get(id.stage())[id.day()] = count);
        return byDay;
    }

    /**
     * Each stage's count on each local day from {@code from} to {@code to} (index 0: {@code from}), from the counters of
     * the months they span (each stage by day of the month).
     */
    public static Map<Stage, long[]> byDayOfRange(LocalDate from, LocalDate to, Function<YearMonth, Map<Stage, long[]>> months) {
        return byDayOfRange(from, to, (month, firstDay, lastDay, into, offset) -> {
            Map<Stage, long[]> counters = months.apply(month);
            for (Stage stage : Stage.values()) {
                System.arraycopy(counters.get(stage), firstDay, into.get(stage), offset, lastDay - firstDay + 1);
            }
        });
    }

    /** As above, each month's days written by {@code month} straight into the range's arrays. */
    public static Map<Stage, long[]> byDayOfRange(LocalDate from, LocalDate to, MonthDays month) {
        int days = (int) ChronoUnit.DAYS.between(from, to) + 1;
        Map<Stage, long[]> byDay = new EnumMap<>(Stage.class);
        for (Stage stage : Stage.values()) {
            byDay.put(stage, new long[days]);
        }
        int offset = 0;
        for (YearMonth each : Months.between(from, to)) {
            int first = each.equals(YearMonth.from(from)) ? from.getDayOfMonth() : 1;
            int last = each.equals(YearMonth.from(to)) ? to.getDayOfMonth() : each.lengthOfMonth();
            month.copy(each, first, last, byDay, offset);
            offset += last - first + 1;
        }
        return byDay;
    }

    /** Writes the days {@code firstDay..lastDay} of a month's counts into a range's arrays, {@code firstDay} at {@code offset}. */
    @FunctionalInterface
    public interface MonthDays {
        void copy(YearMonth month, int firstDay, int lastDay, Map<Stage, long[]> into, int offset);
    }
}
