package com.dealerkpi.api.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.dealerkpi.app.common.StoreUnavailableException;
import com.dealerkpi.app.report.RollUpTimeoutException;
import com.dealerkpi.domain.access.Caller;
import com.dealerkpi.telemetry.Dimension;
import com.dealerkpi.telemetry.Metric;
import com.dealerkpi.telemetry.RequestMetrics;
import com.dealerkpi.telemetry.Telemetry;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * What every function does around its endpoints, in one order: find the route (404), establish the
 * caller from the claims (401), check the route's access rule (403), run the endpoint, map any failure
 * to problem+json, compress the answer for a caller that accepts it ({@link Compression}), and leave one access line
 * and the request's metrics ({@link Telemetry}).
 */
public abstract class FunctionHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    /** One route's work: request in, answer out. */
    @FunctionalInterface
    public interface Endpoint {
        APIGatewayV2HTTPResponse handle(ApiRequest request);
    }

    private final Identity identity;
    private final Caller.GroupOf groups;
    private final Telemetry telemetry;
    private final Map<Route, Endpoint> endpoints = new EnumMap<>(Route.class);

    /** @param groups which group a dealership is in now: what a group's managers may see is decided by it */
    protected FunctionHandler(Identity identity, Caller.GroupOf groups, Telemetry telemetry) {
        this.identity = identity;
        this.groups = groups;
        this.telemetry = telemetry;
    }

    public Telemetry telemetry() {
        return telemetry;
    }

    protected final void on(Route route, Endpoint endpoint) {
        endpoints.put(route, endpoint);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        Telemetry.Request record = telemetry.start(requestId(event, context), context == null ? null : context.getAwsRequestId(),
                context == null ? null : context.getXrayTraceId());
        record.put("route", event == null ? null : event.getRouteKey());
        APIGatewayV2HTTPResponse response;
        try {
            response = dispatch(event, record);
        } catch (RuntimeException failure) {
            // an Error (out of memory, a broken class) is left to Lambda: the sandbox may be unusable, so it must
            // fail the invocation and be replaced, not answer from a possibly broken state
            response = Problems.toResponse(failure);
            if (response.getStatusCode() >= 500) {
                record.failed(failure);
            }
            if (failure instanceof StoreUnavailableException) {
                record.count(Metric.STORE_UNAVAILABLE);
            } else if (failure instanceof RollUpTimeoutException) {
                record.count(Metric.ROLL_UP_TIMEOUTS);
            }
        }
        response = Compression.negotiate(event, response);
        int status = response.getStatusCode();
        if (status >= 400 && status < 500) {
            record.count(Metric.REJECTED);
            record.dimension(Dimension.REASON, Problems.reason(status));
        }
        record.finish(status);
        return response;
    }

    private APIGatewayV2HTTPResponse dispatch(APIGatewayV2HTTPEvent event, Telemetry.Request log) {
        if (event == null) {
            throw ApiException.notFound("No such route.");
        }
        Route.Matched matched = resolve(event)
                .filter(m -> endpoints.containsKey(m.route()))
                .orElseThrow(() -> ApiException.notFound("No such route: " + describe(event)));
        log.route(matched.route().routeKey());
        describe(matched.route(), log);
        Caller caller = identity.of(event);
        log.put("caller", caller.kind().wire());
        log.put("dealershipId", matched.pathParameters().get("dealershipId"));
        matched.route().authorize(caller, matched.pathParameters(), groups);
        return endpoints.get(matched.route()).handle(new ApiRequest(event, matched.route(), matched.pathParameters(), caller, log));
    }

    /** Lets a function name what its route does in its metrics (a report's kind). */
    protected void describe(Route route, RequestMetrics record) {
        // most routes need no more than the function and the outcome
    }

    /** The route from API Gateway's routeKey and path parameters; from the raw path if those are missing. */
    private static Optional<Route.Matched> resolve(APIGatewayV2HTTPEvent event) {
        Optional<Route> byKey = Route.byRouteKey(event.getRouteKey());
        if (byKey.isPresent() && event.getPathParameters() != null) {
            return Optional.of(new Route.Matched(byKey.get(), event.getPathParameters()));
        }
        var http = event.getRequestContext() == null ? null : event.getRequestContext().getHttp();
        String method = http != null ? http.getMethod() : null;
        String path = event.getRawPath() != null ? event.getRawPath() : http != null ? http.getPath() : null;
        if (method == null || path == null) {
            return Optional.empty();
        }
        return Route.find(method, path);
    }

    private static String describe(APIGatewayV2HTTPEvent event) {
        String key = event.getRouteKey();
        String shown = key != null && !key.isBlank() ? key : String.valueOf(event.getRawPath());
        return shown.length() > 200 ? shown.substring(0, 200) + "..." : shown;
    }

    private static String requestId(APIGatewayV2HTTPEvent event, Context context) {
        if (event != null && event.getRequestContext() != null && event.getRequestContext().getRequestId() != null) {
            return event.getRequestContext().getRequestId();
        }
        return context == null ? null : context.getAwsRequestId();
    }
}
