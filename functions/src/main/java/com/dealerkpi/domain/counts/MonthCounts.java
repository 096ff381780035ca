package com.dealerkpi.domain.counts;

import com.dealerkpi.domain.status.Stage;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One month of one dealership's counts as stored: a register per agreement and stage, and per stage and day the
 * number of registers on that day. {@link #change} is the one way they move, so the counters stay the registers' sum.
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

    /**
     * What to write to bring registers to their wanted values: each wanted register that is newer than the one
     * stored (a register only moves to a higher version), and what that adds to each counter. Registers stored at
     * the same or a higher version are left alone.
     *
     * @param stored what the month holds now (absent: no register yet)
     */
    public record Change(Map<RegisterId, Register> registers, Map<RegisterId, Optional<Register>> expected,
                         Map<CounterId, Long> counters) {
        public boolean isEmpty() {
            return registers.isEmpty();
        }
    }

    public static Change change(Map<RegisterId, Register> wanted, Map<RegisterId, Optional<Register>> stored) {
        Map<RegisterId, Register> registers = new HashMap<>();
        Map<RegisterId, Optional<Register>> expected = new HashMap<>();
        Map<CounterId, Long> counters = new HashMap<>();
        wanted.forEach((id, register) -> {
            Optional<Register> now = stored.getOrDefault(id, Optional.empty());
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
        return new Change(registers, expected, counters);
    }

    /** Each stage's counts by day (index 1 to 31) from the counters of a month. */
    public static Map<Stage, long[]> byDay(Map<CounterId, Long> counters) {
        Map<Stage, long[]> byDay = new EnumMap<>(Stage.class);
        for (Stage stage : Stage.values()) {
            byDay.put(stage, new long[32]);
        }
        counters.forEach((id, count) -> byDay.get(id.stage())[id.day()] = count);
        return byDay;
    }
}
