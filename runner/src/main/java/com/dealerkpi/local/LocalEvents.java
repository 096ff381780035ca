package com.dealerkpi.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.dealerkpi.api.http.HttpApiEvents;
import com.dealerkpi.api.http.Route;
import com.dealerkpi.json.Json;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Builds the event API Gateway (HTTP API, payload format 2.0) sends a function for an HTTP request:
 * route key, raw and decoded path and query, lower-cased headers with repeats joined by commas,
 * cookies split out, the body (base64 unless it is text), and the JWT authorizer's claims.
 */
public final class LocalEvents {
    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH);

    private LocalEvents() {
    }

    /** One HTTP request as the runner received it. */
    record HttpRequest(String method, String rawPath, String rawQuery, Map<String, List<String>> headers,
                       byte[] body, String sourceIp, String host) {
    }

    /** The event's JSON, as API Gateway sends it to a function. */
    static String json(HttpRequest http, String routeKey, Map<String, String> pathParameters, Map<String, String> claims) {
        Map<String, String> headers = new LinkedHashMap<>();
        List<String> cookies = new ArrayList<>();
        http.headers().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.equals("cookie")) {
                for (String value : values) {
                    for (String cookie : value.split(";")) {
                        if (!cookie.isBlank()) {
                            cookies.add(cookie.trim());
                        }
                    }
                }
            } else {
                headers.merge(lower, String.join(",", values), (a, b) -> a + "," + b);
            }
        });
        String contentType = headers.getOrDefault("content-type", "");
        boolean text = isText(contentType);
        String body = http.body().length == 0 ? null
                : text ? new String(http.body(), StandardCharsets.UTF_8)
                : java.util.Base64.getEncoder().encodeToString(http.body());
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        String requestId = UUID.randomUUID().toString();

        Map<String, Object> httpContext = new LinkedHashMap<>();
        httpContext.put("method", http.method());
        httpContext.put("path", http.rawPath());
        httpContext.put("protocol", "HTTP/1.1");
        httpContext.put("sourceIp", http.sourceIp());
        httpContext.put("userAgent", headers.getOrDefault("user-agent", ""));
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("routeKey", routeKey);
        context.put("accountId", "000000000000");
        context.put("apiId", "local");
        context.put("domainName", http.host());
        context.put("domainPrefix", http.host().split("[.:]")[0]);
        context.put("stage", "$default");
        context.put("requestId", requestId);
        context.put("time", REQUEST_TIME.format(now));
        context.put("timeEpoch", now.toInstant().toEpochMilli());
        context.put("http", httpContext);
        if (claims != null) {
            context.put("authorizer", Map.of("jwt", Map.of("claims", claims)));
        }
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("version", "2.0");
        event.put("routeKey", routeKey);
        event.put("rawPath", http.rawPath());
        event.put("rawQueryString", http.rawQuery() == null ? "" : http.rawQuery());
        if (!cookies.isEmpty()) {
            event.put("cookies", cookies);
        }
        event.put("headers", headers);
        putIfPresent(event, "queryStringParameters", query(http.rawQuery()));
        putIfPresent(event, "pathParameters", pathParameters.isEmpty() ? null : pathParameters);
        event.put("requestContext", context);
        putIfPresent(event, "body", body);
        event.put("isBase64Encoded", body != null && !text);
        return Json.write(event);
    }

    private static void putIfPresent(Map<String, Object> event, String field, Object value) {
        if (value != null) {
            event.put(field, value);
        }
    }

    /**
     * The event for a request to one of this API's routes, as if sent to the runner (benchmarks, the cold-start
     * probe): route key and path parameters from the route table.
     */
    public static APIGatewayV2HTTPEvent request(String method, String rawPath, String rawQuery, Map<String, String> headers,
                                                String body, Map<String, String> claims) {
        Route.Matched route = Route.find(method, rawPath)
                .orElseThrow(() -> new IllegalArgumentException("no route for " + method + " " + rawPath));
        Map<String, List<String>> listed = new LinkedHashMap<>();
        headers.forEach((name, value) -> listed.put(name, List.of(value)));
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        return HttpApiEvents.read(json(new HttpRequest(method, rawPath, rawQuery, listed, bytes, "127.0.0.1", "127.0.0.1"),
                route.route().routeKey(), route.pathParameters(), claims).getBytes(StandardCharsets.UTF_8));
    }

    /** API Gateway decodes query parameters and joins repeated ones with commas; null when there are none. */
    static Map<String, String> query(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return null;
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            params.merge(name, value, (a, b) -> a + "," + b);
        }
        return params.isEmpty() ? null : params;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }

    private static boolean isText(String contentType) {
        String type = contentType.toLowerCase(Locale.ROOT);
        return type.isEmpty() || type.startsWith("text/") || type.contains("json") || type.contains("xml")
                || type.contains("x-www-form-urlencoded") || type.contains("javascript");
    }
}
