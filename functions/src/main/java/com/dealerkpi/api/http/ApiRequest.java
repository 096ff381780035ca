package com.dealerkpi.api.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.dealerkpi.domain.Ids;
import com.dealerkpi.domain.access.Caller;
import com.dealerkpi.json.Json;
import com.dealerkpi.telemetry.RequestMetrics;

import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** One HTTP request as a handler sees it: the route, its parameters, the caller and a checked body. */
public final class ApiRequest {
    /** Largest accepted body (decoded), from the contract. */
    public static final int MAX_BODY_BYTES = 16 * 1024;

    private final APIGatewayV2HTTPEvent event;
    private final Route route;
    private final Map<String, String> pathParameters;
    private final Caller caller;
    private final RequestMetrics telemetry;

    ApiRequest(APIGatewayV2HTTPEvent event, Route route, Map<String, String> pathParameters, Caller caller,
               RequestMetrics telemetry) {
        this.event = event;
        this.route = route;
        this.pathParameters = pathParameters;
        this.caller = caller;
        this.telemetry = telemetry;
    }

    /** This request's metrics (what the endpoint did: recorded, replayed, back-filled, which report). */
    public RequestMetrics telemetry() {
        return telemetry;
    }

    public Route route() {
        return route;
    }

    public Caller caller() {
        return caller;
    }

    /** A path parameter that must be an id; a malformed one is a 400 naming the parameter. */
    public String id(String name) {
        return Ids.require(name, pathParameters.get(name));
    }

    public String pathParameter(String name) {
        return pathParameters.get(name);
    }

    public Optional<String> query(String name) {
        Map<String, String> query = event.getQueryStringParameters();
        return query == null ? Optional.empty() : Optional.ofNullable(query.get(name));
    }

    /**
     * Refuses query parameters the route does not know (a typo like {@code form=csv} should not pass silently), and
     * any given twice: API Gateway joins the values with a comma ({@code range=ytd&range=all} arrives as
     * {@code "ytd,all"}), which would otherwise be refused as a value the caller never sent.
     */
    public void allowQuery(Set<String> known) {
        for (String name : queryParameters().keySet()) {
            if (!known.contains(name)) {
                throw ApiException.badRequest(name, "is not a query parameter of this route; known: "
                        + String.join(", ", known.stream().sorted().toList()));
            }
        }
        Set<String> seen = new HashSet<>();
        String raw = event.getRawQueryString();
        for (String pair : raw == null || raw.isEmpty() ? new String[0] : raw.split("&")) {
            String name = queryName(pair.split("=", 2)[0]);
            if (known.contains(name) && !seen.add(name)) {
                throw ApiException.badRequest(name, "is given more than once; give it once");
            }
        }
    }

    /** A raw query parameter's name, decoded (as it was sent when it is not valid percent-encoding). */
    private static String queryName(String raw) {
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return raw;
        }
    }

    public Map<String, String> queryParameters() {
        Map<String, String> query = event.getQueryStringParameters();
        return query == null ? Map.of() : query;
    }

    public Optional<String> header(String name) {
        return header(event, name);
    }

    /** A header of an event, its name matched case-insensitively (HTTP APIs lower-case them; callers need not). */
    public static Optional<String> header(APIGatewayV2HTTPEvent event, String name) {
        Map<String, String> headers = event.getHeaders();
        if (headers == null) {
            return Optional.empty();
        }
        for (Map.Entry<String, String> e : headers.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return Optional.ofNullable(e.getValue());
            }
        }
        return Optional.empty();
    }

    /**
     * Refuses a body on a route that takes none, rather than act as if the caller had not sent what it meant (a
     * DELETE with {@code {"effectiveFrom": …}} would otherwise delete from this month on).
     */
    public void refuseBody(String instead) {
        String raw = event.getBody();
        if (raw != null && !raw.isEmpty()) {
            throw ApiException.badRequest("body", "is not read by " + route().method() + "; " + instead);
        }
    }

    /**
     * The body as a JSON object: 413 when over 16 KiB, 415 when not declared JSON, 400 when it is not a
     * JSON object (broken, a repeated field, trailing content).
     */
    public Map<String, Object> jsonBody() {
        String raw = event.getBody();
        if (raw == null || raw.isEmpty()) {
            throw ApiException.badRequest("body", "is required: send a JSON object");
        }
        byte[] bytes;
        if (event.getIsBase64Encoded()) {
            if (raw.length() > (MAX_BODY_BYTES / 3 + 1) * 4 + 4) {
                throw tooLarge();
            }
            try {
                bytes = Base64.getDecoder().decode(raw);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("body", "is marked base64 but is not valid base64");
            }
        } else {
            bytes = raw.getBytes(StandardCharsets.UTF_8);
        }
        if (bytes.length > MAX_BODY_BYTES) {
            throw tooLarge();
        }
        requireJsonContentType();
        return Json.readObject(utf8(bytes));
    }

    private void requireJsonContentType() {
        String type = header("content-type").orElse("").toLowerCase(Locale.ROOT);
        String mediaType = type.split(";", 2)[0].trim();
        if (!mediaType.equals("application/json") && !(mediaType.startsWith("application/") && mediaType.endsWith("+json"))) {
            throw new ApiException(415, "Unsupported Media Type",
                    "Send the body as JSON with 'Content-Type: application/json'.");
        }
    }

    private static ApiException tooLarge() {
        return new ApiException(413, "Payload Too Large", "The body is larger than " + MAX_BODY_BYTES + " bytes.");
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw ApiException.badRequest("body", "is not valid UTF-8");
        }
    }
}
