package com.dealerkpi.telemetry;

import com.dealerkpi.json.Json;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * What every request leaves behind, as the serverless conventions expect: one JSON access line at the function's
 * log level (Lambda's {@code AWS_LAMBDA_LOG_LEVEL}; a line below it is never built), with the request and trace ids
 * and whether it was a cold start, and a full stack trace on a 500; and its metrics as one CloudWatch Embedded
 * Metric Format record (written whatever the log level: metrics are not logs). Never a body, a header value or a
 * token.
 */
public final class Telemetry {
    public static final String NAMESPACE = "DealerKpi";

    /** Lambda's application log levels, lowest first. */
    public enum Level {
        TRACE, DEBUG, INFO, WARN, ERROR, FATAL;

        public static Level parse(String text, Level fallback) {
            if (text == null || text.isBlank()) {
                return fallback;
            }
            try {
                return Level.valueOf(text.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException unknown) {
                return fallback;
            }
        }
    }

    private final Level threshold;
    private final String function;
    private final Consumer<String> out;
    private final Clock clock;
    private final LongSupplier storeRetries;
    private volatile boolean cold = true;

    /**
     * @param out          where lines go (Lambda's log is standard output)
     * @param storeRetries a running count of the store client's retried attempts (this request's share is the
     *                     difference; an execution environment serves one request at a time)
     */
    public Telemetry(Level threshold, String function, Consumer<String> out, Clock clock, LongSupplier storeRetries) {
        this.threshold = threshold;
        this.function = function;
        this.out = out;
        this.clock = clock;
        this.storeRetries = storeRetries;
    }

    public boolean enabled(Level level) {
        return level.compareTo(threshold) >= 0;
    }

    public Request start(String requestId, String awsRequestId, String traceId) {
        boolean coldStart = cold;
        cold = false;
        return new Request(requestId, awsRequestId, traceId, coldStart);
    }

    /** One request's line and metrics, filled in as it goes. */
    public final class Request implements RequestMetrics {
        private final Map<String, Object> fields = new LinkedHashMap<>();
        private final Map<String, Long> counts = new TreeMap<>();
        private final Map<String, String> dimensions = new TreeMap<>();
        private final long startNanos = System.nanoTime();
        private final long retriesAtStart = storeRetries.getAsLong();
        private Throwable failure;
        private Metric latencyMetric;
        private String route;

        Request(String requestId, String awsRequestId, String traceId, boolean coldStart) {
            fields.put("requestId", requestId);
            fields.put("awsRequestId", awsRequestId);
            fields.put("traceId", traceId);
            fields.put("coldStart", coldStart);
            fields.put("function", function);
            if (coldStart) {
                count(Metric.COLD_STARTS);
            }
        }

        public void put(String name, Object value) {
            fields.put(name, value);
        }

        /** The route it matched: its latency is also a metric of that route (the per-route latency alarms). */
        public void route(String routeKey) {
            route = routeKey;
            fields.put("route", routeKey);
        }

        @Override
        public void count(Metric metric) {
            counts.merge(metric.metricName(), 1L, Long::sum);
        }

        /** A count of many (recorded even when 0: an alarm on it then always has data). */
        public void count(Metric metric, long n) {
            counts.merge(metric.metricName(), n, Long::sum);
        }

        @Override
        public void dimension(Dimension dimension, String value) {
            dimensions.put(dimension.dimensionName(), value);
        }

        @Override
        public void latencyAs(Metric metric) {
            latencyMetric = metric;
        }

        public void failed(Throwable cause) {
            failure = cause;
        }

        public void finish(int status) {
            double latencyMs = (System.nanoTime() - startNanos) / 1_000_000.0;
            if (status >= 500) {
                count(Metric.SERVER_ERRORS);
            }
            long retries = storeRetries.getAsLong() - retriesAtStart;
            if (retries > 0) {
                counts.put(Metric.STORE_RETRIES.metricName(), retries);
            }
            Level level = status >= 500 ? Level.ERROR : Level.INFO;
            if (enabled(level)) {
                out.accept(Json.write(line(level, status, latencyMs)));
            }
            out.accept(Json.write(metrics(latencyMs)));
        }

        private Map<String, Object> line(Level level, int status, double latencyMs) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("timestamp", clock.instant().toString());
            line.put("level", level.name());
            line.put("message", "request");
            line.putAll(fields);
            line.put("status", status);
            line.put("latencyMs", latencyMs);
            if (failure != null) {
                line.put("errorType", failure.getClass().getName());
                line.put("errorMessage", String.valueOf(failure.getMessage()));
                StringWriter trace = new StringWriter();
                failure.printStackTrace(new PrintWriter(trace));
                line.put("stackTrace", trace.toString());
            }
            return line;
        }

        /** One EMF record: the counts under Function (and under each extra dimension), the latency under its kind. */
        private Map<String, Object> metrics(double latencyMs) {
            List<Map<String, Object>> directives = new ArrayList<>();
            List<Map<String, Object>> countMetrics = counts.keySet().stream()
                    .map(name -> metric(name, Metric.Unit.COUNT)).toList();
            String functionDimension = Dimension.FUNCTION.dimensionName();
            if (!countMetrics.isEmpty()) {
                directives.add(directive(List.of(List.of(functionDimension)), countMetrics));
                for (String dimension : dimensions.keySet()) {
                    directives.add(directive(List.of(List.of(functionDimension, dimension)), countMetrics));
                }
            }
            List<List<String>> latencyDimensions = new ArrayList<>(List.of(List.of(functionDimension)));
            dimensions.keySet().forEach(d -> latencyDimensions.add(List.of(functionDimension, d)));
            if (route != null) {
                latencyDimensions.add(List.of(functionDimension, Dimension.ROUTE.dimensionName()));
            }
            directives.add(directive(latencyDimensions, List.of(metric(Metric.LATENCY))));
            if (latencyMetric != null) {
                directives.add(directive(latencyDimensions, List.of(metric(latencyMetric))));
            }
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("_aws", Map.of("Timestamp", clock.millis(), "CloudWatchMetrics", directives));
            record.put(functionDimension, function);
            record.putAll(dimensions);
            if (route != null) {
                record.put(Dimension.ROUTE.dimensionName(), route);
            }
            record.put("requestId", fields.get("requestId"));
            counts.forEach(record::put);
            record.put(Metric.LATENCY.metricName(), latencyMs);
            if (latencyMetric != null) {
                record.put(latencyMetric.metricName(), latencyMs);
            }
            return record;
        }
    }

    private static Map<String, Object> directive(List<List<String>> dimensions, List<Map<String, Object>> metrics) {
        Map<String, Object> directive = new LinkedHashMap<>();
        directive.put("Namespace", NAMESPACE);
        directive.put("Dimensions", dimensions);
        directive.put("Metrics", metrics);
        return directive;
    }

    private static Map<String, Object> metric(Metric metric) {
        return metric(metric.metricName(), metric.unit());
    }

    private static Map<String, Object> metric(String name, Metric.Unit unit) {
        Map<String, Object> metric = new LinkedHashMap<>();
        metric.put("Name", name);
        metric.put("Unit", unit.cloudWatchName());
        return metric;
    }
}
