package com.dealerkpi.local;

import com.dealerkpi.json.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows of an import file: CSV (RFC 4180: a header {@code dealershipId,agreementId,status,occurredAt[,userId]},
 * quoted cells may hold commas and quotes) or JSON Lines ({@code .jsonl}/{@code .ndjson}, one object per line). A row
 * that cannot be read becomes a row with a problem (rejected without a request); blank lines are skipped.
 */
final class Rows {
    static final List<String> REQUIRED = List.of("dealershipId", "agreementId", "status", "occurredAt");

    private Rows() {
    }

    static List<Import.Row> read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        return name.endsWith(".jsonl") || name.endsWith(".ndjson") ? jsonLines(lines) : csv(lines);
    }

    private static List<Import.Row> jsonLines(List<String> lines) {
        List<Import.Row> rows = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            Map<String, String> fields = new LinkedHashMap<>();
            String problem = null;
            try {
                Json.readObject(lines.get(i)).forEach((k, v) -> fields.put(k, v == null ? null : String.valueOf(v)));
                problem = missing(fields);
            } catch (RuntimeException e) {
                problem = "not a JSON object: " + e.getMessage();
            }
            rows.add(new Import.Row(i + 1, fields, problem));
        }
        return rows;
    }

    private static List<Import.Row> csv(List<String> lines) {
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("the file is empty: a CSV needs the header "
                    + "dealershipId,agreementId,status,occurredAt[,userId]");
        }
        List<String> header = cells(lines.get(0).replace("\uFEFF", ""));
        if (!header.subList(0, Math.min(4, header.size())).equals(REQUIRED)
                || header.size() > 5 || (header.size() == 5 && !header.get(4).equals("userId"))) {
            throw new IllegalArgumentException("the CSV header must be dealershipId,agreementId,status,occurredAt[,userId], not "
                    + lines.get(0));
        }
        List<Import.Row> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            List<String> cells = cells(lines.get(i));
            Map<String, String> fields = new LinkedHashMap<>();
            for (int c = 0; c < Math.min(cells.size(), header.size()); c++) {
                fields.put(header.get(c), cells.get(c));
            }
            String problem = cells.size() != header.size()
                    ? "has " + cells.size() + " cells; the header has " + header.size() : missing(fields);
            rows.add(new Import.Row(i + 1, fields, problem));
        }
        return rows;
    }

    private static String missing(Map<String, String> fields) {
        for (String name : REQUIRED) {
            if (fields.get(name) == null || fields.get(name).isEmpty()) {
                return name + " is missing";
            }
        }
        return null;
    }

    /** The cells of one CSV line (a quoted cell may contain commas and doubled quotes). */
    static List<String> cells(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
    }

    static String csvCell(String value) {
        return value.contains(",") || value.contains("\"") || value.contains("\n")
                ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }
}
