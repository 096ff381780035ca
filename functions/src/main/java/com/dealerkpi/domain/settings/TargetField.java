package com.dealerkpi.domain.settings;

import com.dealerkpi.domain.FieldError;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The four target rates, with their JSON names and the defaults the help page recommends. */
public enum TargetField {
    CONTACT_RATE_PER_MONTH("contactRatePerMonth", 0.03),
    APPOINTED_RATE("appointedRate", 0.70),
    ATTENDED_RATE("attendedRate", 0.90),
    SOLD_RATE("soldRate", 0.80);

    private final String json;
    private final double defaultValue;

    TargetField(String json, double defaultValue) {
        this.json = json;
        this.defaultValue = defaultValue;
    }

    public String json() {
        return json;
    }

    public double defaultValue() {
        return defaultValue;
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
