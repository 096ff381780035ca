package com.dealerkpi.api.views;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Moments the service stamps itself (a void's, a settings change's, a sweep's, a verification's), as answers give
 * them: in UTC to the millisecond, as every moment (a status update's is kept so when it is recorded), milliseconds
 * only when not zero ({@code 2026-03-01T09:30:00.835Z}, not {@code …00.835414932Z}).
 */
final class Moments {
    private Moments() {
    }

    static String stamped(Instant moment) {
        return moment.truncatedTo(ChronoUnit.MILLIS).toString();
    }
}
