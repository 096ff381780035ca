package com.dealerkpi.domain.status;

import java.time.Instant;

/** An accepted update that national management voided: it counts nowhere any more. */
public record VoidedUpdate(StatusUpdate update, Instant voidedAt, String voidedBy, String reason) {
    public static final int MAX_REASON = 500;
}
