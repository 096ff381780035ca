package com.dealerkpi.app;

import com.dealerkpi.domain.AuditEntry;
import com.dealerkpi.domain.Profile;
import com.dealerkpi.domain.TargetField;
import com.dealerkpi.domain.TargetRates;
import com.dealerkpi.domain.TargetScope;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * National management's changes to profiles and target overrides. Each change is read, applied and written
 * back only if nobody changed the item meanwhile (retried a few times otherwise), with who/when and the
 * previous value recorded in the same write. A change that changes nothing records nothing.
 */
public final class Settings {
    private static final int ATTEMPTS = 5;

    private final SettingsStore store;
    private final Clock clock;

    public Settings(SettingsStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public SettingsStore.Versioned<Profile> updateProfile(String dealershipId, UnaryOperator<Profile> change, String by) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<SettingsStore.Versioned<Profile>> current = store.profile(dealershipId);
            Profile before = current.map(SettingsStore.Versioned::value).orElse(Profile.unknown(dealershipId));
            long version = current.map(SettingsStore.Versioned::version).orElse(0L);
            Profile after = change.apply(before);
            if (current.isPresent() && after.equals(before)) {
                return current.get();
            }
            Map<String, Object> previous = current.isPresent() ? before.fields() : Map.of();
            AuditEntry entry = new AuditEntry(clock.instant(), by, current.isPresent() ? "UPDATE" : "CREATE", previous, after.fields());
            if (store.saveProfile(after, version, entry)) {
                return store.profile(dealershipId).orElseThrow();
            }
        }
        throw new ConcurrentChangeException("The profile of dealership " + dealershipId);
    }

    public Optional<SettingsStore.Versioned<Profile>> profile(String dealershipId) {
        return store.profile(dealershipId);
    }

    public Optional<SettingsStore.Versioned<TargetRates>> targets(TargetScope scope) {
        return store.targets(scope);
    }

    /** Replaces the given fields of a scope's override; the others stay. */
    public SettingsStore.Versioned<TargetRates> putTargets(TargetScope scope, TargetRates changes, String by) {
        return changeTargets(scope, current -> current.merge(changes), "PUT", by);
    }

    /** Removes a scope's override (its history stays). */
    public SettingsStore.Versioned<TargetRates> deleteTargets(TargetScope scope, String by) {
        return changeTargets(scope, current -> TargetRates.none(), "DELETE", by);
    }

    private SettingsStore.Versioned<TargetRates> changeTargets(TargetScope scope, UnaryOperator<TargetRates> change,
                                                               String action, String by) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<SettingsStore.Versioned<TargetRates>> current = store.targets(scope);
            TargetRates before = current.map(SettingsStore.Versioned::value).orElse(TargetRates.none());
            long version = current.map(SettingsStore.Versioned::version).orElse(0L);
            TargetRates after = change.apply(before);
            if (after.equals(before)) {
                return current.orElse(new SettingsStore.Versioned<>(before, 0, java.util.List.of()));
            }
            AuditEntry entry = new AuditEntry(clock.instant(), by, action, fields(before), fields(after));
            if (store.saveTargets(scope, after, version, entry)) {
                return store.targets(scope).orElseThrow();
            }
        }
        throw new ConcurrentChangeException("The targets of " + scope.label());
    }

    public static Map<String, Object> fields(TargetRates rates) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (TargetField field : TargetField.values()) {
            if (rates.values().containsKey(field)) {
                fields.put(field.json(), rates.values().get(field));
            }
        }
        return fields;
    }
}
