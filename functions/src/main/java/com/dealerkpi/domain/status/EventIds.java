package com.dealerkpi.domain.status;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.UUID;

/**
 * Event ids in the UUID version 7 layout: the acceptance time (milliseconds) first, then random bits. Sorting by
 * id is sorting by acceptance, which decides between updates that claim the same moment ("the update accepted
 * later wins").
 */
public final class EventIds {
    private static final SecureRandom RANDOM = new SecureRandom();

    private EventIds() {
    }

    public static String timeOrdered(Instant acceptedAt) {
        long millis = acceptedAt.toEpochMilli();
        long high = (millis << 16) | 0x7000L | (RANDOM.nextInt() & 0x0fff);
        long low = (RANDOM.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }
}
