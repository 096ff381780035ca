package com.dealerkpi.domain.settings;

import java.time.Instant;
import java.time.YearMonth;
import java.util.EnumMap;
import java.util.Map;

/**
 * One change to a scope's targets: {@code PUT} sets the fields given (the others keep their own timelines),
 * {@code DELETE} unsets every field; from {@code effectiveFrom} on, or from the month it was made in.
 */
public record TargetChange(YearMonth effectiveFrom, Instant at, String by, Action action, Map<TargetField, Double> values) {
    public enum Action { PUT, DELETE }

    public TargetChange {
        values = values.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(values));
    }

    /** Which fields this change touches, and the value it gives each (null: unset). */
    Map<TargetField, Double> touched() {
        if (action == Action.PUT) {
            return values;
        }
        Map<TargetField, Double> unset = new EnumMap<>(TargetField.class);
        for (TargetField field : TargetField.values()) {
            unset.put(field, null);
        }
        return unset;
    }
}
