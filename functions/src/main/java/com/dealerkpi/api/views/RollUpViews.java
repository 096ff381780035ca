package com.dealerkpi.api.views;

import com.dealerkpi.app.report.RollUps;
import com.dealerkpi.domain.report.CompareWith;
import com.dealerkpi.domain.report.KpiReport;
import com.dealerkpi.domain.report.RollUp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON shapes of region, brand and national roll-ups and of the scope lists (field names fixed by docs/contract.md). */
public final class RollUpViews {
    private RollUpViews() {
    }

    public static Map<String, Object> rollUp(RollUp rollUp) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("scope", rollUp.scope());
        Map<String, Object> range = new LinkedHashMap<>();
        range.put("kind", rollUp.kind().wire());
        range.put("timezone", "each dealership's own");
        body.put("range", range);
        body.put("counts", KpiViews.counts(rollUp.counts()));
        body.put("rates", KpiViews.rates(rollUp.counts().rates()));
        body.put("contactToSale", KpiViews.contactToSale(rollUp.counts().contactToSale()));
        Map<String, Object> targets = new LinkedHashMap<>();
        targets.put("counts", KpiViews.targetCounts(rollUp.targetCounts()));
        targets.put("contactToSale", rollUp.targetContactToSale());
        body.put("targets", targets);
        body.put("monthly", KpiViews.monthly(rollUp.monthly()));
        body.put("notes", rollUp.notes());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (RollUp.Row row : rollUp.dealerships()) {
            rows.add(row(row));
        }
        body.put("dealerships", rows);
        return body;
    }

    /** A roll-up's comparison: the sum of its dealerships', each over its own range in its own zone. */
    public static Map<String, Object> comparison(RollUp rollUp, CompareWith with) {
        Map<String, Object> range = new LinkedHashMap<>();
        range.put("kind", "custom");
        range.put("compareWith", with.wire());
        range.put("timezone", "each dealership's own");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("range", range);
        body.put("counts", KpiViews.counts(rollUp.comparisonCounts()));
        body.put("contactToSale", KpiViews.contactToSale(rollUp.comparisonCounts().contactToSale()));
        return body;
    }

    private static Map<String, Object> row(RollUp.Row row) {
        KpiReport part = row.report();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("dealershipId", part.dealershipId());
        body.put("name", row.profile().name());
        body.put("region", row.profile().region());
        body.put("brand", row.profile().brand());
        body.put("profile", row.hasProfile());
        Map<String, Object> range = KpiViews.range(part.range());
        range.remove("kind");
        body.put("range", range);
        body.put("counts", KpiViews.counts(part.counts()));
        body.put("rates", KpiViews.rates(part.counts().rates()));
        body.put("contactToSale", KpiViews.contactToSale(part.counts().contactToSale()));
        Map<String, Object> targets = new LinkedHashMap<>();
        targets.put("counts", KpiViews.targetCounts(part.targetCounts()));
        body.put("targets", targets);
        Map<String, Object> ofTarget = new LinkedHashMap<>();
        part.ofTarget().forEach((stage, share) -> ofTarget.put(stage.field(), share));
        body.put("ofTarget", ofTarget);
        if (row.comparison() != null) {
            body.put("comparison", InsightViews.comparison(row.comparison()));
        }
        return body;
    }

    public static List<Map<String, Object>> scopeCounts(List<RollUps.ScopeCount> counts) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (RollUps.ScopeCount count : counts) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", count.name());
            entry.put("dealerships", count.dealerships());
            list.add(entry);
        }
        return list;
    }
}
