package com.dealerkpi.domain.counts;

import com.dealerkpi.domain.status.Stage;

import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A milestone item as the aggregates see it: its version (raised by every change), its moment (null: the stage has
 * no milestone, after a void), the homes that may hold a register of it, and whether its outbox flag is set (the
 * aggregates may not hold this version yet).
 */
public record MilestoneState(String agreementId, Stage stage, long version, Instant at, Set<String> homes,
                             boolean flagged) {

    public MilestoneState {
        homes = Set.copyOf(homes);
    }

    /**
     * The register each home of one generation must hold for this state: the home of its moment counts its local
     * day, every other home a tombstone at the same version (homes of other generations are left alone). Only homes
     * the item lists are written (a register outside them could never be tombstoned), so a state that is
     * {@link #homeless} in the generation gets no register for its moment until its home is added.
     */
    public Map<Home, Register> registers(long generation, ZoneId zone) {
        Map<Home, Register> registers = new LinkedHashMap<>();
        Home current = at == null ? null : Home.of(generation, at, zone);
        for (String key : homes) {
            Home home = Home.parse(key);
            if (home.generation() != generation) {
                continue;
            }
            registers.put(home, home.equals(current) ? new Register(version, at.atZone(zone).getDayOfMonth())
                    : Register.tombstone(version));
        }
        return registers;
    }

    /**
     * Whether it has a home in a generation after {@code generation}: a newer generation counts it too, so a publisher
     * of the older one must leave its flag for the newer one's publisher.
     */
    public boolean homedAfter(long generation) {
        return homes.stream().anyMatch(key -> Home.parse(key).generation() > generation);
    }

    /** Whether the month of its moment in a generation is not among its homes yet (it cannot be counted there). */
    public boolean homeless(long generation, ZoneId zone) {
        return at != null && !homes.contains(Home.of(generation, at, zone).key());
    }
}
