package com.dealerkpi.local;

import com.dealerkpi.json.Json;
import com.dealerkpi.support.Caller;
import com.dealerkpi.support.Reply;
import com.dealerkpi.support.TestApi;

import java.io.IOException;
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
        assertEquals(200, keep("POST", "/dealerships/D1/agreements/a2/updates/" + voidable + "/void",
                api.postJson(NATIONAL, "/dealerships/D1/agreements/a2/updates/" + voidable + "/void",
                        "{\"reason\":\"entered on the wrong agreement\"}")).status());
        api.sweep();
        reports();
        errors();

        Path file = dir.resolve("answers.json");
        Files.writeString(file, Json.write(answers), StandardCharsets.UTF_8);
        Process check = new ProcessBuilder("python3", "tools/openapi/check-answers.py", "openapi.yaml", file.toString())
                .redirectErrorStream(true).start();
        String out = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, check.waitFor(), "answers not as openapi.yaml describes them (tools/openapi/check-answers.py"
                + " needs python3 with openapi-schema-validator):\n" + out);
    }

    private void settings() {
        put("/dealerships/D1/profile", "{\"name\":\"North Motors\",\"region\":\"North\",\"brand\":\"Ford\","
                + "\"group\":\"Alpha\",\"databaseSize\":400,\"goLiveDate\":\"2026-02-01\",\"timezone\":\"Europe/London\"}");
        put("/dealerships/D1/profile", "{\"name\":\"North Motors\",\"region\":\"North\",\"brand\":\"Ford\","
                + "\"group\":\"Alpha\",\"databaseSize\":450,\"goLiveDate\":\"2026-02-01\",\"timezone\":\"Europe/London\"}");
        put("/dealerships/D2/profile", "{\"name\":\"Kia North\",\"region\":\"North\",\"brand\":\"Kia\",\"databaseSize\":300}");
        for (String scope : List.of("national", "regions/North", "brands/Ford", "groups/Alpha", "dealerships/D1")) {
            put("/targets/" + scope, "{\"appointedRate\":0.6,\"soldRate\":0.5,\"effectiveFrom\":\"2026-06\"}");
            get(NATIONAL, "/targets/" + scope);
        }
        keep("DELETE", "/targets/brands/Ford", api.send(NATIONAL, "DELETE", "/targets/brands/Ford",
                "effectiveFrom=2026-10", Map.of(), null, false));
        get(NATIONAL, "/dealerships/D1/profile");
    }

    /** A day's updates; the id of one to void. */
    private String updates() {
        post("D1", "a1", "Contacted", "2026-03-02T10:00:00Z");
        post("D1", "a1", "Sold", "2026-03-20T10:00:00Z");
        post("D1", "a1", "Sold", "2026-03-20T10:00:00Z");
        post("D1", "a3", "No Answer", "2026-04-01T09:00:00Z");
        post("D1", "a4", "Not Sold", "2026-05-01T09:00:00Z");
        post("D2", "b1", "Appointed", "2026-11-03T09:00:00Z");
        Reply sold = post("D1", "a2", "Sold", "2026-01-15T10:00:00Z");
        return (String) sold.json().get("eventId");
    }

    private void reports() {
        for (String query : List.of("", "?range=all", "?compare=previous", "?compare=last-year",
                "?from=2026-03-01&to=2026-03-31", "?format=csv", "?format=html")) {
            get(D1, "/dealerships/D1/kpi" + query);
        }
        for (String query : List.of("", "?format=csv", "?format=html")) {
            get(D1, "/dealerships/D1/kpi/cohorts" + query);
        }
        get(D1, "/dealerships/D1/kpi/sold/agreements?limit=1");
        get(D1, "/dealerships/D1/kpi/contacted/agreements");
        get(D1, "/dealerships/D1/usage");
        get(D1, "/dealerships/D1/usage?range=all");
        get(D1, "/dealerships/D1/agreements/a1");
        get(D1, "/dealerships/D1/agreements/a2");
        for (String scope : List.of("/kpi", "/regions/North/kpi", "/brands/Ford/kpi", "/groups/Alpha/kpi", "/regions/Empty/kpi")) {
            for (String query : List.of("", "?compare=previous&sort=contactToSale", "?format=csv", "?format=html")) {
                get(NATIONAL, scope + query);
            }
        }
        get(Caller.groupManager("Alpha"), "/groups/Alpha/kpi");
        for (String list : List.of("/regions", "/brands", "/groups", "/admin/aggregates")) {
            get(NATIONAL, list);
        }
    }

    private void errors() {
        get(D1, "/dealerships/D1/kpi?range=fortnight");
        get(D1, "/dealerships/D2/kpi");
        get(D1, "/kpi");
        get(NATIONAL, "/dealerships/D1/agreements/nobody");
        get(NATIONAL, "/dealerships/D1/kpi/lost/agreements");
        get(Caller.anonymous(), "/dealerships/D1/kpi");
        keep("POST", "/dealerships/D1/agreements/a9/status", api.send(NATIONAL, "POST", "/dealerships/D1/agreements/a9/status",
                null, Map.of("content-type", "text/plain"), "Sold", false));
        keep("POST", "/dealerships/D1/agreements/a9/status", api.postJson(NATIONAL, "/dealerships/D1/agreements/a9/status",
                "{\"status\":\"Sold\",\"occurredAt\":\"yesterday\"}"));
        String body = "{\"status\":\"Sold\",\"occurredAt\":\"2026-11-02T10:00:00Z\"}";
        api.postJson(NATIONAL, "/dealerships/D1/agreements/a9/status", body, "key-1");
        keep("POST", "/dealerships/D1/agreements/a9/status", api.postJson(NATIONAL,
                "/dealerships/D1/agreements/a9/status", body.replace("Sold", "Contacted"), "key-1"));
        keep("POST", "/dealerships/D1/agreements/a9/status", api.postJson(NATIONAL,
                "/dealerships/D1/agreements/a9/status", "{\"status\":\"" + "x".repeat(17_000) + "\"}"));
        put("/targets/regions/North", "{\"appointedRate\":7}");
        put("/dealerships/D1/profile", "{\"timezone\":\"Mars/Olympus\"}");
    }

    private Reply post(String dealershipId, String agreementId, String status, String occurredAt) {
        String path = "/dealerships/" + dealershipId + "/agreements/" + agreementId + "/status";
        return keep("POST", path, api.postJson(NATIONAL, path,
                "{\"status\":\"" + status + "\",\"occurredAt\":\"" + occurredAt + "\",\"userId\":\"u1\"}"));
    }

    private void put(String path, String body) {
        keep("PUT", path, api.putJson(NATIONAL, path, body));
    }

    private void get(Caller caller, String pathAndQuery) {
        keep("GET", pathAndQuery.split("\\?")[0], api.get(caller, pathAndQuery));
    }

    private Reply keep(String method, String path, Reply reply) {
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
