package com.dealerkpi.api.views;

import com.dealerkpi.json.Json;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * CSV cells (RFC 4180: CRLF line ends, quoted when needed). A cell that a spreadsheet would run as a formula (=, +,
 * -, @, tab, CR) is neutralised with a leading apostrophe.
 */
final class Csv {
    static final String LINE_END = "\r\n";

    private Csv() {
    }

    /**
     * Rows of JSON-shaped values as a table: nested objects flattened into dotted headers ({@code counts.sold}), every
     * row's columns in the header, null as an empty cell (a null object is one cell: callers give every row the
     * same shape).
     */
    static String table(List<Map<String, Object>> rows) {
        List<Map<String, Object>> flat = rows.stream().map(row -> {
            Map<String, Object> cells = new LinkedHashMap<>();
            flatten("", row, cells);
            return cells;
        }).toList();
        List<String> header = header(flat);
        StringBuilder csv = new StringBuilder(String.join(",", header)).append(LINE_END);
        for (Map<String, Object> cells : flat) {
            csv.append(String.join(",", header.stream().map(name -> cell(cells.get(name))).toList())).append(LINE_END);
        }
        return csv.toString();
    }

    /** Every row's columns, in the order the rows give them. */
    private static List<String> header(List<Map<String, Object>> rows) {
        Set<String> header = new LinkedHashSet<>();
        rows.forEach(cells -> header.addAll(cells.keySet()));
        return List.copyOf(header);
    }

    private static void flatten(String prefix, Map<?, ?> values, Map<String, Object> into) {
        values.forEach((name, value) -> {
            if (value instanceof Map<?, ?> nested) {
                flatten(prefix + name + ".", nested, into);
            } else {
                into.put(prefix + name, value);
            }
        });
    }

    private static String cell(Object value) {
        if (value == null) {
            return "";
        }
        return cell(value instanceof Number number ? Json.plain(number) : String.valueOf(value));
    }

    static String cell(String value) {
        String safe = value;
        if (!safe.isEmpty() && "=+-@\t\r".indexOf(safe.charAt(0)) >= 0) {
            safe = "'" + safe;
        }
        if (safe.contains(",") || safe.contains("\"") || safe.contains("\r") || safe.contains("\n")) {
            safe = "\"" + safe.replace("\"", "\"\"") + "\"";
        }
        return safe;
    }
}
