package com.dealerkpi.api;

import com.dealerkpi.domain.KpiCounts;
import com.dealerkpi.domain.KpiMaths;
import com.dealerkpi.domain.KpiReport;

import java.util.List;

/**
 * The KPI report as CSV (RFC 4180: CRLF line ends, quoted when needed): a header, one row per month, a total
 * row. A cell that a spreadsheet would run as a formula (=, +, -, @, tab, CR) is neutralised with a leading
 * apostrophe.
 */
final class KpiCsv {
    static final String HEADER = "month,contacted,appointed,attended,sold,contactToSale";

    private KpiCsv() {
    }

    static String render(List<KpiReport.MonthRow> monthly, KpiCounts total) {
        StringBuilder csv = new StringBuilder(HEADER).append("\r\n");
        for (KpiReport.MonthRow row : monthly) {
            line(csv, row.month().toString(), row.counts(), row.contactToSale());
        }
        line(csv, "total", total, KpiMaths.ratio(total.contacted(), total.sold(), 2));
        return csv.toString();
    }

    private static void line(StringBuilder csv, String label, KpiCounts counts, Double contactToSale) {
        csv.append(cell(label)).append(',')
                .append(counts.contacted()).append(',')
                .append(counts.appointed()).append(',')
                .append(counts.attended()).append(',')
                .append(counts.sold()).append(',')
                .append(contactToSale == null ? "" : contactToSale.toString())
                .append("\r\n");
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
