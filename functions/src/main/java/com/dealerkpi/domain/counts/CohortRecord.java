package com.dealerkpi.domain.counts;

import com.dealerkpi.domain.status.Stage;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Where one agreement stands in the contact cohorts, kept in the month of its first contact: the local day of that
 * contact and the later stages it has reached since, at the sum of its milestone versions (as a {@link SaleRecord}).
 * The month's cohort counters ({@code k{S}{dd}}: agreements first contacted on day dd that have reached stage S) are
 * the sum of its records, moved with them as a register moves its counter. A tombstone (day 0) counts nowhere.
 */
public record CohortRecord(long version, int day, Set<Stage> reached) {
    /** The stages a cohort counts beyond the contact itself (the contacts are the month's Contacted counters). */
    public static final List<Stage> LATER = List.of(Stage.APPOINTED, Stage.ATTENDED, Stage.SOLD);

    public CohortRecord {
        reached = reached.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(reached));
    }

    public static CohortRecord tombstone(long version) {
        return new CohortRecord(version, 0, Set.of());
    }

    /** The agreement's record, for its contact on {@code day} of the month, from its milestones as read. */
    public static CohortRecord of(List<MilestoneState> agreement, int day) {
        long version = agreement.stream().mapToLong(MilestoneState::version).sum();
        Set<Stage> reached = EnumSet.noneOf(Stage.class);
        agreement.stream().filter(state -> state.at() != null && LATER.contains(state.stage()))
                .forEach(state -> reached.add(state.stage()));
        return new CohortRecord(version, day, reached);
    }

    public boolean counts() {
        return day != 0;
    }

    /** As stored: {@code version|dd|ATS} (the letters of the later stages reached; {@code -} for none). */
    public String format() {
        StringBuilder stages = new StringBuilder();
        for (Stage stage : LATER) {
            if (reached.contains(stage)) {
                stages.append(letter(stage));
            }
        }
        return version + "|" + (day < 10 ? "0" : "") + day + "|" + (stages.isEmpty() ? "-" : stages);
    }

    public static CohortRecord parse(String text) {
        String[] parts = text.split("\\|", -1);
        Set<Stage> reached = EnumSet.noneOf(Stage.class);
        for (Stage stage : LATER) {
            if (parts[2].indexOf(letter(stage)) >= 0) {
                reached.add(stage);
            }
        }
        return new CohortRecord(Long.parseLong(parts[0]), Integer.parseInt(parts[1]), reached);
    }

    private static char letter(Stage stage) {
        return "CATS".charAt(stage.ordinal());
    }
}
