package com.dealerkpi.domain;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The targets that apply to one dealership, each field with the scope that supplied it. */
public record EffectiveTargets(Map<TargetField, Double> values, Map<TargetField, String> sources) {

    /** A scope's override, as found in the store. */
    public record Layer(TargetScope scope, TargetRates rates) {
    }

    /**
     * Field by field, the most specific scope that sets it wins: dealership, brand, region, national, then the
     * defaults. {@code layers} may come in any order; scopes the dealership does not belong to must not be passed.
     */
    public static EffectiveTargets merge(List<Layer> layers) {
        Map<TargetField, Double> values = new EnumMap<>(TargetField.class);
        Map<TargetField, String> sources = new EnumMap<>(TargetField.class);
        for (TargetField field : TargetField.values()) {
            values.put(field, field.defaultValue());
            sources.put(field, "default");
            for (TargetScope.Kind kind : new TargetScope.Kind[]{
                    TargetScope.Kind.DEALERSHIP, TargetScope.Kind.BRAND, TargetScope.Kind.REGION, TargetScope.Kind.NATIONAL}) {
                Layer layer = layers.stream().filter(l -> l.scope().kind() == kind).findFirst().orElse(null);
                if (layer != null && layer.rates().values().containsKey(field)) {
                    values.put(field, layer.rates().values().get(field));
                    sources.put(field, layer.scope().label());
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
