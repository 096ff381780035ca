package com.dealerkpi.domain.settings;

import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** A scope's target overrides over time: every change made to it, in order; each field has its own timeline. */
public record ScopeTargets(List<TargetChange> changes) {

    public ScopeTargets {
        changes = List.copyOf(changes);
    }

    public static ScopeTargets none() {
        return new ScopeTargets(List.of());
    }

    public ScopeTargets plus(TargetChange change) {
        List<TargetChange> all = new ArrayList<>(changes);
        all.add(change);
        return new ScopeTargets(all);
    }

    public Timeline<Double> timeline(TargetField field) {
        List<Timeline.Change<Double>> fieldChanges = new ArrayList<>();
        for (TargetChange change : changes) {
            if (change.touched().containsKey(field)) {
                fieldChanges.add(new Timeline.Change<>(change.effectiveFrom(), change.at(), change.touched().get(field)));
            }
        }
        return new Timeline<>(fieldChanges);
    }

    /** The fields this scope sets in a month (a dealership's own time zone decides months without their own). */
    public Map<TargetField, Double> valuesIn(YearMonth month, ZoneId zone) {
        Map<TargetField, Double> values = new EnumMap<>(TargetField.class);
        for (TargetField field : TargetField.values()) {
            timeline(field).in(month, zone).ifPresent(value -> values.put(field, value));
        }
        return values;
    }

    /** Each month from which the scope's values differ, with the values from then on. */
    public List<Map.Entry<YearMonth, Map<TargetField, Double>>> steps(ZoneId zone) {
        TreeSet<YearMonth> months = new TreeSet<>();
        changes.forEach(change -> months.add(change.effectiveFrom() != null ? change.effectiveFrom()
                : YearMonth.from(change.at().atZone(zone))));
        List<Map.Entry<YearMonth, Map<TargetField, Double>>> steps = new ArrayList<>();
        Map<TargetField, Double> previous = null;
        for (YearMonth month : months) {
            Map<TargetField, Double> values = valuesIn(month, zone);
            if (!values.equals(previous)) {
                steps.add(Map.entry(month, values));
                previous = values;
            }
        }
        return steps;
    }

    /**
     * Each change with what it did: the scope's values in force in its effective month just before it, and after
     * it.
     */
    public List<Audited> audit(ZoneId zone) {
        List<Audited> audited = new ArrayList<>();
        for (int i = 0; i < changes.size(); i++) {
            TargetChange change = changes.get(i);
            YearMonth month = change.effectiveFrom() != null ? change.effectiveFrom() : YearMonth.from(change.at().atZone(zone));
            audited.add(new Audited(change, month, new ScopeTargets(changes.subList(0, i)).valuesIn(month, zone),
                    new ScopeTargets(changes.subList(0, i + 1)).valuesIn(month, zone)));
        }
        return audited;
    }

    /** A change and the values in force in its month before and after it. */
    public record Audited(TargetChange change, YearMonth effectiveMonth, Map<TargetField, Double> before,
                          Map<TargetField, Double> after) {
    }
}
