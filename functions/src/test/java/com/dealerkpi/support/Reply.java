package com.dealerkpi.support;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.dealerkpi.json.Json;

import java.util.List;
import java.util.Map;

/** A handler's answer, with helpers to read its JSON body. */
public record Reply(int status, Map<String, String> headers, String body) {

    static Reply of(APIGatewayV2HTTPResponse response) {
        return new Reply(response.getStatusCode(), response.getHeaders() == null ? Map.of() : response.getHeaders(),
                response.getBody());
    }

    public Map<String, Object> json() {
        return Json.readObject(body);
    }

    public String contentType() {
        return headers.getOrDefault("Content-Type", "");
    }

    public boolean isProblem() {
        return contentType().startsWith("application/problem+json");
    }

    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> list(String field) {
        return (List<Map<String, Object>>) json().get(field);
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> map(String field) {
        return (Map<String, Object>) json().get(field);
    }

    @Override
    public String toString() {
        return status + " " + body;
    }
}
