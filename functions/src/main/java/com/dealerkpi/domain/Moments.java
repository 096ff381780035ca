package com.dealerkpi.domain;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Moments as text of fixed width ({@code 2026-03-01T09:30:00.000Z}), so that string order is time order. */
public final class Moments {
    private static final DateTimeFormatter FIXED = DateTimeFormatter
            .ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Moments() {
    }

    public static String fixedWidth(Instant at) {
        return FIXED.format(at);
    }
}
