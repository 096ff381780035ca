package com.dealerkpi.local;

import com.dealerkpi.json.Json;
import com.dealerkpi.telemetry.Dimension;
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
 * The metric catalogue and template.yaml name the same metrics and dimensions: every metric of our namespace that an
 * alarm, a log metric filter or the operations dashboard reads, and every dimension they filter on, is one the
 * catalogue has (a renamed metric or dimension would leave an alarm watching nothing, silently), and every metric and
 * dimension in the catalogue is read by one of them (none goes unwatched).
 */
class MetricCatalogueTest {

    /** What the template reads of our namespace. */
    private final Set<String> metrics = new TreeSet<>();
    private final Set<String> dimensions = new TreeSet<>();

    @Test
    void theTemplateReadsExactlyTheCataloguedMetricsAndDimensions() throws IOException {
        collect(SamTemplate.tree(Path.of("template.yaml")));
        assertEquals(Arrays.stream(Metric.values()).map(Metric::metricName).collect(Collectors.toCollection(TreeSet::new)), metrics);
        assertEquals(Arrays.stream(Dimension.values()).map(Dimension::dimensionName).collect(Collectors.toCollection(TreeSet::new)),
                dimensions);
    }

    /** Our namespace anywhere in the tree: alarms (their metric and dimensions), metric filters, the dashboard's body. */
    private void collect(Object node) {
        if (node instanceof Map<?, ?> map) {
            Object namespace = map.containsKey("Namespace") ? map.get("Namespace") : map.get("MetricNamespace");
            if (Telemetry.NAMESPACE.equals(namespace) && map.get("MetricName") instanceof String name) {
                metrics.add(name);
                if (map.get("Dimensions") instanceof List<?> named) {
                    named.forEach(dimension -> dimensions.add((String) ((Map<?, ?>) dimension).get("Name")));
                }
            }
            if (map.get("DashboardBody") instanceof Map<?, ?> body && body.get("!Sub") instanceof String json) {
                dashboard(json);
            }
            map.values().forEach(this::collect);
        } else if (node instanceof List<?> list) {
            list.forEach(this::collect);
        }
    }

    /**
     * CloudWatch dashboard rows: [namespace, metric, dimension name, value, ...] (a trailing object holds options);
     * "." repeats the value of the row above.
     */
    private void dashboard(String json) {
        for (Object widget : (List<?>) Json.readObject(json).get("widgets")) {
            Map<?, ?> properties = (Map<?, ?>) ((Map<?, ?>) widget).get("properties");
            List<?> above = List.of();
            for (Object row : (List<?>) properties.get("metrics")) {
                List<Object> cells = new java.util.ArrayList<>(((List<?>) row).stream().filter(cell -> cell instanceof String).toList());
                for (int i = 0; i < cells.size(); i++) {
                    if (".".equals(cells.get(i))) {
                        cells.set(i, above.get(i));
                    }
                }
                if (Telemetry.NAMESPACE.equals(cells.get(0))) {
                    metrics.add((String) cells.get(1));
                    for (int i = 2; i < cells.size(); i += 2) {
                        dimensions.add((String) cells.get(i));
                    }
                }
                above = cells;
            }
        }
    }
}
