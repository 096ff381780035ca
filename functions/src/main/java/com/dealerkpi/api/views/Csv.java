package com.dealerkpi.api.views;

/**
 * CSV cells (RFC 4180: CRLF line ends, quoted when needed). A cell that a spreadsheet would run as a formula (=, +,
 * -, @, tab, CR) is neutralised with a leading apostrophe.
 */
final class Csv {
    static final String LINE_END = "\r\n";

    private Csv() {
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
