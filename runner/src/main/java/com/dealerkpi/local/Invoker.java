package com.dealerkpi.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.dealerkpi.json.Json;
import com.dealerkpi.lambda.Wiring;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Runs one template function on one event JSON, as {@code sam local invoke} does. */
public final class Invoker {
    private Invoker() {
    }

    public static APIGatewayV2HTTPResponse invoke(SamTemplate.FunctionSpec function, String eventJson, Wiring wiring)
            throws IOException {
        return Functions.response(Functions.invoke(Functions.handler(function.handlerClass(), wiring), eventJson,
                new LocalContext(UUID.randomUUID().toString(), function.logicalId(), 30)));
    }

    /** The response as {@code sam local invoke} prints it. */
    public static String print(APIGatewayV2HTTPResponse response) {
        Map<String, Object> printed = new LinkedHashMap<>();
        printed.put("statusCode", response.getStatusCode());
        printed.put("headers", response.getHeaders());
        if (response.getCookies() != null) {
            printed.put("cookies", response.getCookies());
        }
        printed.put("body", response.getBody());
        printed.put("isBase64Encoded", response.getIsBase64Encoded());
        return Json.write(printed);
    }
}
