package com.dealerkpi.local;

import com.dealerkpi.json.Json;
import com.dealerkpi.support.Caller;
import com.dealerkpi.support.Reply;
import com.dealerkpi.support.TestApi;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The answers the API really gives, against what openapi.yaml (the contract callers generate clients from) says they
 * are: a dealership's day of updates, targets at every scope, every report in JSON, CSV and HTML (read from the
 * milestones, then from the aggregates once built) and the errors callers meet, each answer's body checked against
 * its operation's schema for its status and media type by {@code tools/openapi/check-answers.py} (python3 with
 * openapi-schema-validator, which openapi-spec-validator brings: preinstalled here, in CI too). The shapes turn on
 * the views, not on the store, so it runs once, not again on the second backend.
 */
@Tag("matrix")
class OpenApiAnswersIT {
    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    private static final Caller NATIONAL = Caller.national();
    private static final Caller D1 = Caller.dealer("D1");

    private final TestApi api = TestApi.fresh(Clock.fixed(NOW, ZoneOffset.UTC));
    private final List<Map<String, Object>> answers = new ArrayList<>();

    @Test
    void everyAnswerIsAsOpenApiDescribesIt(@TempDir Path dir) throws Exception {
        settings();
        String voidable = updates();
        reports();
        keep(200, "POST", "/dealerships/D1/agreements/a2/updates/" + voidable + "/void",
                api.postJson(NATIONAL, "/dealerships/D1/agreements/a2/updates/" + voidable + "/void",
                        "{\"reason\":\"entered on the wrong agreement\"}"));
        api.sweep();
        reports();
        errors();
        assertTrue(answers.stream().anyMatch(answer -> answer.get("path").equals("/kpi")
                        && answer.get("body").toString().contains("\"target\":{\"contacted\"")),
                "a roll-up with monthly targets was checked");

        Path file = dir.resolve("answers.json");
        Files.writeString(file, Json.write(answers), StandardCharsets.UTF_8);
        Process check = new ProcessBuilder("python3", "tools/openapi/check-answers.py", "openapi.yaml", file.toString())
                .redirectErrorStream(true).start();
        String out = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, check.waitFor(), "answers not as openapi.yaml describes them (tools/openapi/check-answers.py"
                + " needs python3 with openapi-schema-validator):\n" + out);
    }

    private void settings() {
        put(201, "/dealerships/D1/profile", "{\"name\":\"North Motors\",\"region\":\"North\",\"brand\":\"Ford\","
                + "\"group\":\"Alpha\",\"databaseSize\":400,\"goLiveDate\":\"2026-02-01\",\"timezone\":\"Europe/London\"}");
        put(200, "/dealerships/D1/profile", "{\"name\":\"North Motors\",\"region\":\"North\",\"brand\":\"Ford\","
                + "\"group\":\"Alpha\",\"databaseSize\":450,\"goLiveDate\":\"2026-02-01\",\"timezone\":\"Europe/London\"}");
        put(201, "/dealerships/D2/profile", "{\"name\":\"Kia North\",\"region\":\"North\",\"brand\":\"Kia\",\"databaseSize\":300}");
        for (String scope : List.of("national", "regions/North", "brands/Ford", "groups/Alpha", "dealerships/D1")) {
            put(200, "/targets/" + scope, "{\"appointedRate\":0.6,\"soldRate\":0.5,\"effectiveFrom\":\"2026-06\"}");
            get(200, NATIONAL, "/targets/" + scope);
        }
        keep(200, "DELETE", "/targets/brands/Ford", api.send(NATIONAL, "DELETE", "/targets/brands/Ford",
                "effectiveFrom=2026-10", Map.of(), null, false));
        get(200, NATIONAL, "/dealerships/D1/profile");
    }

    /** A day's updates; the id of one to void. */
    private String updates() {
        post(201, "D1", "a1", "Contacted", "2026-03-02T10:00:00Z");
        post(201, "D1", "a1", "Sold", "2026-03-20T10:00:00Z");
        post(201, "D1", "a1", "Sold", "2026-03-20T10:00:00Z");
        post(201, "D1", "a3", "No Answer", "2026-04-01T09:00:00Z");
        post(201, "D1", "a4", "Not Sold", "2026-05-01T09:00:00Z");
        post(201, "D2", "b1", "Appointed", "2026-11-03T09:00:00Z");
        Reply sold = post(201, "D1", "a2", "Sold", "2026-01-15T10:00:00Z");
        return (String) sold.json().get("eventId");
    }

    private void reports() {
        for (String query : List.of("", "?range=all", "?compare=previous", "?compare=last-year",
                "?from=2026-03-01&to=2026-03-31", "?format=csv", "?format=html")) {
            get(200, D1, "/dealerships/D1/kpi" + query);
        }
        for (String query : List.of("", "?format=csv", "?format=html")) {
            get(200, D1, "/dealerships/D1/kpi/cohorts" + query);
        }
        get(200, D1, "/dealerships/D1/kpi/sold/agreements?limit=1");
        get(200, D1, "/dealerships/D1/kpi/contacted/agreements");
        get(200, D1, "/dealerships/D1/usage");
        get(200, D1, "/dealerships/D1/usage?range=all");
        get(200, D1, "/dealerships/D1/agreements/a1");
        get(200, D1, "/dealerships/D1/agreements/a2");
        for (String scope : List.of("/kpi", "/regions/North/kpi", "/brands/Ford/kpi", "/groups/Alpha/kpi", "/regions/Empty/kpi")) {
            for (String query : List.of("", "?compare=previous&sort=contactToSale", "?format=csv", "?format=html")) {
                get(200, NATIONAL, scope + query);
            }
        }
        get(200, Caller.groupManager("Alpha"), "/groups/Alpha/kpi");
        for (String list : List.of("/regions", "/brands", "/groups", "/admin/aggregates")) {
            get(200, NATIONAL, list);
        }
    }

    private void errors() {
        get(400, D1, "/dealerships/D1/kpi?range=fortnight");
        get(403, D1, "/dealerships/D2/kpi");
        get(403, D1, "/kpi");
        get(404, NATIONAL, "/dealerships/D1/agreements/nobody");
        get(400, NATIONAL, "/dealerships/D1/kpi/lost/agreements");
        get(401, Caller.anonymous(), "/dealerships/D1/kpi");
        String path = "/dealerships/D1/agreements/a9/status";
        keep(415, "POST", path, api.send(NATIONAL, "POST", path, null, Map.of("content-type", "text/plain"), "Sold", false));
        keep(400, "POST", path, api.postJson(NATIONAL, path, "{\"status\":\"Sold\",\"occurredAt\":\"yesterday\"}"));
        String body = "{\"status\":\"Sold\",\"occurredAt\":\"2026-11-02T10:00:00Z\"}";
        keep(201, "POST", path, api.postJson(NATIONAL, path, body, "key-1"));
        keep(200, "POST", path, api.postJson(NATIONAL, path, body, "key-1"));
        keep(422, "POST", path, api.postJson(NATIONAL, path, body.replace("Sold", "Contacted"), "key-1"));
        keep(413, "POST", path, api.postJson(NATIONAL, path, "{\"status\":\"" + "x".repeat(17_000) + "\"}"));
        put(400, "/targets/regions/North", "{\"appointedRate\":7}");
        put(400, "/dealerships/D1/profile", "{\"timezone\":\"Mars/Olympus\"}");
    }

    private Reply post(int expected, String dealershipId, String agreementId, String status, String occurredAt) {
        String path = "/dealerships/" + dealershipId + "/agreements/" + agreementId + "/status";
        return keep(expected, "POST", path, api.postJson(NATIONAL, path,
                "{\"status\":\"" + status + "\",\"occurredAt\":\"" + occurredAt + "\",\"userId\":\"u1\"}"));
    }

    private void put(int expected, String path, String body) {
        keep(expected, "PUT", path, api.putJson(NATIONAL, path, body));
    }

    private void get(int expected, Caller caller, String pathAndQuery) {
        keep(expected, "GET", pathAndQuery.split("\\?")[0], api.get(caller, pathAndQuery));
    }

    /** The answer, kept for the check, once it is the one the request was meant to get. */
    private Reply keep(int expected, String method, String path, Reply reply) {
        assertEquals(expected, reply.status(), method + " " + path + ": " + reply);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("method", method);
        answer.put("path", path);
        answer.put("status", reply.status());
        answer.put("contentType", reply.contentType());
        answer.put("body", reply.body());
        answers.add(answer);
        return reply;
    }
}
