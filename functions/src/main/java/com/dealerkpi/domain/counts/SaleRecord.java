package com.dealerkpi.domain.counts;

import com.dealerkpi.domain.status.Stage;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What time to convert needs of one sold agreement, kept in the month item of its sale: the moment of each of its
 * milestones, at the version the agreement's milestones were read at (the sum of their versions: it rises whenever any
 * of them changes, and only reaches its highest value on a read that saw every one of them as it finally is). A
 * tombstone (no sale) keeps an older record from coming back, as a register's does.
 */
public record SaleRecord(long version, Map<Stage, Instant> moments) {

    public SaleRecord {
        moments = moments.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(moments));
    }

    public static SaleRecord tombstone(long version) {
        return new SaleRecord(version, Map.of());
    }

    /** The agreement's milestones as read, if it has a sale: its record (else a tombstone at the same version). */
    public static SaleRecord of(List<MilestoneState> agreement) {
        long version = agreement.stream().mapToLong(MilestoneState::version).sum();
        Map<Stage, Instant> moments = new EnumMap<>(Stage.class);
        agreement.stream().filter(state -> state.at() != null).forEach(state -> moments.put(state.stage(), state.at()));
        return moments.containsKey(Stage.SOLD) ? new SaleRecord(version, moments) : tombstone(version);
    }

    public boolean isSale() {
        return moments.containsKey(Stage.SOLD);
    }

    /** As stored: {@code version|sold|contacted|appointed|attended}, epoch milliseconds, {@code -} for none. */
    public String format() {
        StringBuilder text = new StringBuilder().append(version);
        for (Stage stage : ORDER) {
            Instant at = moments.get(stage);
            text.append('|').append(at == null ? "-" : Long.toString(at.toEpochMilli()));
        }
        return text.toString();
    }

    public static SaleRecord parse(String text) {
        String[] parts = text.split("\\|", -1);
        Map<Stage, Instant> moments = new EnumMap<>(Stage.class);
        for (int i = 0; i < ORDER.size(); i++) {
            if (!parts[i + 1].equals("-")) {
                moments.put(ORDER.get(i), Instant.ofEpochMilli(Long.parseLong(parts[i + 1])));
            }
        }
        return new SaleRecord(Long.parseLong(parts[0]), moments);
    }

    private static final List<Stage> ORDER = List.of(Stage.SOLD, Stage.CONTACTED, Stage.APPOINTED, Stage.ATTENDED);
}
