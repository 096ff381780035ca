package com.dealerkpi.api.views;

import com.dealerkpi.app.settings.ProfileFields;
import com.dealerkpi.app.settings.SettingsStore;
import com.dealerkpi.domain.Moments;
import com.dealerkpi.domain.settings.AuditEntry;
import com.dealerkpi.domain.settings.Profile;
import com.dealerkpi.domain.settings.ScopeTargets;
import com.dealerkpi.domain.settings.TargetField;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON shapes of profiles and target scopes, with their history (field names fixed by docs/contract.md). */
public final class SettingsViews {
    private SettingsViews() {
    }

    public static Map<String, Object> profile(SettingsStore.Versioned<Profile> stored, LocalDate today) {
        Profile profile = stored.value();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("dealershipId", profile.dealershipId());
        body.putAll(ProfileFields.of(profile, today));
        List<Map<String, Object>> steps = new ArrayList<>();
        profile.databaseSizeSteps().forEach((month, size) -> {
            Map<String, Object> step = new LinkedHashMap<>();
            step.put("effectiveFrom", month.toString());
            step.put("databaseSize", size);
            steps.add(step);
        });
        body.put("databaseSizeTimeline", steps);
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
        body.put("override", byName(targets.valuesIn(now, zone)));
        List<Map<String, Object>> timeline = new ArrayList<>();
        for (Map.Entry<YearMonth, Map<TargetField, Double>> step : targets.steps(zone)) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("effectiveFrom", step.getKey().toString());
            entry.put("values", byName(step.getValue()));
            timeline.add(entry);
        }
        body.put("timeline", timeline);
        List<Map<String, Object>> history = new ArrayList<>();
        for (ScopeTargets.Audited audited : targets.audit(zone)) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("at", Moments.answered(audited.change().at()));
            entry.put("by", audited.change().by());
            entry.put("action", audited.change().action().name());
            entry.put("effectiveFrom", audited.effectiveMonth().toString());
            entry.put("previous", byName(audited.before()));
            entry.put("value", byName(audited.after()));
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
            entry.put("at", Moments.answered(e.at()));
            entry.put("by", e.by());
            entry.put("action", e.action());
            entry.put("previous", e.previous());
            entry.put("value", e.next());
            history.add(entry);
        }
        return history;
    }

    /** Field values by their names, in field order. */
    private static Map<String, Object> byName(Map<TargetField, Double> values) {
        Map<String, Object> named = new LinkedHashMap<>();
        for (TargetField field : TargetField.values()) {
            if (values.containsKey(field)) {
                named.put(field.json(), values.get(field));
            }
        }
        return named;
    }
}
