package com.dealerkpi.api.http;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * An API Gateway route path such as {@code /dealerships/{dealershipId}/kpi}: matches raw request paths and
 * yields the percent-decoded path parameters, as API Gateway does.
 */
public final class PathTemplate {
    private final String[] segments;

    public PathTemplate(String path) {
        this.segments = path.substring(1).split("/", -1);
    }

    /** A route candidate that matched a request, with the request's decoded path parameters. */
    public record Match<T>(T route, Map<String, String> pathParameters) {
    }

    /**
     * The route API Gateway picks for a request: among the candidates of that method whose template matches, the
     * most literal one (the fewest parameters).
     */
    public static <T> Optional<Match<T>> mostLiteral(Iterable<T> candidates, Function<T, String> methodOf,
                                                     Function<T, PathTemplate> templateOf, String method, String rawPath) {
        Match<T> best = null;
        for (T candidate : candidates) {
            if (!methodOf.apply(candidate).equals(method)) {
                continue;
            }
            Optional<Map<String, String>> params = templateOf.apply(candidate).match(rawPath);
            if (params.isPresent() && (best == null || params.get().size() < best.pathParameters().size())) {
                best = new Match<>(candidate, params.get());
            }
        }
        return Optional.ofNullable(best);
    }

    /** The decoded parameters, or empty when the raw (still percent-encoded) path is not this template's. */
    public Optional<Map<String, String>> match(String rawPath) {
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
}
