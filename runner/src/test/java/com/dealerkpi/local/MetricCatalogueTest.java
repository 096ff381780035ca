package com.dealerkpi.local;

import com.dealerkpi.json.Json;
import com.dealerkpi.telemetry.Metric;
import com.dealerkpi.telemetry.Telemetry;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The metric catalogue and template.yaml name the same metrics: every metric of our namespace that an alarm, a log
 * metric filter or the operations dashboard reads is one the catalogue has (a renamed metric would leave an alarm
 * watching nothing, silently), and every metric in the catalogue is read by one of them (none goes unwatched).
 */
class MetricCatalogueTest {

    @Test
    void theTemplateReadsExactlyTheCataloguedMetrics() throws IOException {
        Set<String> read = new TreeSet<>();
        collect(SamTemplate.tree(Path.of("template.yaml")), read);
        Set<String> catalogue = Arrays.stream(Metric.values()).map(Metric::metricName)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(catalogue, read);
    }

    /** Metric names of our namespace anywhere in the tree: alarms and metric filters, and the dashboard's body. */
    private static void collect(Object node, Set<String> names) {
        if (node instanceof Map<?, ?> map) {
            Object namespace = map.containsKey("Namespace") ? map.get("Namespace") : map.get("MetricNamespace");
            if (Telemetry.NAMESPACE.equals(namespace) && map.get("MetricName") instanceof String name) {
                names.add(name);
            }
            if (map.get("DashboardBody") instanceof Map<?, ?> body && body.get("!Sub") instanceof String json) {
                dashboardMetrics(json, names);
            }
            map.values().forEach(value -> collect(value, names));
        } else if (node instanceof List<?> list) {
            list.forEach(value -> collect(value, names));
        }
    }

    /** CloudWatch dashboard rows: [namespace, metric, dimension...]; "." repeats the row above's value. */
    private static void dashboardMetrics(String json, Set<String> names) {
        for (Object widget : (List<?>) Json.readObject(json).get("widgets")) {
            Map<?, ?> properties = (Map<?, ?>) ((Map<?, ?>) widget).get("properties");
            String namespace = null;
            String metric = null;
            for (Object row : (List<?>) properties.get("metrics")) {
                List<?> cells = (List<?>) row;
                namespace = ".".equals(cells.get(0)) ? namespace : (String) cells.get(0);
                metric = cells.size() > 1 && !".".equals(cells.get(1)) ? (String) cells.get(1) : metric;
                if (Telemetry.NAMESPACE.equals(namespace)) {
                    names.add(metric);
                }
            }
        }
    }
}
