package com.dealerkpi.support;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.dealerkpi.api.Route;
import com.dealerkpi.app.Stores;
import com.dealerkpi.lambda.AdminFunction;
import com.dealerkpi.lambda.Config;
import com.dealerkpi.lambda.ReportFunction;
import com.dealerkpi.lambda.StatusFunction;
import com.dealerkpi.lambda.Wiring;

import java.time.Clock;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The three functions (the classes template.yaml names) wired to a fresh store of the current
 * {@link TestBackend}, driven with API Gateway event JSON.
 */
public final class TestApi {
    private final TestBackend backend;
    private final Stores stores;
    private final Map<Route.Function, RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>> handlers =
            new EnumMap<>(Route.Function.class);

    public TestApi(TestBackend backend, Stores stores, Clock clock) {
        this.backend = backend;
        this.stores = stores;
        Wiring wiring = Wiring.local(Config.from(Map.of()), stores, clock);
        handlers.put(Route.Function.STATUS, new StatusFunction(wiring));
        handlers.put(Route.Function.REPORT, new ReportFunction(wiring));
        handlers.put(Route.Function.ADMIN, new AdminFunction(wiring));
    }

    /** A fresh store on the current backend, the real clock. */
    public static TestApi fresh() {
        return fresh(Clock.systemUTC());
    }

    public static TestApi fresh(Clock clock) {
        TestBackend backend = TestBackend.current();
        return new TestApi(backend, backend.fresh(clock), clock);
    }

    public TestBackend backend() {
        return backend;
    }

    public Stores stores() {
        return stores;
    }

    public Object snapshot() {
        return backend.snapshot(stores);
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

    public Reply putJson(Caller caller, String path, String body) {
        return send(caller, "PUT", path, null, Map.of("content-type", "application/json"), body, false);
    }

    /** Sends any request; the route's function handles it (unknown routes go to the report function, as a 404). */
    public Reply send(Caller caller, String method, String rawPath, String rawQuery, Map<String, String> headers,
                      String body, boolean base64) {
        APIGatewayV2HTTPEvent event = TestEvents.parse(TestEvents.json(method, rawPath, rawQuery, headers, body, base64, caller));
        Route.Function function = Route.byRouteKey(event.getRouteKey()).map(Route::function).orElse(Route.Function.REPORT);
        return Reply.of(handlers.get(function).handleRequest(event, null));
    }

    /** Runs a function on an event JSON as given (for the event files and odd shapes). */
    public Reply invoke(Route.Function function, String eventJson) {
        return Reply.of(handlers.get(function).handleRequest(TestEvents.parse(eventJson), null));
    }
}
