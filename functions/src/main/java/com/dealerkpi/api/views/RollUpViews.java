package com.dealerkpi.api.views;

import com.dealerkpi.app.report.RollUps;
import com.dealerkpi.domain.report.CompareWith;
import com.dealerkpi.domain.report.ContactToSale;
import com.dealerkpi.domain.report.KpiCounts;
import com.dealerkpi.domain.report.KpiReport;
import com.dealerkpi.domain.report.RollUp;
import com.dealerkpi.domain.status.Stage;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON shapes of region, brand, group and national roll-ups and of the scope lists (field names fixed by docs/contract.md). */
public final class RollUpViews {
    private RollUpViews() {
    }

    public static Map<String, Object> rollUp(RollUp rollUp) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("scope", rollUp.scope());
        body.put("range", range(rollUp, true));
        Map<String, Object> targets = figures(body, rollUp.counts(), rollUp.contactRate(), rollUp.contactToSale(),
                rollUp.targetRatio(), rollUp.shownTargetCounts(),
                rollUp.ofTarget(), rollUp.ofTargetPercent());
        targets.put("contactToSale", rollUp.targetRatio().ratio());
        targets.put("contactToSaleLabel", rollUp.targetRatio().label());
        body.put("monthly", KpiViews.monthly(rollUp.monthly()));
        body.put("notes", rollUp.notes());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (RollUp.Row row : rollUp.dealerships()) {
            rows.add(row(row));
        }
        body.put("dealerships", rows);
        return body;
    }

    /**
     * A roll-up's comparison: the sum of its dealerships', each over its own range in its own zone (from the earliest
     * first day to the latest last day; the zone null when they differ, as the roll-up's own range).
     */
    public static Map<String, Object> comparison(RollUp rollUp, CompareWith with) {
        Map<String, Object> range = new LinkedHashMap<>();
        range.put("kind", "custom");
        range.put("compareWith", with.wire());
        range.put("from", rollUp.comparisonFrom() == null ? null : rollUp.comparisonFrom().toString());
        range.put("to", rollUp.comparisonTo() == null ? null : rollUp.comparisonTo().toString());
        range.put("timezone", rollUp.zone().map(ZoneId::getId).orElse(null));
        // no dealership in scope: nothing was compared, which sums to nothing
        KpiCounts compared = rollUp.comparisonCounts() == null ? KpiCounts.ZERO : rollUp.comparisonCounts();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("range", range);
        body.put("counts", KpiViews.counts(compared));
        body.put("contactToSale", KpiViews.contactToSale(compared.contactToSale()));
        body.put("changePercent", KpiViews.byStage(CompareWith.change(rollUp.counts(), compared)));
        return body;
    }

    /**
     * The league table as CSV: one row per dealership (its JSON row, flattened) and a last row TOTAL, in the same
     * columns whatever the data (a spreadsheet reads them by position): target counts that are null have their
     * columns, empty.
     */
    public static String csv(RollUp rollUp) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (RollUp.Row row : rollUp.dealerships()) {
            rows.add(withTargetColumns(row(row)));
        }
        rows.add(withTargetColumns(total(rollUp)));
        return Csv.table(rows);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> withTargetColumns(Map<String, Object> row) {
        Map<String, Object> targets = (Map<String, Object>) row.get("targets");
        if (targets.get("counts") == null) {
            targets.put("counts", KpiViews.byStage(Map.of()));
        }
        return row;
    }

    private static Map<String, Object> row(RollUp.Row row) {
        KpiReport part = row.report();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("dealershipId", part.dealershipId());
        body.put("name", row.profile().name());
        body.put("region", row.profile().region());
        body.put("brand", row.profile().brand());
        body.put("group", row.profile().group());
        body.put("profile", row.hasProfile());
        Map<String, Object> range = KpiViews.range(part.range());
        range.remove("kind");
        body.put("range", range);
        figures(body, part.counts(), part.contactRate(), part.contactToSale(), part.rangeTargetRatio(), row.shownTarget(),
                part.ofTarget(), part.ofTargetPercent());
        if (row.comparison() != null) {
            body.put("comparison", InsightViews.comparison(row.comparison(), part.counts()));
        }
        return body;
    }

    /** The roll-up's sums in a row's shape (the league table's last row). */
    private static Map<String, Object> total(RollUp rollUp) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("dealershipId", "TOTAL");
        body.put("name", null);
        body.put("region", null);
        body.put("brand", null);
        body.put("group", null);
        body.put("profile", null);
        body.put("range", range(rollUp, false));
        figures(body, rollUp.counts(), rollUp.contactRate(), rollUp.contactToSale(), rollUp.targetRatio(),
                rollUp.shownTargetCounts(), rollUp.ofTarget(),
                rollUp.ofTargetPercent());
        return body;
    }

    /** Counts, rates, the ratio, targets and their shares into {@code body}; the targets object, to add to. */
    private static Map<String, Object> figures(Map<String, Object> body, KpiCounts counts, Double contactRate, ContactToSale ratio,
                                ContactToSale target, KpiReport.TargetCounts shownTarget, Map<Stage, Double> ofTarget,
                                Map<Stage, Integer> ofTargetPercent) {
        body.put("counts", KpiViews.counts(counts));
        body.put("rates", KpiViews.rates(counts.rates(), contactRate));
        body.put("contactToSale", KpiViews.contactToSale(ratio, target));
        Map<String, Object> targets = new LinkedHashMap<>();
        targets.put("counts", KpiViews.targetCounts(shownTarget));
        body.put("targets", targets);
        body.put("ofTarget", KpiViews.byStage(ofTarget));
        body.put("ofTargetPercent", KpiViews.byStage(ofTargetPercent));
        return targets;
    }

    private static Map<String, Object> range(RollUp rollUp, boolean withKind) {
        Map<String, Object> range = new LinkedHashMap<>();
        if (withKind) {
            range.put("kind", rollUp.kind().wire());
        }
        range.put("from", rollUp.from() == null ? null : rollUp.from().toString());
        range.put("to", rollUp.to() == null ? null : rollUp.to().toString());
        range.put("timezone", rollUp.zone().map(ZoneId::getId).orElse(null));
        return range;
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
