package com.dealerkpi.api;

import com.dealerkpi.api.http.Route;
import com.dealerkpi.support.Caller;
import com.dealerkpi.support.Reply;
import com.dealerkpi.support.TestApi;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * OWASP API3/API4/API8: a corpus of malformed requests over every route (odd ids in every path parameter,
 * broken ranges and pages, broken bodies, wrong content types, oversized and base64 bodies). Each must be the
 * right 4xx as problem+json, with a message a person can act on, no internals, and nothing written.
 */
@Tag("stores")
@Tag("matrix")
class BadInputCorpusTest {
    private static final Pattern PARAM = Pattern.compile("\\{(\\w+)}");
    private static TestApi api;

    @BeforeAll
    static void seed() {
        api = TestApi.fresh();
        assertEquals(201, api.postJson(Caller.national(), "/dealerships/D1/agreements/A1/status", "{\"status\":\"Sold\"}").status());
    }

    /** Raw (percent-encoded) path segments that are never a valid id or name. */
    static final List<String> ODD_IDS = List.of("%C3%A9t%C3%A9", "a%23b", "a%2Fb", "%00", "a%0Ab", "a".repeat(65), "%20a",
            "a%22b", "%3Cscript%3E", "a%25b", "x%E2%80%AEy", "D%23A%23A1", "%E2%80%8B");

    record Bad(String name, int status, String method, String path, String query, Map<String, String> headers, String body,
               boolean base64) {
    }

    static List<Bad> corpus() {
        List<Bad> corpus = new ArrayList<>();
        Map<String, String> json = Map.of("content-type", "application/json");
        for (Route route : Route.values()) {
            SecurityMatrixTest.Sample sample = SecurityMatrixTest.sample(route, "D1");
            Matcher params = PARAM.matcher(route.path());
            while (params.find()) {
                String param = params.group(1);
                for (String odd : ODD_IDS) {
                    if (odd.equals("%20a") && List.of("region", "brand", "group").contains(param)) {
                        continue; // region, brand and group names match ignoring surrounding spaces: " a" is "a"
                    }
                    String path = valid(route.path().replace("{" + param + "}", odd));
                    corpus.add(new Bad(route + " " + param + "=" + odd, 400, route.method(), path, null,
                            sample.body() == null ? Map.of() : json, sample.body(), false));
                }
            }
            if (route.method().equals("GET") && List.of(Route.GET_KPI, Route.GET_KPI_AGREEMENTS, Route.GET_USAGE,
                    Route.GET_REGION_KPI, Route.GET_BRAND_KPI, Route.GET_NATIONAL_KPI).contains(route)) {
                for (String query : List.of("range=decade", "range=", "from=2024-13-01&to=2024-12-31", "from=2024-03-01&to=2024-02-01",
                        "from=1999-12-31&to=2000-01-31", "from=2099-12-01&to=2100-01-01", "from=2024-01-01", "to=2024-01-01",
                        "range=ytd&from=2024-01-01&to=2024-02-01", "range=ytd&range=all", "from=2024-1-1&to=2024-2-1",
                        "from=20240101&to=20240201", "from=2024-02-30&to=2024-03-01", "unknown=1", "range=custom")) {
                    corpus.add(new Bad(route + " ?" + query, 400, "GET", sample.path(), query, Map.of(), null, false));
                }
                if (route != Route.GET_KPI_AGREEMENTS && route != Route.GET_USAGE) {
                    corpus.add(new Bad(route + " ?format=xml", 400, "GET", sample.path(), "format=xml", Map.of(), null, false));
                }
            }
            corpus.add(new Bad(route + " ?debug=true", 400, route.method(), sample.path(), "debug=true",
                    sample.body() == null ? Map.of() : json, sample.body(), false));
            corpus.add(new Bad(route + " ?<script>=1", 400, route.method(), sample.path(), "%3Cscript%3E=1",
                    sample.body() == null ? Map.of() : json, sample.body(), false));
            if (route.method().equals("GET") && route != Route.GET_KPI_AGREEMENTS) {
                corpus.add(new Bad(route + " ?limit=5 (no paging here)", 400, "GET", sample.path(), "limit=5", Map.of(), null, false));
            }
            if (sample.body() != null) {
                String first = sample.body().substring(2, sample.body().indexOf('"', 2));
                for (Object[] body : new Object[][]{
                        {"broken JSON", 400, "{\"" + first + "\":"}, {"not an object", 400, "[1,2]"}, {"a bare string", 400, "\"x\""},
                        {"null", 400, "null"}, {"empty object", 400, route == Route.PUT_PROFILE ? null : "{}"},
                        {"unknown field", 400, "{\"" + first + "\":1,\"admin\":true}"},
                        {"duplicate field", 400, "{" + sample.body().substring(1, sample.body().length() - 1) + "," + sample.body().substring(1)},
                        {"field null", 400, "{\"" + first + "\":null}"}, {"field an object", 400, "{\"" + first + "\":{\"a\":1}}"},
                        {"field an array", 400, "{\"" + first + "\":[1]}"}, {"field true", 400, "{\"" + first + "\":true}"},
                        {"deep JSON", 400, "{\"" + first + "\":" + "[".repeat(5000) + "]".repeat(5000) + "}"},
                        {"trailing garbage", 400, sample.body() + "}}"},
                        {"huge body", 413, "{\"" + first + "\":\"" + "x".repeat(20_000) + "\"}"}}) {
                    if (body[2] != null) {
                        corpus.add(new Bad(route + " body " + body[0], (int) body[1], route.method(), sample.path(), null, json,
                                (String) body[2], false));
                    }
                }
                corpus.add(new Bad(route + " text/plain", 415, route.method(), sample.path(), null, Map.of("content-type", "text/plain"), sample.body(), false));
                corpus.add(new Bad(route + " no content type", 415, route.method(), sample.path(), null, Map.of(), sample.body(), false));
                corpus.add(new Bad(route + " XML", 415, route.method(), sample.path(), null, Map.of("content-type", "application/xml"), "<a/>", false));
                corpus.add(new Bad(route + " no body", 400, route.method(), sample.path(), null, json, null, false));
                corpus.add(new Bad(route + " bad base64", 400, route.method(), sample.path(), null, json, "%%%not base64", true));
                corpus.add(new Bad(route + " base64 of broken JSON", 400, route.method(), sample.path(), null, json,
                        b64("{\"" + first + "\""), true));
                corpus.add(new Bad(route + " base64 of a huge body", 413, route.method(), sample.path(), null, json,
                        b64("{\"" + first + "\":\"" + "x".repeat(20_000) + "\"}"), true));
            }
        }
        corpus.add(new Bad("stage unknown", 400, "GET", "/dealerships/D1/kpi/bought/agreements", null, Map.of(), null, false));
        for (String query : List.of("limit=0", "limit=501", "limit=-1", "limit=1.5", "limit=ten", "limit=", "cursor=", "cursor=abc",
                "cursor=eyJxIjoiRDF8U09MRCJ9.AAAA", "cursor=" + "A".repeat(5000))) {
            corpus.add(new Bad("drill-down ?" + query.substring(0, Math.min(20, query.length())), 400, "GET",
                    "/dealerships/D1/kpi/sold/agreements", query, Map.of(), null, false));
        }
        Map<String, String> longKey = new LinkedHashMap<>(json);
        longKey.put("idempotency-key", "k".repeat(200));
        corpus.add(new Bad("idempotency key too long", 400, "POST", "/dealerships/D1/agreements/A1/status", null, longKey, "{\"status\":\"SOLD\"}", false));
        for (String tz : List.of("Mars/Olympus", "+01:00", "GMT+1", "europe/london", "", "Etc/GMT+5")) {
            corpus.add(new Bad("timezone " + tz, 400, "PUT", "/dealerships/D1/profile", null, json, "{\"timezone\":\"" + tz + "\"}", false));
        }
        for (String at : List.of("2026-02-29T10:00:00Z", "2026-03-01T25:00:00Z", "2026-03-01 10:00:00Z", "yesterday", "2026-03-01T10:00:00+25:00",
                "1767225600", "2026-03-01T10:00:00", "+002026-03-01T10:00:00Z")) {
            corpus.add(new Bad("occurredAt " + at, 400, "POST", "/dealerships/D1/agreements/A1/status", null, json,
                    "{\"status\":\"SOLD\",\"occurredAt\":\"" + at + "\"}", false));
        }
        return corpus;
    }

    /** Makes a path the HTTP layer can carry (a raw space is not allowed in a request line). */
    private static String valid(String path) {
        return path.replace(" ", "%20");
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theCorpusIsLargeAndCoversEveryRoute() {
        List<Bad> corpus = corpus();
        assertTrue(corpus.size() >= 200, "corpus size " + corpus.size());
        for (Route route : Route.values()) {
            assertTrue(corpus.stream().filter(b -> b.name().startsWith(route.name() + " ")).count() >= 2, route.name());
        }
    }

    @TestFactory
    List<DynamicTest> everyMalformedRequestIsAPreciseRefusalThatWritesNothing() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Bad bad : corpus()) {
            tests.add(DynamicTest.dynamicTest(bad.name(), () -> {
                var before = api.snapshot();
                Reply reply = api.send(Caller.national(), bad.method(), bad.path(), bad.query(), bad.headers(), bad.body(), bad.base64());
                assertEquals(bad.status(), reply.status(), bad.name() + " -> " + reply);
                assertTrue(reply.isProblem(), bad.name());
                Map<String, Object> problem = reply.json();
                assertEquals(bad.status(), ((Number) problem.get("status")).intValue());
                assertTrue(String.valueOf(problem.get("detail")).length() >= 10, "a message a person can act on: " + problem);
                for (String internal : List.of("Exception", "com.dealerkpi", "software.amazon", "java.", "\tat ", "dynamodb", "gsi")) {
                    assertFalse(reply.body().contains(internal), bad.name() + " leaks '" + internal + "': " + reply.body());
                }
                assertEquals(before, api.snapshot(), bad.name() + " changed the store");
            }));
        }
        return tests;
    }

    @Test
    void aBase64BodyAsApiGatewaySendsItIsAccepted() {
        Reply reply = api.send(Caller.national(), "POST", "/dealerships/D1/agreements/A2/status", null,
                Map.of("content-type", "application/json; charset=utf-8"), b64("{\"status\":\"Contacted\"}"), true);
        assertEquals(201, reply.status(), reply.toString());
    }
}
