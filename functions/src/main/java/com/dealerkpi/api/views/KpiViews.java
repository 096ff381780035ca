package com.dealerkpi.api.views;

import com.dealerkpi.domain.report.ContactToSale;
import com.dealerkpi.domain.report.DateRange;
import com.dealerkpi.domain.report.KpiCounts;
import com.dealerkpi.domain.report.KpiReport;
import com.dealerkpi.domain.report.StageRates;
import com.dealerkpi.domain.settings.EffectiveTargets;
import com.dealerkpi.domain.settings.TargetField;
import com.dealerkpi.domain.status.Stage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON shape of a dealership's KPI report, and the parts roll-ups share (field names fixed by docs/contract.md). */
public final class KpiViews {
    private KpiViews() {
    }

    public static Map<String, Object> kpi(KpiReport report) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("dealershipId", report.dealershipId());
        body.put("name", report.name());
        body.put("range", range(report.range()));
        body.put("counts", counts(report.counts()));
        body.put("rates", rates(report.counts().rates(), report.contactRate()));
        body.put("contactToSale", contactToSale(report.contactToSale(), report.rangeTargetRatio()));
        body.put("ofTarget", byStage(report.ofTarget()));
        body.put("ofTargetPercent", byStage(report.ofTargetPercent()));
        body.put("targets", targets(report));
        body.put("monthly", monthly(report.monthly()));
        body.put("notes", report.notes());
        return body;
    }

    static Map<String, Object> range(DateRange range) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("kind", range.kind().wire());
        body.put("from", range.from().toString());
        body.put("to", range.to().toString());
        body.put("timezone", range.zone().getId());
        return body;
    }

    static Map<String, Object> counts(KpiCounts counts) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (Stage stage : Stage.values()) {
            body.put(stage.field(), counts.get(stage));
        }
        return body;
    }

    static Map<String, Object> rates(StageRates rates, Double contactRatePerMonth) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("appointedPerContacted", rates.appointedPerContacted());
        body.put("attendedPerAppointed", rates.attendedPerAppointed());
        body.put("soldPerAttended", rates.soldPerAttended());
        body.put("contactRatePerMonth", contactRatePerMonth);
        return body;
    }

    /** A ratio without a target to stand against (a comparison's). */
    static Map<String, Object> contactToSale(ContactToSale ratio) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ratio", ratio.ratio());
        body.put("label", ratio.label());
        body.put("note", ratio.note());
        return body;
    }

    /**
     * A ratio, the range's target it is judged against, and how it stands against it as a whole percentage (what the
     * traffic light shows).
     */
    static Map<String, Object> contactToSale(ContactToSale ratio, ContactToSale target) {
        Map<String, Object> body = contactToSale(ratio);
        body.put("target", target.ratio());
        body.put("targetLabel", target.label());
        body.put("ofTargetPercent", ratio.percentOf(target));
        return body;
    }

    static Map<String, Object> byStage(Map<Stage, ?> values) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (Stage stage : Stage.values()) {
            body.put(stage.field(), values.get(stage));
        }
        return body;
    }

    private static Map<String, Object> targets(KpiReport report) {
        EffectiveTargets targets = report.targets();
        Map<String, Object> body = new LinkedHashMap<>();
        Map<String, Object> source = new LinkedHashMap<>();
        for (TargetField field : TargetField.values()) {
            body.put(field.json(), targets.get(field));
            source.put(field.json(), targets.sources().get(field));
        }
        body.put("databaseSize", report.databaseSize());
        body.put("source", source);
        body.put("counts", targetCounts(report.shownTargetCounts()));
        body.put("contactToSale", report.targetRatio().ratio());
        body.put("contactToSaleLabel", report.targetRatio().label());
        return body;
    }

    /** Target counts as printed (already rounded by the report); null without them. */
    static Map<String, Object> targetCounts(KpiReport.TargetCounts shown) {
        if (shown == null) {
            return null;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        for (Stage stage : Stage.values()) {
            body.put(stage.field(), shown.get(stage));
        }
        return body;
    }

    static List<Map<String, Object>> monthly(List<KpiReport.MonthRow> rows) {
        List<Map<String, Object>> monthly = new ArrayList<>();
        List<KpiReport.TargetCounts> targets = KpiReport.printedTargets(rows);
        for (int i = 0; i < rows.size(); i++) {
            KpiReport.MonthRow row = rows.get(i);
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("month", row.month().toString());
            entry.putAll(counts(row.counts()));
            entry.put("contactToSale", row.contactToSale().ratio());
            entry.put("contactToSaleLabel", row.contactToSale().label());
            entry.put("contactToSaleNote", row.contactToSaleNote());
            entry.put("target", targetCounts(targets.get(i)));
            monthly.add(entry);
        }
        return monthly;
    }
}
