package com.dealerkpi.store;

import com.dealerkpi.domain.settings.ScopeTargets;
import com.dealerkpi.domain.settings.TargetChange;
import com.dealerkpi.domain.settings.TargetField;
import com.dealerkpi.domain.settings.TargetScope;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import static com.dealerkpi.store.AttributeMaps.s;
import static com.dealerkpi.store.TableLayout.*;

/** A target scope's item: its key and its list of changes, each under the table's attribute names. */
final class TargetItems {
    private TargetItems() {
    }

    static Map<String, AttributeValue> key(TargetScope scope) {
        return Map.of(PK, s(TARGETS_PK), SK, s(scope.key()));
    }

    static ScopeTargets scopeTargets(Map<String, AttributeValue> item) {
        List<TargetChange> changes = new ArrayList<>();
        if (item.containsKey(TARGET_CHANGES)) {
            for (AttributeValue change : item.get(TARGET_CHANGES).l()) {
                changes.add(targetChange(change.m()));
            }
        }
        return new ScopeTargets(changes);
    }

    private static TargetChange targetChange(Map<String, AttributeValue> m) {
        Map<TargetField, Double> values = new EnumMap<>(TargetField.class);
        Map<String, AttributeValue> stored = m.get(CHANGE_VALUE).m();
        for (TargetField field : TargetField.values()) {
            if (stored.containsKey(targetAttribute(field))) {
                values.put(field, Double.parseDouble(stored.get(targetAttribute(field)).n()));
            }
        }
        return new TargetChange(StoredChanges.effectiveMonth(m), Instant.parse(m.get(CHANGE_AT).s()), m.get(CHANGE_BY).s(),
                TargetChange.Action.valueOf(m.get(CHANGE_ACTION).s()), values);
    }

    static AttributeValue change(TargetChange change) {
        Map<String, AttributeValue> stored = new LinkedHashMap<>();
        change.values().forEach((field, value) -> stored.put(targetAttribute(field), AttributeValue.fromN(Double.toString(value))));
        Map<String, AttributeValue> m = StoredChanges.attributes(change.effectiveFrom(), change.at());
        m.put(CHANGE_BY, s(change.by()));
        m.put(CHANGE_ACTION, s(change.action().name()));
        m.put(CHANGE_VALUE, AttributeValue.fromM(stored));
        return AttributeValue.fromM(m);
    }
}
