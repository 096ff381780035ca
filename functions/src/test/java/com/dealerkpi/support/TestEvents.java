package com.dealerkpi.support;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.dealerkpi.api.http.Route;
import com.dealerkpi.json.Json;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds API Gateway HTTP API (payload format 2.0) event JSON, field for field as API Gateway sends it,
 * and reads it with the Lambda Java runtime's own serializer, so handlers see exactly what Lambda gives them.
 */
public final class TestEvents {
    private static final PojoSerializer<APIGatewayV2HTTPEvent> SERIALIZER =
            LambdaEventSerializers.serializerFor(APIGatewayV2HTTPEvent.class, TestEvents.class.getClassLoader());

    private static final PojoSerializer<APIGatewayV2HTTPResponse> RESPONSES =
            LambdaEventSerializers.serializerFor(APIGatewayV2HTTPResponse.class, TestEvents.class.getClassLoader());

    private TestEvents() {
    }

    public static APIGatewayV2HTTPEvent parse(String json) {
        return SERIALIZER.fromJson(json);
    }

    /** An answer's JSON, read as the Lambda runtime's serializer reads the response type. */
    public static APIGatewayV2HTTPResponse parseResponse(String json) {
        return RESPONSES.fromJson(json);
    }

    /**
     * The event JSON for a request; a route that does not match gives routeKey "$default" (API Gateway's 404 path).
     * With {@code base64} the body is sent as given (already encoded, or deliberately not) and flagged isBase64Encoded.
     */
    public static String json(String method, String rawPath, String rawQuery, Map<String, String> headers, String body,
                              boolean base64, Caller caller) {
        Route.Matched matched = Route.find(method, rawPath).orElse(null);
        String routeKey = matched == null ? "$default" : matched.route().routeKey();
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("version", "2.0");
        event.put("routeKey", routeKey);
        event.put("rawPath", rawPath);
        event.put("rawQueryString", rawQuery == null ? "" : rawQuery);
        Map<String, String> lower = new LinkedHashMap<>();
        headers.forEach((k, v) -> lower.put(k.toLowerCase(java.util.Locale.ROOT), v));
        lower.putIfAbsent("host", "abc123.execute-api.eu-west-2.amazonaws.com");
        event.put("headers", lower);
        if (rawQuery != null && !rawQuery.isEmpty()) {
            Map<String, String> query = new LinkedHashMap<>();
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                String name = java.net.URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                query.merge(name, value, (a, b) -> a + "," + b);
            }
            event.put("queryStringParameters", query);
        }
        if (matched != null && !matched.pathParameters().isEmpty()) {
            event.put("pathParameters", matched.pathParameters());
        }
        Map<String, Object> http = new LinkedHashMap<>();
        http.put("method", method);
        http.put("path", rawPath);
        http.put("protocol", "HTTP/1.1");
        http.put("sourceIp", "203.0.113.10");
        http.put("userAgent", "dealer-kpi-tests");
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("accountId", "123456789012");
        context.put("apiId", "abc123");
        if (caller.claims() != null) {
            context.put("authorizer", Map.of("jwt", Map.of("claims", caller.claims(), "scopes", java.util.List.of())));
        }
        context.put("domainName", "abc123.execute-api.eu-west-2.amazonaws.com");
        context.put("domainPrefix", "abc123");
        context.put("http", http);
        context.put("requestId", "req-" + System.nanoTime());
        context.put("routeKey", routeKey);
        context.put("stage", "$default");
        context.put("time", "28/Nov/2026:10:00:00 +0000");
        context.put("timeEpoch", 1795860000000L);
        event.put("requestContext", context);
        if (body != null) {
            event.put("body", body);
        }
        event.put("isBase64Encoded", base64);
        return Json.write(event);
    }
}
