package com.dealerkpi.app.settings;

import com.dealerkpi.app.counts.Sweep;
import com.dealerkpi.domain.counts.Bucketing;
import com.dealerkpi.domain.settings.AuditEntry;
import com.dealerkpi.domain.settings.EffectiveTargets;
import com.dealerkpi.domain.settings.Profile;
import com.dealerkpi.domain.settings.ScopeTargets;
import com.dealerkpi.domain.settings.TargetBook;
import com.dealerkpi.domain.settings.TargetChange;
import com.dealerkpi.domain.settings.TargetScope;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Dealership profiles and target overrides. Each is one item carrying its version and its changes; a save is one
 * conditional write on the version read (optimistic concurrency), so a change and its record are stored together
 * or not at all.
 */
public interface SettingsStore {

    /** A stored value with its version (0 = never stored) and change history, oldest first. */
    record Versioned<T>(T value, long version, List<AuditEntry> history) {
    }

    Optional<Versioned<Profile>> profile(String dealershipId);

    /** The dealer group a dealership's profile names, read consistently and alone (empty: none, or no profile). */
    Optional<String> groupOf(String dealershipId);

    /**
     * Stores a profile if its version is still {@code expectedVersion} (whose profile was {@code before}: unknown
     * if none); false when someone else changed it first.
     */
    boolean saveProfile(Profile before, Profile profile, long expectedVersion, AuditEntry change);

    /** Every dealership with a profile (national roll-up). */
    List<Profile> allProfiles();

    /**
     * The dealerships of a region, matched case-insensitively and ignoring surrounding spaces, as their profiles say
     * now: one that has just joined is in, one that has just left out.
     */
    List<Profile> profilesInRegion(String region);

    /** The dealerships of a brand, matched like regions. */
    List<Profile> profilesOfBrand(String brand);

    /** The dealerships of a dealer group, matched as {@link com.dealerkpi.domain.Ids#groupKey} says, as a region's. */
    List<Profile> profilesInGroup(String group);

    /**
     * Every profile's bucketing (its time zone and dealer group), from one consistent read of them all, with what is
     * kept beside the profiles brought in line with them on the way: each profile's entry in the group index (a
     * profile saved before the index existed, or by a version that did not keep it, is indexed or unindexed now), and
     * the copies a region, brand or group reads its dealerships from (saves cut off before the upkeep's
     * {@code settledBefore} are settled; profiles saved without copies are copied). What could not be mended is handed
     * to {@code failed}, and the rest goes on: every bucketing is answered whatever the writes did.
     */
    Map<String, Bucketing> maintainProfiles(Sweep.Upkeep upkeep, Consumer<RuntimeException> failed);

    /** A scope's targets over time (its changes are its history). */
    Optional<Versioned<ScopeTargets>> targets(TargetScope scope);

    /** Appends a change to a scope's targets if its version is still {@code expectedVersion}; false otherwise. */
    boolean appendTargetChange(TargetScope scope, TargetChange change, long expectedVersion);

    /**
     * The targets over time of every scope that can apply to a dealership (its own, its brand's, its region's,
     * national), in one read, labelled with the dealership's spelling of its region and brand.
     */
    List<EffectiveTargets.Layer> targetLayers(Profile profile);

    /** Every scope's targets over time, in one read (a roll-up over many dealerships reads them once). */
    TargetBook allTargets();

}
