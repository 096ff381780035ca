package com.dealerkpi.api.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.dealerkpi.json.Json;

import java.util.HashMap;
import java.util.Map;

/** Builds HTTP API (payload 2.0) answers. */
public final class Responses {
    private Responses() {
    }

    public static APIGatewayV2HTTPResponse json(int status, Object body) {
        return of(status, "application/json", Json.write(body));
    }

    public static APIGatewayV2HTTPResponse of(int status, String contentType, String body) {
        Map<String, String> headers = new HashMap<>();
        headers.put("Content-Type", contentType.startsWith("text/") ? contentType + "; charset=utf-8" : contentType);
        headers.put("Cache-Control", "no-store");
        headers.put("X-Content-Type-Options", "nosniff");
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(status)
                .withHeaders(headers)
                .withBody(body)
                .withIsBase64Encoded(false)
                .build();
    }
}
