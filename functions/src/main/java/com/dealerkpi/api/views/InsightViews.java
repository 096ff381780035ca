package com.dealerkpi.api.views;

import com.dealerkpi.app.report.KpiReports;
import com.dealerkpi.domain.report.Cohorts;
import com.dealerkpi.domain.report.CompareWith;
import com.dealerkpi.domain.report.DateRange;
import com.dealerkpi.domain.report.KpiCounts;
import com.dealerkpi.domain.report.KpiReport;
import com.dealerkpi.domain.report.Pace;
import com.dealerkpi.domain.report.RollUp;
import com.dealerkpi.domain.report.TimeToConvert;
import com.dealerkpi.domain.status.Stage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What managers read beside the counts (docs/contract.md, "The KPI report" and "Drill-down, usage, cohorts"): comparison, pace, time to convert, cohorts. */
public final class InsightViews {
    public static final String COHORT_CSV_HEADER = "month,contacted,appointed,attended,sold";

    private InsightViews() {
    }

    /** A dealership's KPI answer with its comparison (when asked for), pace (year or month to date) and time to convert. */
    public static Map<String, Object> kpi(KpiReports.Insight insight) {
        Map<String, Object> body = KpiViews.kpi(insight.report());
        insight.comparison().ifPresent(comparison -> body.put("comparison", comparison(comparison)));
        Pace.of(insight.report().range(), insight.report().counts()).ifPresent(pace -> body.put("pace", pace(pace)));
        body.put("timeToConvert", timeToConvert(insight.timeToConvert()));
        return body;
    }

    public static Map<String, Object> comparison(CompareWith.Comparison comparison) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("range", KpiViews.range(comparison.range()));
        body.put("counts", KpiViews.counts(comparison.counts()));
        body.put("contactToSale", KpiViews.contactToSale(comparison.contactToSale()));
        return body;
    }

    /** A roll-up's comparison: the sum of its dealerships', each over its own range in its own zone. */
    public static Map<String, Object> rollUpComparison(RollUp rollUp, CompareWith with) {
        Map<String, Object> range = new LinkedHashMap<>();
        range.put("kind", "custom");
        range.put("compareWith", with.wire());
        range.put("timezone", "each dealership's own");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("range", range);
        body.put("counts", KpiViews.counts(rollUp.comparisonCounts()));
        body.put("contactToSale", KpiViews.contactToSale(KpiReport.contactToSale(rollUp.comparisonCounts())));
        return body;
    }

    private static Map<String, Object> pace(Pace pace) {
        Map<String, Object> counts = new LinkedHashMap<>();
        for (Stage stage : Stage.values()) {
            counts.put(stage.field(), pace.counts().get(stage));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("until", pace.until().toString());
        body.put("counts", counts);
        return body;
    }

    private static Map<String, Object> timeToConvert(TimeToConvert time) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("contactedToAppointed", time.contactedToAppointed());
        body.put("appointedToAttended", time.appointedToAttended());
        body.put("attendedToSold", time.attendedToSold());
        body.put("contactedToSold", time.contactedToSold());
        return body;
    }

    public static Map<String, Object> cohorts(String dealershipId, DateRange range, List<Cohorts.Row> rows) {
        List<Map<String, Object>> months = new ArrayList<>();
        for (Cohorts.Row row : rows) {
            Map<String, Object> month = new LinkedHashMap<>();
            month.put("month", row.month().toString());
            month.putAll(KpiViews.counts(row.counts()));
            months.add(month);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("dealershipId", dealershipId);
        body.put("range", KpiViews.range(range));
        body.put("cohorts", months);
        return body;
    }

    public static String cohortsCsv(List<Cohorts.Row> rows) {
        StringBuilder csv = new StringBuilder(COHORT_CSV_HEADER).append("\r\n");
        for (Cohorts.Row row : rows) {
            csv.append(row.month());
            appendCounts(csv, row.counts());
            csv.append("\r\n");
        }
        return csv.toString();
    }

    private static void appendCounts(StringBuilder csv, KpiCounts counts) {
        for (Stage stage : Stage.values()) {
            csv.append(',').append(counts.get(stage));
        }
    }

    public static String cohortsHtml(String dealershipName, String dealershipId, DateRange range, List<Cohorts.Row> rows) {
        String dealership = KpiHtml.dealershipLabel(dealershipName, dealershipId);
        StringBuilder html = KpiHtml.page("Contact cohorts", dealership)
                .append("<h1>Contact cohorts</h1><p class=\"sub\">")
                .append(dealership).append(" &middot; ").append(range.from()).append(" to ").append(range.to())
                .append(" &middot; ").append(KpiHtml.escape(range.zone().getId())).append("</p>")
                .append("<p class=\"muted\">Agreements first contacted in each month, and how many of them have been"
                        + " appointed, attended and sold since.</p><table><thead><tr><th scope=\"col\">Month</th>");
        for (Stage stage : Stage.values()) {
            html.append("<th scope=\"col\">").append(stage.title()).append("</th>");
        }
        html.append("</tr></thead><tbody>");
        for (Cohorts.Row row : rows) {
            html.append("<tr><td>").append(row.month()).append("</td>");
            for (Stage stage : Stage.values()) {
                html.append("<td>").append(row.counts().get(stage)).append("</td>");
            }
            html.append("</tr>");
        }
        return html.append("</tbody></table></body></html>").toString();
    }
}
