package com.dealerkpi.api.views;

import com.dealerkpi.domain.report.UsageReport;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON shape of the usage report (field names fixed by docs/contract.md). */
public final class UsageViews {
    private UsageViews() {
    }

    public static Map<String, Object> usage(String dealershipId, UsageReport usage) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("dealershipId", dealershipId);
        body.put("range", KpiViews.range(usage.range()));
        body.put("total", usage.total());
        body.put("byStatus", usage.byStatus());
        body.put("byUser", usage.byUser());
        List<Map<String, Object>> daily = new ArrayList<>();
        usage.daily().forEach((date, total) -> {
            Map<String, Object> day = new LinkedHashMap<>();
            day.put("date", date.toString());
            day.put("total", total);
            daily.add(day);
        });
        body.put("daily", daily);
        return body;
    }
}
