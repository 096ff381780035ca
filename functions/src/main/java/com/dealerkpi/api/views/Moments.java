package com.dealerkpi.api.views;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Moments the service stamps itself (a void's, a settings change's, a sweep's, a verification's), as answers give
 * them: to the millisecond, which is all the clock's finer digits are good for, and milliseconds only when not zero
 * ({@code 2026-03-01T09:30:00.835Z}, not {@code …00.835414932Z}). A moment a caller sent is answered as it was sent.
 */
final class Moments {
    private Moments() {
    }

    static String stamped(Instant moment) {
        return moment.truncatedTo(ChronoUnit.MILLIS).toString();
    }
}
