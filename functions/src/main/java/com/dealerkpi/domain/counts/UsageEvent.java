package com.dealerkpi.domain.counts;

import java.time.Instant;

/**
 * An accepted status update as the usage counts see it: counted once on the local day of its moment (by status and
 * by user) while it counts, and taken out when it is voided. {@code flagged}: the counts may not hold its state yet.
 */
public record UsageEvent(String eventId, Instant at, String status, String userId, boolean counting, boolean flagged) {
}
