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
        body.put("range", range(report.range()));
        body.put("counts", counts(report.counts()));
        Map<String, Object> rates = rates(report.counts().rates());
        rates.put("contactRatePerMonth", report.contactRate());
        body.put("rates", rates);
        body.put("contactToSale", contactToSale(report.counts().contactToSale()));
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

    static Map<String, Object> rates(StageRates rates) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("appointedPerContacted", rates.appointedPerContacted());
        body.put("attendedPerAppointed", rates.attendedPerAppointed());
        body.put("soldPerAttended", rates.soldPerAttended());
        return body;
    }

    static Map<String, Object> contactToSale(ContactToSale ratio) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ratio", ratio.ratio());
        body.put("label", ratio.label());
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
        body.put("counts", targetCounts(report.targetCounts()));
        body.put("contactToSale", report.targetRatio().ratio());
        return body;
    }

    static Map<String, Object> targetCounts(KpiReport.TargetCounts counts) {
        if (counts == null) {
            return null;
        }
        KpiReport.TargetCounts shown = counts.rounded();
        Map<String, Object> body = new LinkedHashMap<>();
        for (Stage stage : Stage.values()) {
            body.put(stage.field(), shown.get(stage));
        }
        return body;
    }

    static List<Map<String, Object>> monthly(List<KpiReport.MonthRow> rows) {
        List<Map<String, Object>> monthly = new ArrayList<>();
        for (KpiReport.MonthRow row : rows) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("month", row.month().toString());
            entry.putAll(counts(row.counts()));
            entry.put("contactToSale", row.contactToSale());
            entry.put("target", targetCounts(row.target()));
            monthly.add(entry);
        }
        return monthly;
    }
}
