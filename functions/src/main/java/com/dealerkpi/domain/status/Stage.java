package com.dealerkpi.domain.status;

import java.util.Locale;
import java.util.Optional;

/** The four KPI stages, in funnel order. */
public enum Stage {
    CONTACTED, APPOINTED, ATTENDED, SOLD;

    /** Parses a stage name as the API accepts it: case-insensitive ({@code sold} = {@code SOLD}). */
    public static Optional<Stage> parse(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String upper = raw.trim().toUpperCase(Locale.ROOT);
        for (Stage stage : values()) {
            if (stage.name().equals(upper)) {
                return Optional.of(stage);
            }
        }
        return Optional.empty();
    }

    /** As a person reads it: {@code Contacted}. */
    public String title() {
        return name().charAt(0) + name().substring(1).toLowerCase(Locale.ROOT);
    }

    /** JSON field name used in report counts, e.g. {@code contacted}. */
    public String field() {
        return name().toLowerCase(Locale.ROOT);
    }
}
