package com.dealerkpi.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.dealerkpi.json.Json;
import com.dealerkpi.lambda.Wiring;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Runs one template function on one event JSON, as {@code sam local invoke} does. */
public final class Invoker {
    private Invoker() {
    }

    public static APIGatewayV2HTTPResponse invoke(SamTemplate.FunctionSpec function, String eventJson, Wiring wiring)
            throws IOException {
        return Functions.response(answer(function, eventJson, wiring));
    }

    /** The function's answer as it wrote it. */
    private static String answer(SamTemplate.FunctionSpec function, String eventJson, Wiring wiring) throws IOException {
        return Functions.invoke(Functions.handler(function.handlerClass(), wiring), eventJson,
                new LocalContext(UUID.randomUUID().toString(), function.logicalId(), 30));
    }

    /**
     * {@code invoke <FunctionLogicalId> <event.json>}: runs the function on the event and prints its answer's JSON;
     * the function's logs go to stderr, like sam local invoke's. 0 when the function answered (whatever its status).
     */
    public static int run(Options options) throws IOException {
        if (options.positional().size() != 2) {
            throw new IllegalArgumentException("invoke needs <FunctionLogicalId> <event.json>");
        }
        SamTemplate template = SamTemplate.load(options);
        String functionId = options.positional().get(0);
        SamTemplate.FunctionSpec function = template.function(functionId).orElseThrow(() -> new IllegalArgumentException(
                "template.yaml has no function " + functionId + "; it has " + template.functions().keySet()));
        String eventJson = Files.readString(Path.of(options.positional().get(1)));
        PrintStream stdout = System.out;
        System.setOut(System.err);
        try (LocalStore store = LocalStore.open(options, function.environment())) {
            String answer = answer(function, eventJson, store.wiring());
            // an HTTP API answer as API Gateway reads it; another function's (the aggregates' tasks) as it is
            stdout.println(Json.readObject(answer).containsKey("statusCode") ? print(Functions.response(answer)) : answer);
        } finally {
            System.setOut(stdout);
        }
        return 0;
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
