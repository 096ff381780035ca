package com.dealerkpi.lambda.priming;

import com.dealerkpi.json.Json;
import com.dealerkpi.lambda.Config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Priming reads its events the way the function will read API Gateway's, so each has every field the events in
 * {@code events/} have (here, beside them: the functions module builds alone under sam build).
 */
class PrimingEventsTest {
    private static final Set<String> REQUEST_SPECIFIC = Set.of("queryStringParameters", "pathParameters");

    private final PrimingRequests requests = new PrimingRequests(Config.from(Map.of()).claimNames());

    @Test
    void eachEventHasEveryFieldOfApiGatewaysEvents() throws IOException {
        Set<String> real = fieldPaths("", Json.readObject(Files.readString(Path.of("events", "kpi-ytd.json"))));
        // present only on routes with parameters, like the body on requests with one
        real.removeAll(REQUEST_SPECIFIC);
        List<String> all = new ArrayList<>(requests.status());
        all.addAll(requests.reports());
        all.addAll(requests.settings());
        for (String event : all) {
            Set<String> missing = new TreeSet<>(real);
            missing.removeAll(fieldPaths("", Json.readObject(event)));
            assertEquals(Set.of(), missing, event);
        }
    }

    /** The paths of an event's fields, leaving out what names the request rather than shapes it. */
    private static Set<String> fieldPaths(String prefix, Map<String, Object> object) {
        Set<String> paths = new TreeSet<>();
        object.forEach((name, value) -> {
            String path = prefix + name;
            paths.add(path);
            if (value instanceof Map<?, ?> nested && !REQUEST_SPECIFIC.contains(path)
                    && !path.equals("requestContext.authorizer.jwt.claims")) {
                @SuppressWarnings("unchecked")
                Map<String, Object> fields = (Map<String, Object>) nested;
                paths.addAll(fieldPaths(path + ".", fields));
            }
        });
        return paths;
    }
}
