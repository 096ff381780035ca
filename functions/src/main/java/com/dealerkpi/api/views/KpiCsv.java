package com.dealerkpi.api.views;

import com.dealerkpi.domain.report.KpiCounts;
import com.dealerkpi.domain.report.KpiMaths;
import com.dealerkpi.domain.report.KpiReport;
import com.dealerkpi.domain.status.Stage;

import java.util.List;

/**
 * The KPI report as CSV (RFC 4180: CRLF line ends, quoted when needed): a header, one row per month, a total
 * row. A cell that a spreadsheet would run as a formula (=, +, -, @, tab, CR) is neutralised with a leading
 * apostrophe.
 */
public final class KpiCsv {
    public static final String HEADER = "month,contacted,appointed,attended,sold,contactToSale,"
            + "targetContacted,targetAppointed,targetAttended,targetSold";

    private KpiCsv() {
    }

    /** One row per month, then the total; a contact-to-sale of n/a and a missing target are empty cells. */
    public static String render(List<KpiReport.MonthRow> monthly, KpiCounts total, KpiReport.TargetCounts totalTarget) {
        StringBuilder csv = new StringBuilder(HEADER).append("\r\n");
        for (KpiReport.MonthRow row : monthly) {
            line(csv, row.month().toString(), row.counts(), row.contactToSale(), row.target());
        }
        line(csv, "total", total, KpiReport.contactToSale(total), totalTarget);
        return csv.toString();
    }

    private static void line(StringBuilder csv, String label, KpiCounts counts, Double contactToSale,
                             KpiReport.TargetCounts target) {
        csv.append(cell(label));
        for (Stage stage : Stage.values()) {
            csv.append(',').append(counts.get(stage));
        }
        csv.append(',').append(contactToSale == null ? "" : contactToSale.toString());
        for (Stage stage : Stage.values()) {
            csv.append(',').append(target == null ? "" : Double.toString(KpiMaths.round(target.get(stage), 1)));
        }
        csv.append("\r\n");
    }

    public static String cell(String value) {
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
