package com.dealerkpi.api;

import com.dealerkpi.support.Caller;
import com.dealerkpi.support.Reply;
import com.dealerkpi.support.TestApi;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every malformed status update is a precise 4xx problem+json and writes nothing. */
@Tag("stores")
class StatusBadInputTest {
    private static TestApi api;
    private static final String PATH = "/dealerships/D1/agreements/A1/status";

    @BeforeAll
    static void start() {
        api = TestApi.fresh();
        // something in the table, so "unchanged" is not trivially "empty"
        assertEquals(201, api.postJson(Caller.national(), PATH, "{\"status\":\"SOLD\"}").status());
    }

    record BadRequest(String path, Map<String, String> headers, String body, boolean base64, Caller caller) {
    }

    private static Arguments json(String name, int status, String body) {
        return Arguments.of(name, status, new BadRequest(PATH, Map.of("content-type", "application/json"), body, false,
                Caller.dealer("D1")));
    }

    private static Arguments request(String name, int status, String path, Map<String, String> headers, String body,
                                     boolean base64, Caller caller) {
        return Arguments.of(name, status, new BadRequest(path, headers, body, base64, caller));
    }

    static Stream<Arguments> corpus() {
        Map<String, String> jsonType = Map.of("content-type", "application/json");
        Map<String, String> longKey = new LinkedHashMap<>(jsonType);
        longKey.put("idempotency-key", "k".repeat(129));
        Map<String, String> spaceKey = new LinkedHashMap<>(jsonType);
        spaceKey.put("idempotency-key", "two words");
        String invalidUtf8 = Base64.getEncoder().encodeToString(new byte[]{'{', '"', 's', '"', ':', (byte) 0xC3, '}'});
        return Stream.of(
                json("broken JSON", 400, "{\"status\":"),
                json("array body", 400, "[\"SOLD\"]"),
                json("string body", 400, "\"SOLD\""),
                json("null body", 400, "null"),
                json("trailing content", 400, "{\"status\":\"SOLD\"} {}"),
                json("unknown field", 400, "{\"status\":\"SOLD\",\"dealershipId\":\"D2\"}"),
                json("duplicate field", 400, "{\"status\":\"LOST\",\"status\":\"SOLD\"}"),
                json("missing status", 400, "{}"),
                json("null status", 400, "{\"status\":null}"),
                json("number status", 400, "{\"status\":4}"),
                json("nested status", 400, "{\"status\":[[[[[[[[[[\"SOLD\"]]]]]]]]]]}"),
                json("unknown status", 400, "{\"status\":\"Bought\"}"),
                json("empty status", 400, "{\"status\":\"\"}"),
                json("future moment", 400, "{\"status\":\"SOLD\",\"occurredAt\":\"2099-01-01T00:00:00Z\"}"),
                json("before 2000", 400, "{\"status\":\"SOLD\",\"occurredAt\":\"1999-12-31T23:59:59Z\"}"),
                json("moment without offset", 400, "{\"status\":\"SOLD\",\"occurredAt\":\"2026-03-01T10:00:00\"}"),
                json("date only", 400, "{\"status\":\"SOLD\",\"occurredAt\":\"2026-03-01\"}"),
                json("impossible date", 400, "{\"status\":\"SOLD\",\"occurredAt\":\"2026-02-30T10:00:00Z\"}"),
                json("epoch number moment", 400, "{\"status\":\"SOLD\",\"occurredAt\":1767225600}"),
                json("empty userId", 400, "{\"status\":\"SOLD\",\"userId\":\"\"}"),
                json("control character userId", 400, "{\"status\":\"SOLD\",\"userId\":\"a\\u0000b\"}"),
                json("long userId", 400, "{\"status\":\"SOLD\",\"userId\":\"" + "u".repeat(129) + "\"}"),
                json("huge body", 413, "{\"status\":\"SOLD\",\"userId\":\"" + "u".repeat(17 * 1024) + "\"}"),
                json("deep JSON", 400, "{\"status\":" + "[".repeat(3000) + "]".repeat(3000) + "}"),
                request("no body", 400, PATH, jsonType, null, false, Caller.dealer("D1")),
                request("text/plain body", 415, PATH, Map.of("content-type", "text/plain"), "{\"status\":\"SOLD\"}",
                        false, Caller.dealer("D1")),
                request("no content type", 415, PATH, Map.of(), "{\"status\":\"SOLD\"}", false, Caller.dealer("D1")),
                request("form body", 415, PATH, Map.of("content-type", "application/x-www-form-urlencoded"),
                        "status=SOLD", false, Caller.dealer("D1")),
                request("bad base64", 400, PATH, jsonType, "not*base64", true, Caller.dealer("D1")),
                request("base64 of invalid UTF-8", 400, PATH, jsonType, invalidUtf8, true, Caller.dealer("D1")),
                request("long idempotency key", 400, PATH, longKey, "{\"status\":\"SOLD\"}", false, Caller.dealer("D1")),
                request("idempotency key with a space", 400, PATH, spaceKey, "{\"status\":\"SOLD\"}", false,
                        Caller.dealer("D1")),
                request("agreement id too long", 400, "/dealerships/D1/agreements/" + "a".repeat(65) + "/status",
                        jsonType, "{\"status\":\"SOLD\"}", false, Caller.national()),
                request("agreement id with the key delimiter", 400, "/dealerships/D1/agreements/A%231/status",
                        jsonType, "{\"status\":\"SOLD\"}", false, Caller.national()),
                request("agreement id with a slash", 400, "/dealerships/D1/agreements/A%2F1/status",
                        jsonType, "{\"status\":\"SOLD\"}", false, Caller.national()),
                request("agreement id with unicode", 400, "/dealerships/D1/agreements/%C3%A9/status",
                        jsonType, "{\"status\":\"SOLD\"}", false, Caller.national()),
                request("dealership id with a control character", 400, "/dealerships/D%001/agreements/A1/status",
                        jsonType, "{\"status\":\"SOLD\"}", false, Caller.national()),
                request("no identity", 401, PATH, jsonType, "{\"status\":\"SOLD\"}", false, Caller.anonymous()),
                request("another dealership", 403, PATH, jsonType, "{\"status\":\"SOLD\"}", false, Caller.dealer("D2")),
                request("unknown route", 404, "/dealerships/D1/agreements/A1/status/extra", jsonType,
                        "{\"status\":\"SOLD\"}", false, Caller.national()));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("corpus")
    void isRefusedPreciselyAndWritesNothing(String name, int expectedStatus, BadRequest bad) {
        var before = api.snapshot();
        Reply reply = api.send(bad.caller(), "POST", bad.path(), null, bad.headers(), bad.body(), bad.base64());

        assertEquals(expectedStatus, reply.status(), name + ": " + reply);
        assertTrue(reply.isProblem(), name + ": " + reply.contentType());
        Map<String, Object> problem = reply.json();
        assertEquals(expectedStatus, ((Number) problem.get("status")).intValue());
        assertNotNull(problem.get("title"));
        assertTrue(((String) problem.get("detail")).length() > 10, "a message a person can act on");
        assertFalse(reply.body().contains("Exception") || reply.body().contains("com.dealerkpi")
                || reply.body().contains("software.amazon"), "no internals in the answer: " + reply.body());
        assertEquals(before, api.snapshot(), name + " changed the store");
        // a 400 names the field at fault
        if (expectedStatus == 400) {
            assertNotNull(problem.get("errors"), name);
        }
    }

    @Test
    void aMomentThatDoesNotExistIsToldSoNotThatItLacksAnOffset() {
        Reply reply = api.postJson(Caller.national(), PATH, "{\"status\":\"SOLD\",\"occurredAt\":\"2026-02-30T10:00:00Z\"}");
        assertEquals(400, reply.status(), reply.toString());
        assertTrue(reply.body().contains("is not a moment that exists") && reply.body().contains("FEBRUARY 30"), reply.body());
    }
}
