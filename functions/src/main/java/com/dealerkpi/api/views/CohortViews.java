package com.dealerkpi.api.views;

import com.dealerkpi.domain.report.Cohorts;
import com.dealerkpi.domain.report.DateRange;
import com.dealerkpi.domain.status.Stage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A range's contact cohorts as JSON, CSV and a printable page. */
public final class CohortViews {
    static final String CSV_HEADER = "month,contacted,appointed,attended,sold";

    private CohortViews() {
    }

    public static Map<String, Object> json(String dealershipId, DateRange range, List<Cohorts.Row> rows) {
        List<Map<String, Object>> months = new ArrayList<>();
        for (Cohorts.Row row : rows) {
            Map<String, Object> month = new LinkedHashMap<>();
            month.put("month", row.month().toString());
            month.putAll(KpiViews.counts(row.counts()));
            month.put("soldPerContacted", row.soldPerContacted());
            months.add(month);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("dealershipId", dealershipId);
        body.put("range", KpiViews.range(range));
        body.put("cohorts", months);
        return body;
    }

    public static String csv(List<Cohorts.Row> rows) {
        StringBuilder csv = new StringBuilder(CSV_HEADER).append(Csv.LINE_END);
        for (Cohorts.Row row : rows) {
            csv.append(row.month());
            for (Stage stage : Stage.values()) {
                csv.append(',').append(row.counts().get(stage));
            }
            csv.append(Csv.LINE_END);
        }
        return csv.toString();
    }

    public static String html(String dealershipName, String dealershipId, DateRange range, List<Cohorts.Row> rows) {
        String dealership = Html.dealershipLabel(dealershipName, dealershipId);
        StringBuilder html = Html.page("Contact cohorts", dealership)
                .append("<h1>Contact cohorts</h1><p class=\"sub\">")
                .append(dealership).append(" &middot; ").append(range.from()).append(" to ").append(range.to())
                .append(" &middot; ").append(Html.escape(range.zone().getId())).append("</p>")
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
