package com.dealerkpi.domain.counts;

import com.dealerkpi.domain.Ids;
import com.dealerkpi.domain.settings.Profile;

import java.time.ZoneId;

/**
 * What a dealership's aggregates are laid out by, as its profile says: the zone its days and months are local to, and
 * its dealer group ({@link Ids#groupKey}; null for none), whose share of the network's items holds the copies of all
 * its dealerships, so that the group's roll-up reads that share alone. A change of either starts a new generation.
 */
public record Bucketing(ZoneId zone, String group) {

    public static Bucketing of(Profile profile) {
        return new Bucketing(profile.timezone(), profile.group() == null ? null : Ids.groupKey(profile.group()));
    }
}
