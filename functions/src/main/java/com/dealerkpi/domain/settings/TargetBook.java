package com.dealerkpi.domain.settings;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Every scope's targets over time, by {@link TargetScope#key()}: read once for a roll-up of many dealerships. */
public record TargetBook(Map<String, ScopeTargets> byScopeKey) {
    public TargetBook {
        byScopeKey = Map.copyOf(byScopeKey);
    }

    /** The layers that apply to a dealership, as {@code SettingsStore.targetLayers} reads them one by one. */
    public List<EffectiveTargets.Layer> layersFor(Profile profile) {
        List<EffectiveTargets.Layer> layers = new ArrayList<>();
        for (TargetScope scope : TargetScope.applyingTo(profile)) {
            ScopeTargets targets = byScopeKey.get(scope.key());
            if (targets != null) {
                layers.add(new EffectiveTargets.Layer(scope, targets));
            }
        }
        return layers;
    }
}
