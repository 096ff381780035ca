package com.dealerkpi.support;

import com.dealerkpi.api.http.Route;
import com.dealerkpi.app.Stores;
import com.dealerkpi.app.counts.Sweep;
import com.dealerkpi.app.counts.Verification;
import com.dealerkpi.lambda.AdminFunction;
import com.dealerkpi.lambda.Config;
import com.dealerkpi.lambda.EntryPoint;
import com.dealerkpi.lambda.ReportFunction;
import com.dealerkpi.lambda.StatusFunction;
import com.dealerkpi.lambda.Wiring;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The three functions (the classes template.yaml names) wired to a fresh store of the current
 * {@link TestBackend}, driven as Lambda drives them: API Gateway event JSON in, answer JSON out (read back with
 * the Lambda runtime's own serializer).
 */
public final class TestApi {
    private final TestBackend backend;
    private final Stores stores;
    private final Wiring wiring;
    private final Map<Route.Function, EntryPoint> handlers = new EnumMap<>(Route.Function.class);

    public TestApi(TestBackend backend, Stores stores, Clock clock) {
        this(backend, stores, clock, Wiring.Reuse.NONE);
    }

    /** Reusing what the functions read as {@code reuse} says (as deployed, for one). */
    public TestApi(TestBackend backend, Stores stores, Clock clock, Wiring.Reuse reuse) {
        this.backend = backend;
        this.stores = stores;
        this.wiring = Wiring.local(Config.from(Map.of()), stores, clock, reuse);
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

    /** One sweep that takes over everything at once (nothing else is in flight in a test that calls it). */
    public Sweep.Result sweep() {
        return sweep(Sweep.Grace.NONE);
    }

    public Sweep.Result sweep(Sweep.Grace grace) {
        return wiring.sweep().run(grace);
    }

    /** A sweep that starts a build's batches for {@code buildFor} only (at least one), as a scheduled one. */
    public Sweep.Result sweep(Sweep.Grace grace, java.time.Duration buildFor) {
        return wiring.sweep().run(grace, buildFor);
    }

    /** Starts a new generation of a dealership's aggregates, as a repair does. */
    public boolean rebuild(String dealershipId) {
        return wiring.aggregates().rebuild(dealershipId);
    }

    /** Recounts every dealership's aggregates from its milestones, repairing nothing. */
    public Verification.Report verifyAggregates() {
        return wiring.verification().run(false, java.time.Instant.MAX);
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
        String event = TestEvents.json(method, rawPath, rawQuery, headers, body, base64, caller);
        Route.Function function = Route.byRouteKey(TestEvents.parse(event).getRouteKey()).map(Route::function)
                .orElse(Route.Function.REPORT);
        return invoke(function, event);
    }

    /** Runs a function on an event JSON as given (for the event files and odd shapes). */
    public Reply invoke(Route.Function function, String eventJson) {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        try {
            handlers.get(function).handleRequest(new ByteArrayInputStream(eventJson.getBytes(StandardCharsets.UTF_8)),
                    answer, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Reply.of(TestEvents.parseResponse(answer.toString(StandardCharsets.UTF_8)));
    }
}
