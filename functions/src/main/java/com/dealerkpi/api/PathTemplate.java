package com.dealerkpi.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An API Gateway route path such as {@code /dealerships/{dealershipId}/kpi}: matches raw request paths and
 * yields the percent-decoded path parameters, as API Gateway does.
 */
public final class PathTemplate {
    private final String path;
    private final String[] segments;

    public PathTemplate(String path) {
        this.path = path;
        this.segments = path.substring(1).split("/", -1);
    }

    public String path() {
        return path;
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
