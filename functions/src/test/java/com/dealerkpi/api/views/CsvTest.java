package com.dealerkpi.api.views;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A table's header holds every row's columns, whichever row has them. */
class CsvTest {

    @Test
    void anObjectNullInTheFirstRowIsTheLaterRowsColumnsEmptyInTheFirst() {
        assertEquals("name,targets.counts.contacted,targets.counts.sold,rank\r\n"
                        + "Without targets,,,1\r\n"
                        + "With targets,10,2,2\r\n",
                Csv.table(List.of(row("Without targets", null, 1), row("With targets", Map.of("contacted", 10, "sold", 2), 2))));
    }

    @Test
    void anObjectNullInALaterRowLeavesItsColumnsEmpty() {
        assertEquals("name,targets.counts.contacted,targets.counts.sold,rank\r\n"
                        + "With targets,10,2,1\r\n"
                        + "Without targets,,,2\r\n",
                Csv.table(List.of(row("With targets", Map.of("contacted", 10, "sold", 2), 1), row("Without targets", null, 2))));
    }

    private static Map<String, Object> row(String name, Map<String, Object> targetCounts, int rank) {
        Map<String, Object> counts = targetCounts == null ? null : new java.util.TreeMap<>(targetCounts);
        Map<String, Object> targets = new LinkedHashMap<>();
        targets.put("counts", counts);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("name", name);
        row.put("targets", targets);
        row.put("rank", rank);
        return row;
    }
}
