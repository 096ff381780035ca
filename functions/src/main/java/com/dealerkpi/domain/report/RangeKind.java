package com.dealerkpi.domain.report;

import java.util.Locale;
import java.util.Optional;

/** The report ranges users pick: the dashboard's year-to-date switch, month-to-date, last month, all-time, custom. */
public enum RangeKind {
    YTD("ytd"), MTD("mtd"), LAST_MONTH("last-month"), ALL("all"), CUSTOM("custom");

    private final String wire;

    RangeKind(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<RangeKind> parse(String raw) {
        String lower = raw.trim().toLowerCase(Locale.ROOT);
        for (RangeKind kind : values()) {
            if (kind.wire.equals(lower)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
