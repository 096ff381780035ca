package com.dealerkpi.runtime;

import com.dealerkpi.json.Json;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a function wrote to its log (stdout and stderr, as Lambda collects them), read as the operator reads it. */
final class LogLines {
    private static final List<String> ACCESS_FIELDS = List.of("timestamp", "level", "message", "requestId", "awsRequestId",
            "traceId", "coldStart", "function", "route", "status", "latencyMs");

    private LogLines() {
    }

    static List<Map<String, Object>> json(List<String> lines) {
        List<Map<String, Object>> json = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith("{")) {
                json.add(Json.readObject(line));
            }
        }
        return json;
    }

    static List<Map<String, Object>> access(List<String> lines) {
        return json(lines).stream().filter(l -> "request".equals(l.get("message"))).toList();
    }

    static List<Map<String, Object>> metrics(List<String> lines) {
        return json(lines).stream().filter(l -> l.containsKey("_aws")).toList();
    }

    /**
     * Exactly one access line per request with every field an operator searches by, the first one a cold start,
     * never a body or a token; and per request one EMF record that CloudWatch would accept.
     */
    static void oneAccessLinePerRequestAndMetricsCloudWatchAccepts(List<String> lines, int requests, String function) {
        List<Map<String, Object>> access = access(lines);
        assertEquals(requests, access.size(), function + " access lines:\n" + String.join("\n", lines));
        for (int i = 0; i < access.size(); i++) {
            Map<String, Object> line = access.get(i);
            for (String field : ACCESS_FIELDS) {
                assertTrue(line.containsKey(field), function + " access line lacks " + field + ": " + line);
            }
            assertEquals(i == 0, line.get("coldStart"), function + " " + line);
            assertEquals(function, line.get("function"));
            assertTrue(String.valueOf(line.get("traceId")).startsWith("Root=1-"), "the X-Ray trace id: " + line);
            assertTrue(line.get("awsRequestId") != null, line.toString());
        }
        String all = String.join("\n", lines);
        assertFalse(all.contains("eyJraWQi") || all.contains("\"body\""), "no token, no body in the log");
        List<Map<String, Object>> records = metrics(lines);
        assertEquals(requests, records.size(), function + " EMF records");
        records.forEach(LogLines::validEmf);
        if (function.equals("StatusFunction")) {
            assertTrue(records.stream().anyMatch(r -> r.containsKey("StatusUpdatesRecorded") && r.containsKey("MilestonesBackfilled")),
                    "a status update counts its outcome and its milestones: " + records);
            assertTrue(records.stream().anyMatch(r -> "bad-request".equals(r.get("Reason")) && r.containsKey("Rejected")));
        }
        if (function.equals("ReportFunction")) {
            assertTrue(records.stream().anyMatch(r -> "kpi".equals(r.get("Report")) && r.containsKey("ReportLatency")));
        }
    }

    /** The Embedded Metric Format's rules: every metric and dimension named in the directive is a top-level member. */
    @SuppressWarnings("unchecked")
    static void validEmf(Map<String, Object> record) {
        Map<String, Object> aws = (Map<String, Object>) record.get("_aws");
        assertTrue(aws.get("Timestamp") instanceof Number, record.toString());
        List<Map<String, Object>> directives = (List<Map<String, Object>>) aws.get("CloudWatchMetrics");
        assertFalse(directives.isEmpty());
        for (Map<String, Object> directive : directives) {
            assertEquals("DealerKpi", directive.get("Namespace"));
            for (List<String> set : (List<List<String>>) directive.get("Dimensions")) {
                assertTrue(set.size() <= 30 && !set.isEmpty());
                set.forEach(d -> assertTrue(record.get(d) instanceof String, "dimension " + d + " of " + record));
            }
            for (Map<String, Object> metric : (List<Map<String, Object>>) directive.get("Metrics")) {
                assertTrue(record.get((String) metric.get("Name")) instanceof Number, "metric " + metric + " of " + record);
                assertTrue(List.of("Count", "Milliseconds").contains(metric.get("Unit")), metric.toString());
            }
        }
    }

    /** At WARN: no INFO line at all; the outage is one ERROR access line with the stack, and the 503 is counted. */
    static void atWarnOnlyTheOutageIsLogged(List<String> lines) {
        List<Map<String, Object>> json = json(lines);
        assertTrue(json.stream().noneMatch(l -> "INFO".equals(l.get("level"))), String.join("\n", lines));
        List<Map<String, Object>> access = access(lines);
        assertEquals(1, access.size(), "only the failed request's line: " + String.join("\n", lines));
        Map<String, Object> error = access.get(0);
        assertEquals("ERROR", error.get("level"));
        assertEquals(503, ((Number) error.get("status")).intValue());
        assertTrue(String.valueOf(error.get("stackTrace")).contains("StoreUnavailableException")
                && String.valueOf(error.get("stackTrace")).contains("\tat com.dealerkpi."), "the whole stack: " + error);
        List<Map<String, Object>> records = metrics(lines);
        assertEquals(2, records.size(), "metrics are written whatever the log level");
        assertEquals(1, ((Number) records.get(1).get("StoreUnavailable")).intValue(), records.get(1).toString());
        records.forEach(LogLines::validEmf);
    }
}
