package com.dealerkpi.api;

import com.dealerkpi.domain.AuditEntry;
import com.dealerkpi.domain.DateRange;
import com.dealerkpi.domain.EffectiveTargets;
import com.dealerkpi.domain.KpiCounts;
import com.dealerkpi.domain.KpiMaths;
import com.dealerkpi.domain.KpiReport;
import com.dealerkpi.domain.Profile;
import com.dealerkpi.domain.RollUp;
import com.dealerkpi.domain.Stage;
import com.dealerkpi.domain.TargetField;
import com.dealerkpi.domain.UsageReport;
import com.dealerkpi.app.SettingsStore;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON shapes of the report routes (field names fixed by API.md). */
final class KpiViews {
    private KpiViews() {
    }

    static Map<String, Object> kpi(KpiReport report) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("dealershipId", report.dealershipId());
        body.put("range", range(report.range()));
        body.put("counts", counts(report.counts()));
        Map<String, Object> rates = new LinkedHashMap<>();
        rates.put("appointedPerContacted", report.appointedPerContacted());
        rates.put("attendedPerAppointed", report.attendedPerAppointed());
        rates.put("soldPerAttended", report.soldPerAttended());
        body.put("rates", rates);
        body.put("contactToSale", contactToSale(report.contactToSale()));
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

    static Map<String, Object> contactToSale(Double ratio) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ratio", ratio);
        body.put("label", KpiMaths.contactToSaleLabel(ratio));
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
        body.put("contactToSale", KpiReport.targetContactToSale(targets));
        return body;
    }

    static Map<String, Object> targetCounts(KpiReport.TargetCounts counts) {
        if (counts == null) {
            return null;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("contacted", KpiMaths.round(counts.contacted(), 1));
        body.put("appointed", KpiMaths.round(counts.appointed(), 1));
        body.put("attended", KpiMaths.round(counts.attended(), 1));
        body.put("sold", KpiMaths.round(counts.sold(), 1));
        return body;
    }

    static List<Map<String, Object>> monthly(List<KpiReport.MonthRow> rows) {
        List<Map<String, Object>> monthly = new ArrayList<>();
        for (KpiReport.MonthRow row : rows) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("month", row.month().toString());
            entry.putAll(counts(row.counts()));
            entry.put("contactToSale", row.contactToSale());
            monthly.add(entry);
        }
        return monthly;
    }

    static Map<String, Object> rollUp(RollUp rollUp) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("scope", rollUp.scope());
        Map<String, Object> range = new LinkedHashMap<>();
        range.put("kind", rollUp.kind().wire());
        range.put("timezone", "each dealership's own");
        body.put("range", range);
        body.put("counts", counts(rollUp.counts()));
        KpiCounts c = rollUp.counts();
        Map<String, Object> rates = new LinkedHashMap<>();
        rates.put("appointedPerContacted", KpiMaths.ratio(c.appointed(), c.contacted(), 3));
        rates.put("attendedPerAppointed", KpiMaths.ratio(c.attended(), c.appointed(), 3));
        rates.put("soldPerAttended", KpiMaths.ratio(c.sold(), c.attended(), 3));
        body.put("rates", rates);
        body.put("contactToSale", contactToSale(rollUp.contactToSale()));
        Map<String, Object> targets = new LinkedHashMap<>();
        targets.put("counts", targetCounts(rollUp.targetCounts()));
        targets.put("contactToSale", rollUp.targetContactToSale());
        body.put("targets", targets);
        body.put("monthly", monthly(rollUp.monthly()));
        body.put("notes", rollUp.notes());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (KpiReport part : rollUp.dealerships()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("dealershipId", part.dealershipId());
            row.put("range", range(part.range()));
            row.put("counts", counts(part.counts()));
            row.put("contactToSale", contactToSale(part.contactToSale()));
            row.put("targetCounts", targetCounts(part.targetCounts()));
            rows.add(row);
        }
        body.put("dealerships", rows);
        return body;
    }

    static Map<String, Object> usage(String dealershipId, UsageReport usage) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("dealershipId", dealershipId);
        body.put("range", range(usage.range()));
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

    static Map<String, Object> profile(SettingsStore.Versioned<Profile> stored) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("dealershipId", stored.value().dealershipId());
        body.putAll(stored.value().fields());
        body.put("history", history(stored.history()));
        return body;
    }

    static Map<String, Object> targets(String scope, SettingsStore.Versioned<Map<String, Object>> stored) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("scope", scope);
        body.put("override", stored.value());
        body.put("history", history(stored.history()));
        return body;
    }

    private static List<Map<String, Object>> history(List<AuditEntry> entries) {
        List<Map<String, Object>> history = new ArrayList<>();
        for (AuditEntry e : entries) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("at", e.at().toString());
            entry.put("by", e.by());
            entry.put("action", e.action());
            entry.put("previous", e.previous());
            entry.put("value", e.next());
            history.add(entry);
        }
        return history;
    }
}
