package com.dealerkpi.api;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every route of the contract: method, path template, the function that serves it and who may call it.
 * The handlers dispatch on it, the local runner and template.yaml must agree with it (a test checks).
 */
public enum Route {
    POST_STATUS("POST", "/dealerships/{dealershipId}/agreements/{agreementId}/status", Function.STATUS, Access.DEALERSHIP),
    GET_AGREEMENT("GET", "/dealerships/{dealershipId}/agreements/{agreementId}", Function.REPORT, Access.DEALERSHIP);

    /** The Lambda functions, by their logical id in template.yaml. */
    public enum Function {
        STATUS("StatusFunction"), REPORT("ReportFunction"), ADMIN("AdminFunction");

        private final String logicalId;

        Function(String logicalId) {
            this.logicalId = logicalId;
        }

        public String logicalId() {
            return logicalId;
        }
    }

    /** Who may call a route. */
    public enum Access {
        /** The dealership named by the path's {dealershipId}, or national management. */
        DEALERSHIP,
        /** National management only. */
        NATIONAL
    }

    private final String method;
    private final String path;
    private final Function function;
    private final Access access;
    private final String[] segments;

    Route(String method, String path, Function function, Access access) {
        this.method = method;
        this.path = path;
        this.function = function;
        this.access = access;
        this.segments = path.substring(1).split("/");
    }

    public String method() {
        return method;
    }

    public String path() {
        return path;
    }

    /** As API Gateway names it in {@code routeKey}. */
    public String routeKey() {
        return method + " " + path;
    }

    public Function function() {
        return function;
    }

    public Access access() {
        return access;
    }

    public static Optional<Route> byRouteKey(String routeKey) {
        return Arrays.stream(values()).filter(r -> r.routeKey().equals(routeKey)).findFirst();
    }

    public static List<Route> of(Function function) {
        return Arrays.stream(values()).filter(r -> r.function == function).toList();
    }

    /**
     * Matches a raw (still percent-encoded) path; returns the decoded path parameters, or empty if the
     * path is not this route's. A literal segment always wins over a parameter (as in API Gateway).
     */
    public Optional<Map<String, String>> match(String method, String rawPath) {
        if (!this.method.equals(method)) {
            return Optional.empty();
        }
        String trimmed = rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
        String[] parts = trimmed.split("/", -1);
        if (parts.length != segments.length) {
            return Optional.empty();
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < parts.length; i++) {
            String segment = segments[i];
            if (segment.startsWith("{")) {
                if (parts[i].isEmpty()) {
                    return Optional.empty();
                }
                params.put(segment.substring(1, segment.length() - 1), PathCodec.decode(parts[i]));
            } else if (!segment.equals(parts[i])) {
                return Optional.empty();
            }
        }
        return Optional.of(params);
    }

    /** The route a request is for: the most literal match, as API Gateway picks it. */
    public static Optional<Matched> find(String method, String rawPath) {
        Matched best = null;
        for (Route route : values()) {
            Optional<Map<String, String>> params = route.match(method, rawPath);
            if (params.isPresent() && (best == null || params.get().size() < best.pathParameters().size())) {
                best = new Matched(route, params.get());
            }
        }
        return Optional.ofNullable(best);
    }

    /** A route and the path parameters a request gave it. */
    public record Matched(Route route, Map<String, String> pathParameters) {
    }
}
