package com.dealerkpi.app.status;

/** An Idempotency-Key was sent again with a different request. */
public class IdempotencyConflictException extends RuntimeException {
    public IdempotencyConflictException() {
        super("This Idempotency-Key was already used at this dealership for a different request; "
                + "send a new key for a new update, or the original body to replay it.");
    }
}
