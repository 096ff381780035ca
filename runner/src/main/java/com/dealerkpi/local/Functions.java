package com.dealerkpi.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.dealerkpi.json.Json;
import com.dealerkpi.lambda.Wiring;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The functions as the runner calls them: the class the template names, built on the runner's wiring through the
 * constructor every function has for that ({@code Function(Wiring)}), invoked as Lambda invokes it (event JSON in,
 * answer JSON out).
 */
final class Functions {
    private Functions() {
    }

    static RequestStreamHandler handler(String className, Wiring wiring) {
        try {
            return (RequestStreamHandler) Class.forName(className).getConstructor(Wiring.class).newInstance(wiring);
        } catch (ClassNotFoundException | NoSuchMethodException | InstantiationException | IllegalAccessException e) {
            throw new IllegalArgumentException("template.yaml names handler " + className + ", which this jar cannot build", e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("handler " + className + " failed to start", e.getCause());
        }
    }

    /** One invocation: the answer's JSON. */
    static String invoke(RequestStreamHandler handler, String eventJson, Context context) throws IOException {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(eventJson.getBytes(StandardCharsets.UTF_8)), answer, context);
        return answer.toString(StandardCharsets.UTF_8);
    }

    /** An answer's JSON as API Gateway reads it. */
    @SuppressWarnings("unchecked")
    static APIGatewayV2HTTPResponse response(String json) {
        Map<String, Object> answer = Json.readObject(json);
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(((Number) answer.get("statusCode")).intValue())
                .withHeaders((Map<String, String>) answer.get("headers"))
                .withCookies((List<String>) answer.get("cookies"))
                .withBody((String) answer.get("body"))
                .withIsBase64Encoded(Boolean.TRUE.equals(answer.get("isBase64Encoded")))
                .build();
    }
}
