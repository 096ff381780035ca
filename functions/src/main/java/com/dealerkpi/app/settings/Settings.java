package com.dealerkpi.app.settings;

import com.dealerkpi.app.common.ConcurrentChangeException;
import com.dealerkpi.app.common.DealershipRegistry;
import com.dealerkpi.app.counts.Aggregates;
import com.dealerkpi.domain.counts.Bucketing;
import com.dealerkpi.domain.settings.AuditEntry;
import com.dealerkpi.domain.settings.Profile;
import com.dealerkpi.domain.settings.ProfileChange;
import com.dealerkpi.domain.settings.ScopeTargets;
import com.dealerkpi.domain.settings.TargetChange;
import com.dealerkpi.domain.settings.TargetField;
import com.dealerkpi.domain.settings.TargetScope;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * National management's changes to profiles and targets. Each change is read, applied and written back only if
 * nobody changed the item meanwhile (retried a few times otherwise), with who/when recorded in the same write. A
 * change that changes nothing records nothing.
 */
public final class Settings {
    private static final int ATTEMPTS = 5;

    private final SettingsStore store;
    private final DealershipRegistry registry;
    private final Aggregates aggregates;
    private final Clock clock;

    /**
     * @param registry   the dealerships with accepted updates (a dealership target's warning reads it)
     * @param aggregates rebuilt in a dealership's new time zone or dealer group when its profile changes either
     */
    public Settings(SettingsStore store, DealershipRegistry registry, Aggregates aggregates, Clock clock) {
        this.store = store;
        this.registry = registry;
        this.aggregates = aggregates;
        this.clock = clock;
    }

    /** A scope's targets after a change, and anything the caller should know about it. */
    public record TargetsChanged(SettingsStore.Versioned<ScopeTargets> targets, List<String> warnings) {
    }

    public Optional<SettingsStore.Versioned<Profile>> profile(String dealershipId) {
        return store.profile(dealershipId);
    }

    /** The dealer group a dealership is in now: what a group's managers may see of it depends on nothing else. */
    public Optional<String> groupOf(String dealershipId) {
        return store.groupOf(dealershipId);
    }

    public SettingsStore.Versioned<Profile> updateProfile(String dealershipId, ProfileChange change, String by) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<SettingsStore.Versioned<Profile>> current = store.profile(dealershipId);
            Profile before = current.map(SettingsStore.Versioned::value).orElse(Profile.unknown(dealershipId));
            long version = current.map(SettingsStore.Versioned::version).orElse(0L);
            Profile after = change.applyTo(before, clock.instant());
            if (current.isPresent() && after.equals(before)) {
                return current.get();
            }
            LocalDate today = LocalDate.now(clock.withZone(after.timezone()));
            AuditEntry entry = new AuditEntry(clock.instant(), by, current.isPresent() ? "UPDATE" : "CREATE",
                    current.isPresent() ? ProfileFields.of(before, today) : Map.of(), withGiven(ProfileFields.of(after, today), change));
            if (store.saveProfile(before, after, version, entry)) {
                if (!Bucketing.of(after).equals(Bucketing.of(before))) {
                    // if this is cut off, the sweep sees the bucketings differ and does the same
                    aggregates.rebucket(dealershipId, Bucketing.of(after));
                }
                return store.profile(dealershipId).orElseThrow();
            }
        }
        throw new ConcurrentChangeException("The profile of dealership " + dealershipId);
    }

    public Optional<SettingsStore.Versioned<ScopeTargets>> targets(TargetScope scope) {
        return store.targets(scope);
    }

    /** Sets the given fields of a scope from {@code effectiveFrom} (null: the month of the change) on. */
    public TargetsChanged putTargets(TargetScope scope, Map<TargetField, Double> values, YearMonth effectiveFrom, String by) {
        return change(scope, new TargetChange(effectiveFrom, clock.instant(), by, TargetChange.Action.PUT, values));
    }

    /** Unsets every field of a scope from {@code effectiveFrom} (null: the month of the change) on. */
    public TargetsChanged deleteTargets(TargetScope scope, YearMonth effectiveFrom, String by) {
        return change(scope, new TargetChange(effectiveFrom, clock.instant(), by, TargetChange.Action.DELETE, Map.of()));
    }

    private TargetsChanged change(TargetScope scope, TargetChange change) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<SettingsStore.Versioned<ScopeTargets>> current = store.targets(scope);
            long version = current.map(SettingsStore.Versioned::version).orElse(0L);
            if (store.appendTargetChange(scope, change, version)) {
                return new TargetsChanged(store.targets(scope).orElseThrow(), warnings(scope));
            }
        }
        throw new ConcurrentChangeException("The targets of " + scope.label());
    }

    /** A region, brand or dealership that nothing names yet: accepted, but worth a word (a typo?). */
    private List<String> warnings(TargetScope scope) {
        List<String> warnings = new ArrayList<>();
        switch (scope.kind()) {
            case REGION, BRAND, GROUP -> {
                boolean unused = switch (scope.kind()) {
                    case REGION -> store.profilesInRegion(scope.name()).isEmpty();
                    case BRAND -> store.profilesOfBrand(scope.name()).isEmpty();
                    default -> store.profilesInGroup(scope.name()).isEmpty();
                };
                if (unused) {
                    warnings.add("No dealership has " + scope.kind().name().toLowerCase(Locale.ROOT) + " '"
                            + scope.name() + "' yet: these targets apply once a dealership's profile names it.");
                }
            }
            case DEALERSHIP -> {
                if (store.profile(scope.name()).isEmpty() && !registry.isRegistered(scope.name())) {
                    warnings.add("Dealership " + scope.name() + " has no profile and no status updates yet: these"
                            + " targets apply once it has either (check the id).");
                }
            }
            case NATIONAL -> {
                // national targets apply to every dealership there is or will be
            }
        }
        return warnings;
    }

    private static Map<String, Object> withGiven(Map<String, Object> fields, ProfileChange change) {
        Map<String, Object> next = new LinkedHashMap<>(fields);
        if (change.effectiveFrom() != null) {
            next.put("databaseSize", change.databaseSize());
            next.put("effectiveFrom", change.effectiveFrom().toString());
        }
        return next;
    }
}
