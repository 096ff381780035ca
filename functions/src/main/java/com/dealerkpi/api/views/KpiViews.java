package com.dealerkpi.api.views;

import com.dealerkpi.app.report.RollUps;
import com.dealerkpi.app.settings.SettingsStore;
import com.dealerkpi.domain.report.DateRange;
import com.dealerkpi.domain.report.KpiCounts;
import com.dealerkpi.domain.report.KpiMaths;
import com.dealerkpi.domain.report.KpiReport;
import com.dealerkpi.domain.report.RollUp;
import com.dealerkpi.domain.report.UsageReport;
import com.dealerkpi.domain.settings.AuditEntry;
import com.dealerkpi.domain.settings.EffectiveTargets;
import com.dealerkpi.domain.settings.Profile;
import com.dealerkpi.domain.settings.ScopeTargets;
import com.dealerkpi.domain.settings.TargetField;
import com.dealerkpi.domain.status.Stage;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON shapes of the report and settings routes (field names fixed by docs/contract.md). */
public final class KpiViews {
    private KpiViews() {
    }

    public static Map<String, Object> kpi(KpiReport report) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("dealershipId", report.dealershipId());
        body.put("range", range(report.range()));
        body.put("counts", counts(report.counts()));
        Map<String, Object> rates = rates(report.counts());
        rates.put("contactRatePerMonth", report.contactRate());
        body.put("rates", rates);
        body.put("contactToSale", contactToSale(report.contactToSale()));
        body.put("targets", targets(report));
        body.put("monthly", monthly(report.monthly()));
        body.put("notes", report.notes());
        return body;
    }

    public static Map<String, Object> range(DateRange range) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("kind", range.kind().wire());
        body.put("from", range.from().toString());
        body.put("to", range.to().toString());
        body.put("timezone", range.zone().getId());
        return body;
    }

    public static Map<String, Object> counts(KpiCounts counts) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (Stage stage : Stage.values()) {
            body.put(stage.field(), counts.get(stage));
        }
        return body;
    }

    private static Map<String, Object> rates(KpiCounts c) {
        Map<String, Object> rates = new LinkedHashMap<>();
        rates.put("appointedPerContacted", KpiMaths.ratio(c.appointed(), c.contacted(), 3));
        rates.put("attendedPerAppointed", KpiMaths.ratio(c.attended(), c.appointed(), 3));
        rates.put("soldPerAttended", KpiMaths.ratio(c.sold(), c.attended(), 3));
        return rates;
    }

    public static Map<String, Object> contactToSale(Double ratio) {
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

    public static Map<String, Object> targetCounts(KpiReport.TargetCounts counts) {
        if (counts == null) {
            return null;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        for (Stage stage : Stage.values()) {
            body.put(stage.field(), KpiMaths.round(counts.get(stage), 1));
        }
        return body;
    }

    public static List<Map<String, Object>> monthly(List<KpiReport.MonthRow> rows) {
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

    public static Map<String, Object> rollUp(RollUp rollUp) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("scope", rollUp.scope());
        Map<String, Object> range = new LinkedHashMap<>();
        range.put("kind", rollUp.kind().wire());
        range.put("timezone", "each dealership's own");
        body.put("range", range);
        body.put("counts", counts(rollUp.counts()));
        body.put("rates", rates(rollUp.counts()));
        body.put("contactToSale", contactToSale(rollUp.contactToSale()));
        Map<String, Object> targets = new LinkedHashMap<>();
        targets.put("counts", targetCounts(rollUp.targetCounts()));
        targets.put("contactToSale", rollUp.targetContactToSale());
        body.put("targets", targets);
        body.put("monthly", monthly(rollUp.monthly()));
        body.put("notes", rollUp.notes());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (RollUp.Row row : rollUp.dealerships()) {
            rows.add(rollUpRow(row));
        }
        body.put("dealerships", rows);
        return body;
    }

    private static Map<String, Object> rollUpRow(RollUp.Row row) {
        KpiReport part = row.report();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("dealershipId", part.dealershipId());
        body.put("name", row.profile().name());
        body.put("region", row.profile().region());
        body.put("brand", row.profile().brand());
        body.put("profile", row.hasProfile());
        Map<String, Object> range = range(part.range());
        range.remove("kind");
        body.put("range", range);
        body.put("counts", counts(part.counts()));
        body.put("rates", rates(part.counts()));
        body.put("contactToSale", contactToSale(part.contactToSale()));
        Map<String, Object> targets = new LinkedHashMap<>();
        targets.put("counts", targetCounts(part.targetCounts()));
        body.put("targets", targets);
        Map<String, Object> ofTarget = new LinkedHashMap<>();
        row.ofTarget().forEach((stage, share) -> ofTarget.put(stage.field(), share));
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

    public static Map<String, Object> usage(String dealershipId, UsageReport usage) {
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

    public static Map<String, Object> profile(SettingsStore.Versioned<Profile> stored, LocalDate today) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("dealershipId", stored.value().dealershipId());
        body.putAll(stored.value().fields(today));
        body.put("history", history(stored.history()));
        return body;
    }

    /**
     * A scope's targets: what it sets this month, its timeline (each month from which its values change) and every
     * change with the values in force in its month before and after it. Months of changes made without their own
     * month are shown in {@code zone} (the dealership's for a dealership scope; UTC otherwise).
     */
    public static Map<String, Object> targets(String scope, ScopeTargets targets, ZoneId zone, YearMonth now, List<String> warnings) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("scope", scope);
        body.put("override", ScopeTargets.byName(targets.valuesIn(now, zone)));
        List<Map<String, Object>> timeline = new ArrayList<>();
        for (Map.Entry<YearMonth, Map<TargetField, Double>> step : targets.steps(zone)) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("effectiveFrom", step.getKey().toString());
            entry.put("values", ScopeTargets.byName(step.getValue()));
            timeline.add(entry);
        }
        body.put("timeline", timeline);
        List<Map<String, Object>> history = new ArrayList<>();
        for (ScopeTargets.Audited audited : targets.audit(zone)) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("at", audited.change().at().toString());
            entry.put("by", audited.change().by());
            entry.put("action", audited.change().action().name());
            entry.put("effectiveFrom", audited.effectiveMonth().toString());
            entry.put("previous", ScopeTargets.byName(audited.before()));
            entry.put("value", ScopeTargets.byName(audited.after()));
            history.add(entry);
        }
        body.put("history", history);
        if (!warnings.isEmpty()) {
            body.put("warnings", warnings);
        }
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
