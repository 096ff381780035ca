package com.dealerkpi.support;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.dealerkpi.api.AdminHandler;
import com.dealerkpi.api.Composition;
import com.dealerkpi.api.Config;
import com.dealerkpi.api.ReportHandler;
import com.dealerkpi.api.Route;
import com.dealerkpi.api.StatusHandler;

import java.time.Clock;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The three functions wired to a fresh table on the test backend, driven with API Gateway event JSON.
 */
public final class TestApi {
    private final DynamoDbClient db;
    private final String table;
    private final Map<Route.Function, RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>> handlers =
            new EnumMap<>(Route.Function.class);

    public TestApi(DynamoDbClient db, String table, Clock clock) {
        this.db = db;
        this.table = table;
        Composition composition = new Composition(Config.from(Map.of(Config.TABLE_NAME, table)), db, clock);
        handlers.put(Route.Function.STATUS, new StatusHandler(composition));
        handlers.put(Route.Function.REPORT, new ReportHandler(composition));
        handlers.put(Route.Function.ADMIN, new AdminHandler(composition));
    }

    /** A fresh table on the configured backend, the real clock. */
    public static TestApi fresh() {
        return fresh(Clock.systemUTC());
    }

    public static TestApi fresh(Clock clock) {
        DynamoDbClient db = Backend.get().client();
        return new TestApi(db, Backend.get().freshTable(db), clock);
    }

    public DynamoDbClient db() {
        return db;
    }

    public String table() {
        return table;
    }

    public Set<Map<String, AttributeValue>> snapshot() {
        return TableSnapshot.of(db, table);
    }

    public Reply get(Caller caller, String path) {
        int q = path.indexOf('?');
        return send(caller, "GET", q < 0 ? path : path.substring(0, q), q < 0 ? null : path.substring(q + 1),
                Map.of(), null, false);
    }

    public Reply postJson(Caller caller, String path, String body) {
        return postJson(caller, path, body, null);
    }

    public Reply postJson(Caller caller, String path, String body, String idempotencyKey) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", "application/json");
        if (idempotencyKey != null) {
            headers.put("idempotency-key", idempotencyKey);
        }
        return send(caller, "POST", path, null, headers, body, false);
    }

    /** Sends any request; the route's function handles it (unknown routes go to the report function, as a 404). */
    public Reply send(Caller caller, String method, String rawPath, String rawQuery, Map<String, String> headers,
                      String body, boolean base64) {
        APIGatewayV2HTTPEvent event = TestEvents.parse(TestEvents.json(method, rawPath, rawQuery, headers, body, base64, caller));
        Route.Function function = Route.byRouteKey(event.getRouteKey()).map(Route::function).orElse(Route.Function.REPORT);
        return Reply.of(handlers.get(function).handleRequest(event, null));
    }

    /** Runs a handler on an event JSON as given (for the event files and odd shapes). */
    public Reply invoke(Route.Function function, String eventJson) {
        return Reply.of(handlers.get(function).handleRequest(TestEvents.parse(eventJson), null));
    }
}
