package com.dealerkpi.api.views;

import com.dealerkpi.domain.report.KpiCounts;
import com.dealerkpi.domain.report.KpiReport;
import com.dealerkpi.domain.status.Stage;
import com.dealerkpi.json.Json;

import java.util.List;

/**
 * The KPI report as CSV ({@link Csv}): a header, one row per month, a total row. Target cells are the report's printed
 * targets (the months add up to the total).
 */
public final class KpiCsv {
    public static final String HEADER = "month,contacted,appointed,attended,sold,contactToSale,"
            + "targetContacted,targetAppointed,targetAttended,targetSold";

    private KpiCsv() {
    }

    /** One row per month, then the total; a contact-to-sale of n/a and a missing target are empty cells. */
    public static String render(KpiReport report) {
        StringBuilder csv = new StringBuilder(HEADER).append(Csv.LINE_END);
        List<KpiReport.MonthRow> months = report.monthly();
        List<KpiReport.TargetCounts> targets = KpiReport.printedTargets(months);
        for (int i = 0; i < months.size(); i++) {
            line(csv, months.get(i).month().toString(), months.get(i).counts(), targets.get(i));
        }
        line(csv, "total", report.counts(), report.shownTargetCounts());
        return csv.toString();
    }

    private static void line(StringBuilder csv, String label, KpiCounts counts, KpiReport.TargetCounts shownTarget) {
        csv.append(Csv.cell(label));
        for (Stage stage : Stage.values()) {
            csv.append(',').append(counts.get(stage));
        }
        Double contactToSale = counts.contactToSale().ratio();
        csv.append(',').append(contactToSale == null ? "" : Json.plain(contactToSale));
        for (Stage stage : Stage.values()) {
            csv.append(',').append(shownTarget == null ? "" : Json.plain(shownTarget.get(stage)));
        }
        csv.append(Csv.LINE_END);
    }
}
