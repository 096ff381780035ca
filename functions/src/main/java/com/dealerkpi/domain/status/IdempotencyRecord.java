package com.dealerkpi.domain.status;

/**
 * The first use of an Idempotency-Key at a dealership: which request it stood for (fingerprint) and the
 * update it became. A retry of the same request re-runs exactly this update, so a crash half-way
 * through converges to the state of one successful request.
 */
public record IdempotencyRecord(String dealershipId, String key, String fingerprint, StatusUpdate update) {
}
