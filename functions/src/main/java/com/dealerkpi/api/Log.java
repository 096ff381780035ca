package com.dealerkpi.api;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One JSON line per request: route, status, latency, dealership, caller kind, request id. Never a body,
 * a header value or a token. Failures add their class and message (logs only, never in an answer).
 */
public final class Log {
    private Log() {
    }

    public static Line start(String requestId, String route) {
        return new Line(requestId, route, System.nanoTime());
    }

    /** The log line of one request, filled in as the request goes. */
    public static final class Line {
        private final Map<String, Object> fields = new LinkedHashMap<>();
        private final long startNanos;

        Line(String requestId, String route, long startNanos) {
            this.startNanos = startNanos;
            fields.put("level", "INFO");
            fields.put("requestId", requestId);
            fields.put("route", route);
        }

        public void put(String name, Object value) {
            fields.put(name, value);
        }

        void error(Throwable failure) {
            fields.put("level", "ERROR");
            fields.put("error", failure.getClass().getName());
            fields.put("errorMessage", String.valueOf(failure.getMessage()));
            for (StackTraceElement frame : failure.getStackTrace()) {
                if (frame.getClassName().startsWith("com.dealerkpi.")) {
                    fields.put("at", frame.toString());
                    break;
                }
            }
        }

        void finish(int status) {
            fields.put("status", status);
            fields.put("latencyMs", (System.nanoTime() - startNanos) / 1_000_000.0);
            System.out.println(Json.write(fields));
        }
    }
}
