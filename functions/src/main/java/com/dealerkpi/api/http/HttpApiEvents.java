package com.dealerkpi.api.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.dealerkpi.domain.InvalidInputException;
import com.dealerkpi.json.Json;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * API Gateway HTTP API (payload format 2.0) events and answers to and from their JSON, for the fields this API
 * reads and writes. The functions take their event as a stream and map it here, with the JSON mapper that primes
 * with everything else, instead of leaving it to the runtime's reflective serializer (a large first-request cost,
 * and one that priming could not reach).
 */
public final class HttpApiEvents {
    private HttpApiEvents() {
    }

    /** The event; anything that is not a JSON object is not an HTTP API event (a function error, not an answer). */
    public static APIGatewayV2HTTPEvent read(byte[] json) {
        Map<String, Object> event;
        try {
            event = Json.readObject(new String(json, StandardCharsets.UTF_8));
        } catch (InvalidInputException e) {
            throw new IllegalArgumentException("not an API Gateway HTTP API event: " + e.getMessage(), e);
        }
        Map<String, Object> context = object(event, "requestContext");
        return APIGatewayV2HTTPEvent.builder()
                .withVersion(text(event, "version"))
                .withRouteKey(text(event, "routeKey"))
                .withRawPath(text(event, "rawPath"))
                .withRawQueryString(text(event, "rawQueryString"))
                .withCookies(texts(event, "cookies"))
                .withHeaders(textMap(event, "headers"))
                .withQueryStringParameters(textMap(event, "queryStringParameters"))
                .withPathParameters(textMap(event, "pathParameters"))
                .withStageVariables(textMap(event, "stageVariables"))
                .withBody(text(event, "body"))
                .withIsBase64Encoded(Boolean.TRUE.equals(event.get("isBase64Encoded")))
                .withRequestContext(context == null ? null : requestContext(context))
                .build();
    }

    private static APIGatewayV2HTTPEvent.RequestContext requestContext(Map<String, Object> context) {
        Map<String, Object> http = object(context, "http");
        Map<String, Object> authorizer = object(context, "authorizer");
        Map<String, Object> jwt = authorizer == null ? null : object(authorizer, "jwt");
        return APIGatewayV2HTTPEvent.RequestContext.builder()
                .withRouteKey(text(context, "routeKey"))
                .withAccountId(text(context, "accountId"))
                .withApiId(text(context, "apiId"))
                .withStage(text(context, "stage"))
                .withTime(text(context, "time"))
                .withTimeEpoch(context.get("timeEpoch") instanceof Number epoch ? epoch.longValue() : 0)
                .withRequestId(text(context, "requestId"))
                .withDomainName(text(context, "domainName"))
                .withDomainPrefix(text(context, "domainPrefix"))
                .withHttp(http == null ? null : APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                        .withMethod(text(http, "method"))
                        .withPath(text(http, "path"))
                        .withProtocol(text(http, "protocol"))
                        .withSourceIp(text(http, "sourceIp"))
                        .withUserAgent(text(http, "userAgent"))
                        .build())
                .withAuthorizer(authorizer == null ? null : APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                        .withJwt(jwt == null ? null : APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder()
                                .withClaims(textMap(jwt, "claims"))
                                .withScopes(texts(jwt, "scopes"))
                                .build())
                        .build())
                .build();
    }

    /** The answer as API Gateway reads it. */
    public static byte[] write(APIGatewayV2HTTPResponse response) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("statusCode", response.getStatusCode());
        json.put("headers", response.getHeaders());
        json.put("body", response.getBody());
        json.put("isBase64Encoded", response.getIsBase64Encoded());
        return Json.write(json).getBytes(StandardCharsets.UTF_8);
    }

    private static String text(Map<String, Object> object, String field) {
        Object value = object.get(field);
        return value == null ? null : scalar(value);
    }

    private static List<String> texts(Map<String, Object> object, String field) {
        return object.get(field) instanceof List<?> list ? list.stream().map(HttpApiEvents::scalar).toList() : null;
    }

    /**
     * A map of strings (headers, parameters, claims). A claim API Gateway did not flatten (an array or object in a
     * hand-made event) keeps its JSON text rather than failing the request.
     */
    private static Map<String, String> textMap(Map<String, Object> object, String field) {
        if (!(object.get(field) instanceof Map<?, ?> map)) {
            return null;
        }
        Map<String, String> texts = new LinkedHashMap<>();
        map.forEach((name, value) -> texts.put(String.valueOf(name), value == null ? null : scalar(value)));
        return texts;
    }

    private static String scalar(Object value) {
        return value instanceof String text ? text : value instanceof Map<?, ?> || value instanceof List<?>
                ? Json.write(value) : String.valueOf(value);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Map<String, Object> parent, String field) {
        return parent.get(field) instanceof Map<?, ?> map ? (Map<String, Object>) map : null;
    }
}
