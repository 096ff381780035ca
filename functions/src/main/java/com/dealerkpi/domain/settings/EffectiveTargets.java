package com.dealerkpi.domain.settings;

import java.time.YearMonth;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The targets that apply to one dealership in one month, each field with the scope that supplied it. */
public record EffectiveTargets(Map<TargetField, Double> values, Map<TargetField, String> sources) {

    /** A scope's overrides over time, as found in the store. */
    public record Layer(TargetScope scope, ScopeTargets targets) {
    }

    private static final TargetScope.Kind[] MOST_SPECIFIC_FIRST = {
            TargetScope.Kind.DEALERSHIP, TargetScope.Kind.GROUP, TargetScope.Kind.BRAND, TargetScope.Kind.REGION, TargetScope.Kind.NATIONAL};

    /**
     * Field by field, the most specific scope that sets it in {@code month} wins: dealership, group, brand, region, national,
     * then the defaults. {@code layers} may come in any order; scopes the dealership does not belong to must not be
     * passed.
     */
    public static EffectiveTargets in(YearMonth month, ZoneId zone, List<Layer> layers) {
        Map<TargetField, Double> values = new EnumMap<>(TargetField.class);
        Map<TargetField, String> sources = new EnumMap<>(TargetField.class);
        Map<TargetScope.Kind, Map<TargetField, Double>> byKind = new EnumMap<>(TargetScope.Kind.class);
        Map<TargetScope.Kind, String> labels = new EnumMap<>(TargetScope.Kind.class);
        for (Layer layer : layers) {
            byKind.put(layer.scope().kind(), layer.targets().valuesIn(month, zone));
            labels.put(layer.scope().kind(), layer.scope().label());
        }
        for (TargetField field : TargetField.values()) {
            values.put(field, field.defaultValue());
            sources.put(field, "default");
            for (TargetScope.Kind kind : MOST_SPECIFIC_FIRST) {
                Double value = byKind.getOrDefault(kind, Map.of()).get(field);
                if (value != null) {
                    values.put(field, value);
                    sources.put(field, labels.get(kind));
                    break;
                }
            }
        }
        return new EffectiveTargets(values, sources);
    }

    public double get(TargetField field) {
        return values.get(field);
    }
}
