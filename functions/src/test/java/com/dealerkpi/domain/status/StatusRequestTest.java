package com.dealerkpi.domain.status;

import com.dealerkpi.domain.FieldError;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StatusRequestTest {
    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

    private static List<String> fields(List<FieldError> errors) {
        return errors.stream().map(FieldError::field).toList();
    }

    @Test
    void momentsFromTheYear2000UpToFiveMinutesAheadAreAccepted() {
        assertTrue(StatusRequest.check(Instant.parse("2000-01-01T00:00:00Z"), null, null, NOW).isEmpty());
        assertTrue(StatusRequest.check(NOW.plusSeconds(300), null, null, NOW).isEmpty());
        assertEquals(List.of("occurredAt"), fields(StatusRequest.check(NOW.plusSeconds(301), null, null, NOW)));
        assertEquals(List.of("occurredAt"),
                fields(StatusRequest.check(Instant.parse("1999-12-31T23:59:59Z"), null, null, NOW)));
    }

    @Test
    void userIdsAndKeysMustBePrintable() {
        assertEquals(List.of("userId"), fields(StatusRequest.check(null, "bad\u0000id", null, NOW)));
        assertEquals(List.of("userId"), fields(StatusRequest.check(null, "x".repeat(129), null, NOW)));
        assertEquals(List.of("Idempotency-Key"), fields(StatusRequest.check(null, null, "has space", NOW)));
        assertEquals(List.of("Idempotency-Key"), fields(StatusRequest.check(null, null, "k".repeat(129), NOW)));
        assertTrue(StatusRequest.check(null, "jane.doe@dealer.example", "k".repeat(128), NOW).isEmpty());
    }

    @Test
    void defaultsAreTheRequestTimeAndTheCaller() {
        StatusRequest request = new StatusRequest("D1", "A1", Status.SOLD, null, null, null);
        StatusUpdate update = request.resolve("e1", Instant.parse("2026-11-28T12:00:00.123456Z"), "sub-1");
        assertEquals(Instant.parse("2026-11-28T12:00:00.123Z"), update.occurredAt());
        assertEquals("sub-1", update.userId());
    }

    @Test
    void theFingerprintComparesMeaningNotSpelling() {
        Instant at = Instant.parse("2026-03-01T10:00:00Z");
        StatusRequest a = new StatusRequest("D1", "A1", Status.SOLD, at, null, "k");
        assertEquals(a.fingerprint(), new StatusRequest("D1", "A1", Status.SOLD, at, null, "k").fingerprint());
        assertNotEquals(a.fingerprint(), new StatusRequest("D1", "A2", Status.SOLD, at, null, "k").fingerprint());
        assertNotEquals(a.fingerprint(), new StatusRequest("D1", "A1", Status.LOST, at, null, "k").fingerprint());
        assertNotEquals(a.fingerprint(), new StatusRequest("D1", "A1", Status.SOLD, null, null, "k").fingerprint());
        assertNotEquals(a.fingerprint(), new StatusRequest("D1", "A1", Status.SOLD, at, "u", "k").fingerprint());
    }
}
