package com.dealerkpi.api.views;

import com.dealerkpi.app.report.KpiReports;
import com.dealerkpi.domain.report.CompareWith;
import com.dealerkpi.domain.report.KpiCounts;
import com.dealerkpi.domain.report.Pace;
import com.dealerkpi.domain.report.TimeToConvert;
import com.dealerkpi.domain.status.Stage;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What managers read beside a dealership's counts (docs/contract.md, "The KPI report"): the comparison, the pace
 * and time to convert.
 */
public final class InsightViews {
    private InsightViews() {
    }

    /** A dealership's KPI answer with its comparison (when asked for), pace (year or month to date) and time to convert. */
    public static Map<String, Object> kpi(KpiReports.Insight insight) {
        Map<String, Object> body = KpiViews.kpi(insight.report());
        insight.comparison().ifPresent(comparison -> body.put("comparison", comparison(comparison, insight.report().counts())));
        insight.pace().ifPresent(pace -> body.put("pace", pace(pace)));
        body.put("timeToConvert", timeToConvert(insight.timeToConvert()));
        return body;
    }

    /** A comparison, with how much each of {@code current}'s counts changed from it. */
    static Map<String, Object> comparison(CompareWith.Comparison comparison, KpiCounts current) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("range", KpiViews.range(comparison.range()));
        body.put("counts", KpiViews.counts(comparison.counts()));
        body.put("contactToSale", KpiViews.contactToSale(comparison.counts().contactToSale()));
        body.put("changePercent", KpiViews.byStage(comparison.changePercent(current)));
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
}
