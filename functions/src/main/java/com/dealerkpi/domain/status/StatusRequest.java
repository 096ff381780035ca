package com.dealerkpi.domain.status;

import com.dealerkpi.domain.Digests;
import com.dealerkpi.domain.FieldError;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * A validated status update as the caller asked for it, before the server fills in defaults.
 * {@code occurredAt} and {@code userId} are null when the caller left them out.
 */
public record StatusRequest(String dealershipId, String agreementId, Status status, Instant occurredAt,
                            String userId, String idempotencyKey) {

    public static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    public static final Duration MAX_FUTURE = Duration.ofMinutes(5);
    public static final int MAX_USER_ID = 128;
    public static final int MAX_IDEMPOTENCY_KEY = 128;

    /** Checks the rules that need the clock and returns every problem at once. */
    public static List<FieldError> check(Instant occurredAt, String userId, String idempotencyKey, Instant now) {
        List<FieldError> errors = new ArrayList<>();
        if (occurredAt != null && occurredAt.isBefore(EARLIEST)) {
            errors.add(new FieldError("occurredAt", "must not be before 2000-01-01T00:00:00Z"));
        }
        if (occurredAt != null && occurredAt.isAfter(now.plus(MAX_FUTURE))) {
            errors.add(new FieldError("occurredAt", "must not be more than 5 minutes in the future (server time "
                    + now.truncatedTo(ChronoUnit.SECONDS) + ")"));
        }
        if (userId != null && !isPrintable(userId, MAX_USER_ID, false)) {
            errors.add(new FieldError("userId", "must be 1-128 characters with no control characters"));
        }
        if (idempotencyKey != null && !isPrintable(idempotencyKey, MAX_IDEMPOTENCY_KEY, true)) {
            errors.add(new FieldError("Idempotency-Key", "must be 1-128 visible ASCII characters"));
        }
        return errors;
    }

    private static boolean isPrintable(String value, int maxLength, boolean asciiOnly) {
        if (value.isEmpty() || value.length() > maxLength || value.isBlank()) {
            return false;
        }
        return value.codePoints().noneMatch(c -> Character.isISOControl(c) || (asciiOnly && (c <= 0x20 || c > 0x7e)));
    }

    /** Fills in the defaults: the moment (request time) and the user (the caller), at millisecond precision. */
    public StatusUpdate resolve(String eventId, Instant now, String callerSubject) {
        Instant at = (occurredAt != null ? occurredAt : now).truncatedTo(ChronoUnit.MILLIS);
        String user = userId != null ? userId : callerSubject;
        return new StatusUpdate(eventId, dealershipId, agreementId, status, at, user);
    }

    /**
     * What "the same body" means for an Idempotency-Key: the same agreement, status (by its canonical
     * name, so "Sold" and "SOLD" match), moment and user as given, a left-out field matching only a
     * left-out field.
     */
    public String fingerprint() {
        String canonical = String.join("\n", agreementId, status.name(),
                occurredAt == null ? "-" : occurredAt.truncatedTo(ChronoUnit.MILLIS).toString(),
                userId == null ? "-" : "=" + userId);
        return Digests.sha256Hex(canonical);
    }
}
