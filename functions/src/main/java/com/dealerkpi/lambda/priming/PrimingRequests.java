package com.dealerkpi.lambda.priming;

import com.dealerkpi.api.auth.ClaimNames;
import com.dealerkpi.api.http.Route;
import com.dealerkpi.json.Json;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The requests each function primes with, as API Gateway sends them: a national caller, a dealership, agreement,
 * region and event id that no one uses, the status write path with and without an Idempotency-Key, a void, the
 * report and settings routes, and a refused request (the problem path).
 */
public final class PrimingRequests {
    /** A valid id of no dealership (its reads find nothing; its writes are refused by the write guard). */
    public static final String DEALERSHIP = "snapstart-priming";
    private static final String AGREEMENTS = "/dealerships/" + DEALERSHIP + "/agreements/" + DEALERSHIP;
    private static final String HOST = DEALERSHIP + ".execute-api.invalid";
    private static final String TARGETS = "{\"contactRatePerMonth\":0.03,\"appointedRate\":0.7}";

    private final Map<String, String> claims;

    public PrimingRequests(ClaimNames names) {
        this.claims = Map.of("sub", DEALERSHIP, "iss", "https://" + HOST, "token_use", "id", "iat", "1767225600",
                "exp", "1767229200", names.roleClaim(), names.nationalRole());
    }

    public List<String> status() {
        return List.of(
                event("POST", AGREEMENTS + "/status", null, "{\"status\":\"Sold\",\"occurredAt\":\"2026-01-02T10:00:00Z\"}", null),
                event("POST", AGREEMENTS + "/status", null, "{\"status\":\"Contacted\"}", DEALERSHIP),
                event("POST", AGREEMENTS + "/updates/0190d6a0-0000-7000-8000-000000000000/void", null,
                        "{\"reason\":\"priming\"}", null),
                event("POST", AGREEMENTS + "/status", null, "{\"status\":\"Bought\"}", null));
    }

    public List<String> reports() {
        return List.of(
                event("GET", "/dealerships/" + DEALERSHIP + "/kpi", "range=ytd", null, null),
                event("GET", AGREEMENTS, null, null, null),
                event("GET", "/dealerships/" + DEALERSHIP + "/profile", null, null, null),
                event("GET", "/regions", null, null, null),
                event("GET", "/regions/" + DEALERSHIP + "/kpi", "sort=contactToSale", null, null),
                event("GET", "/dealerships/" + DEALERSHIP + "/kpi", "range=someday", null, null));
    }

    public List<String> settings() {
        return List.of(
                event("GET", "/targets/national", null, null, null),
                event("PUT", "/targets/dealerships/" + DEALERSHIP, null, TARGETS, null),
                event("PUT", "/dealerships/" + DEALERSHIP + "/profile", null,
                        "{\"name\":\"Priming\",\"region\":\"" + DEALERSHIP + "\",\"databaseSize\":1000}", null),
                event("DELETE", "/targets/regions/" + DEALERSHIP, null, null, null),
                event("PUT", "/targets/national", null, "{\"soldRate\":7}", null));
    }

    /** An event as API Gateway's HTTP API sends it (every field a real one has, so the mapping reads them all). */
    private String event(String method, String rawPath, String rawQuery, String body, String idempotencyKey) {
        Route.Matched matched = Route.find(method, rawPath)
                .orElseThrow(() -> new IllegalStateException("no route for " + method + " " + rawPath));
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("version", "2.0");
        event.put("routeKey", matched.route().routeKey());
        event.put("rawPath", rawPath);
        event.put("rawQueryString", rawQuery == null ? "" : rawQuery);
        event.put("headers", headers(body, idempotencyKey));
        if (rawQuery != null) {
            String[] pair = rawQuery.split("=", 2);
            event.put("queryStringParameters", Map.of(pair[0], pair[1]));
        }
        if (!matched.pathParameters().isEmpty()) {
            event.put("pathParameters", matched.pathParameters());
        }
        event.put("requestContext", requestContext(method, rawPath, matched.route().routeKey()));
        if (body != null) {
            event.put("body", body);
        }
        event.put("isBase64Encoded", false);
        return Json.write(event);
    }

    private static Map<String, Object> headers(String body, String idempotencyKey) {
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put("accept", "application/json");
        // as a browser asks: a report's answer is then compressed, so the snapshot holds the classes that compress it
        headers.put("accept-encoding", "gzip, deflate, br");
        headers.put("authorization", "Bearer priming");
        if (body != null) {
            headers.put("content-length", Integer.toString(body.length()));
            headers.put("content-type", "application/json");
        }
        headers.put("host", HOST);
        if (idempotencyKey != null) {
            headers.put("idempotency-key", idempotencyKey);
        }
        headers.put("user-agent", DEALERSHIP);
        headers.put("x-amzn-trace-id", PrimingContext.TRACE_ID);
        headers.put("x-forwarded-for", "127.0.0.1");
        headers.put("x-forwarded-port", "443");
        headers.put("x-forwarded-proto", "https");
        return headers;
    }

    private Map<String, Object> requestContext(String method, String rawPath, String routeKey) {
        Map<String, Object> jwt = new LinkedHashMap<>();
        jwt.put("claims", claims);
        jwt.put("scopes", null);
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("accountId", "000000000000");
        context.put("apiId", DEALERSHIP);
        context.put("authorizer", Map.of("jwt", jwt));
        context.put("domainName", HOST);
        context.put("domainPrefix", DEALERSHIP);
        context.put("http", Map.of("method", method, "path", rawPath, "protocol", "HTTP/1.1", "sourceIp", "127.0.0.1",
                "userAgent", DEALERSHIP));
        context.put("requestId", PrimingContext.REQUEST_ID);
        context.put("routeKey", routeKey);
        context.put("stage", "$default");
        context.put("time", "01/Jan/2026:00:00:00 +0000");
        context.put("timeEpoch", 1_767_225_600_000L);
        return context;
    }
}
