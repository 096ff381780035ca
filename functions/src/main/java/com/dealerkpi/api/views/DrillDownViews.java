package com.dealerkpi.api.views;

import com.dealerkpi.app.report.ReportStore;
import com.dealerkpi.domain.report.DateRange;
import com.dealerkpi.domain.status.Stage;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A page of the agreements behind a count (field names fixed by docs/contract.md). */
public final class DrillDownViews {
    private DrillDownViews() {
    }

    public static Map<String, Object> page(String dealershipId, Stage stage, DateRange range,
                                           List<ReportStore.MilestoneRow> rows, Optional<String> nextCursor) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("dealershipId", dealershipId);
        body.put("stage", stage.name());
        body.put("range", KpiViews.range(range));
        body.put("items", rows.stream().map(row -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("agreementId", row.agreementId());
            item.put("at", row.at().toString());
            item.put("backfilled", row.backfilled());
            return item;
        }).toList());
        nextCursor.ifPresent(cursor -> body.put("nextCursor", cursor));
        return body;
    }
}
