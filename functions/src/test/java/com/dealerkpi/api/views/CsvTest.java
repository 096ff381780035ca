package com.dealerkpi.api.views;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Rows of JSON-shaped values as a table: dotted headers, nulls empty, cells quoted where they must be. */
class CsvTest {

    @Test
    void nestedObjectsAreDottedColumnsAndNullsEmptyCells() {
        assertEquals("name,targets.counts.contacted,targets.counts.sold,rank\r\n"
                        + "\"Smith, Sons\",10,,1\r\n"
                        + "TOTAL,12,3,\r\n",
                Csv.table(List.of(row("Smith, Sons", 10, null, 1), row("TOTAL", 12, 3, null))));
    }

    @Test
    void smallRatesAreDecimalsNotScientificNotation() {
        assertEquals("contactRatePerMonth\r\n0.0001\r\n", Csv.table(List.of(Map.of("contactRatePerMonth", 1.0E-4))));
    }

    private static Map<String, Object> row(String name, Integer contacted, Integer sold, Integer rank) {
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("contacted", contacted);
        counts.put("sold", sold);
        Map<String, Object> targets = new LinkedHashMap<>();
        targets.put("counts", counts);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("name", name);
        row.put("targets", targets);
        row.put("rank", rank);
        return row;
    }
}
