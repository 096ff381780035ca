package com.dealerkpi.api.views;

import com.dealerkpi.domain.report.KpiCounts;
import com.dealerkpi.domain.report.KpiReport;
import com.dealerkpi.domain.status.Stage;

import java.util.List;

/** The KPI report as CSV ({@link Csv}): a header, one row per month, a total row. */
public final class KpiCsv {
    public static final String HEADER = "month,contacted,appointed,attended,sold,contactToSale,"
            + "targetContacted,targetAppointed,targetAttended,targetSold";

    private KpiCsv() {
    }

    /** One row per month, then the total; a contact-to-sale of n/a and a missing target are empty cells. */
    public static String render(List<KpiReport.MonthRow> monthly, KpiCounts total, KpiReport.TargetCounts totalTarget) {
        StringBuilder csv = new StringBuilder(HEADER).append(Csv.LINE_END);
        for (KpiReport.MonthRow row : monthly) {
            line(csv, row.month().toString(), row.counts(), row.target());
        }
        line(csv, "total", total, totalTarget);
        return csv.toString();
    }

    private static void line(StringBuilder csv, String label, KpiCounts counts, KpiReport.TargetCounts target) {
        csv.append(Csv.cell(label));
        for (Stage stage : Stage.values()) {
            csv.append(',').append(counts.get(stage));
        }
        Double contactToSale = counts.contactToSale().ratio();
        csv.append(',').append(contactToSale == null ? "" : contactToSale.toString());
        KpiReport.TargetCounts shown = target == null ? null : target.rounded();
        for (Stage stage : Stage.values()) {
            csv.append(',').append(shown == null ? "" : Double.toString(shown.get(stage)));
        }
        csv.append(Csv.LINE_END);
    }
}
