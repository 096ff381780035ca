package com.dealerkpi.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.dealerkpi.api.Route;

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
final class LocalEvents {
    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH);

    private LocalEvents() {
    }

    /** One HTTP request as the runner received it. */
    record HttpRequest(String method, String rawPath, String rawQuery, Map<String, List<String>> headers,
                       byte[] body, String sourceIp, String host) {
    }

    static APIGatewayV2HTTPEvent build(HttpRequest http, String routeKey, Map<String, String> pathParameters,
                                       Map<String, String> claims) {
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

        var jwt = APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder()
                .withClaims(claims).withScopes(null).build();
        var authorizer = APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder().withJwt(jwt).build();
        var httpContext = APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                .withMethod(http.method())
                .withPath(http.rawPath())
                .withProtocol("HTTP/1.1")
                .withSourceIp(http.sourceIp())
                .withUserAgent(headers.getOrDefault("user-agent", ""))
                .build();
        var context = APIGatewayV2HTTPEvent.RequestContext.builder()
                .withRouteKey(routeKey)
                .withAccountId("000000000000")
                .withApiId("local")
                .withDomainName(http.host())
                .withDomainPrefix(http.host().split("[.:]")[0])
                .withStage("$default")
                .withRequestId(requestId)
                .withTime(REQUEST_TIME.format(now))
                .withTimeEpoch(now.toInstant().toEpochMilli())
                .withHttp(httpContext)
                .withAuthorizer(claims == null ? null : authorizer)
                .build();
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey(routeKey)
                .withRawPath(http.rawPath())
                .withRawQueryString(http.rawQuery() == null ? "" : http.rawQuery())
                .withCookies(cookies.isEmpty() ? null : cookies)
                .withHeaders(headers)
                .withQueryStringParameters(query(http.rawQuery()))
                .withPathParameters(pathParameters.isEmpty() ? null : pathParameters)
                .withRequestContext(context)
                .withBody(body)
                .withIsBase64Encoded(body != null && !text)
                .build();
    }

    /**
     * The event for a request to one of this API's routes, as if sent to the runner (benchmarks, the cold-start
     * probe): route key and path parameters from the route table.
     */
    static APIGatewayV2HTTPEvent request(String method, String rawPath, String rawQuery, Map<String, String> headers,
                                         String body, Map<String, String> claims) {
        Route.Matched route = Route.find(method, rawPath)
                .orElseThrow(() -> new IllegalArgumentException("no route for " + method + " " + rawPath));
        Map<String, List<String>> listed = new LinkedHashMap<>();
        headers.forEach((name, value) -> listed.put(name, List.of(value)));
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        return build(new HttpRequest(method, rawPath, rawQuery, listed, bytes, "127.0.0.1", "127.0.0.1"),
                route.route().routeKey(), route.pathParameters(), claims);
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
