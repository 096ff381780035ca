package com.dealerkpi.domain;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** One scope's override: the target fields it sets (fields it leaves unset fall through to wider scopes). */
public record TargetRates(Map<TargetField, Double> values) {

    public TargetRates {
        values = Collections.unmodifiableMap(values.isEmpty() ? new EnumMap<>(TargetField.class) : new EnumMap<>(values));
    }

    public static TargetRates none() {
        return new TargetRates(Map.of());
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** This override with the given fields replaced (the others stay). */
    public TargetRates merge(TargetRates changes) {
        Map<TargetField, Double> merged = new EnumMap<>(TargetField.class);
        merged.putAll(values);
        merged.putAll(changes.values);
        return new TargetRates(merged);
    }

    /** Rates are fractions: 0 ≤ value ≤ 1. */
    public static List<FieldError> check(Map<TargetField, Double> values) {
        List<FieldError> errors = new ArrayList<>();
        values.forEach((field, value) -> {
            if (value < 0 || value > 1) {
                errors.add(new FieldError(field.json(), "must be between 0 and 1 (a fraction: 0.7 means 70%)"));
            }
        });
        return errors;
    }
}
