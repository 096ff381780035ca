package com.dealerkpi.app;

import com.dealerkpi.domain.AuditEntry;
import com.dealerkpi.domain.EffectiveTargets;
import com.dealerkpi.domain.Profile;
import com.dealerkpi.domain.TargetRates;
import com.dealerkpi.domain.TargetScope;

import java.util.List;
import java.util.Optional;

/**
 * Dealership profiles and target overrides. Each is one item carrying its version and change history;
 * a save is one conditional write on the version read (optimistic concurrency), so a change and its
 * audit entry are stored together or not at all.
 */
public interface SettingsStore {

    /** A stored value with its version (0 = never stored) and change history, oldest first. */
    record Versioned<T>(T value, long version, List<AuditEntry> history) {
    }

    Optional<Versioned<Profile>> profile(String dealershipId);

    /** Stores a profile if its version is still {@code expectedVersion}; false when someone else changed it first. */
    boolean saveProfile(Profile profile, long expectedVersion, AuditEntry change);

    /** Every dealership with a profile (national roll-up). */
    List<Profile> allProfiles();

    List<Profile> profilesInRegion(String region);

    List<Profile> profilesOfBrand(String brand);

    Optional<Versioned<TargetRates>> targets(TargetScope scope);

    /** Stores a scope's override if its version is still {@code expectedVersion}; false on a concurrent change. */
    boolean saveTargets(TargetScope scope, TargetRates rates, long expectedVersion, AuditEntry change);

    /** The overrides that can apply to a dealership (its own, its brand's, its region's, national), in one read. */
    List<EffectiveTargets.Layer> targetLayers(Profile profile);

    /** One read of a key no item has: reaches the store, changes nothing (priming, health). */
    void ping();
}
