package com.dealerkpi.domain.settings;

import com.dealerkpi.domain.Ids;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where a target override applies: everywhere, a region, a brand, a dealer group or one dealership. A dealership's
 * effective targets take each field from the most specific scope that sets it. Region and brand names match
 * case-insensitively and ignoring surrounding spaces ({@code ford} = {@code Ford}), group names as
 * {@link Ids#groupKey} says; the name as given is kept for display.
 */
public record TargetScope(Kind kind, String name) {

    public enum Kind { NATIONAL, REGION, BRAND, GROUP, DEALERSHIP }

    public static TargetScope national() {
        return new TargetScope(Kind.NATIONAL, null);
    }

    public static TargetScope region(String region) {
        return new TargetScope(Kind.REGION, Ids.requireName("region", region).trim());
    }

    public static TargetScope brand(String brand) {
        return new TargetScope(Kind.BRAND, Ids.requireName("brand", brand).trim());
    }

    public static TargetScope group(String group) {
        return new TargetScope(Kind.GROUP, Ids.requireName("group", group).trim());
    }

    public static TargetScope dealership(String dealershipId) {
        return new TargetScope(Kind.DEALERSHIP, Ids.require("dealershipId", dealershipId));
    }

    /** Every scope that can apply to a dealership, spelled as its profile spells its region and brand. */
    public static List<TargetScope> applyingTo(Profile profile) {
        List<TargetScope> scopes = new ArrayList<>(List.of(national(), dealership(profile.dealershipId())));
        if (profile.region() != null) {
            scopes.add(region(profile.region()));
        }
        if (profile.brand() != null) {
            scopes.add(brand(profile.brand()));
        }
        if (profile.group() != null) {
            scopes.add(group(profile.group()));
        }
        return scopes;
    }

    /** The form in which region and brand names match: trimmed, lower case. */
    public static String matchKey(String name) {
        return name.trim().toLowerCase(Locale.ROOT);
    }

    /** How the scope is named in answers ({@code targets.source}): {@code brand:Ford}. */
    public String label() {
        return switch (kind) {
            case NATIONAL -> "national";
            case REGION -> "region:" + name;
            case BRAND -> "brand:" + name;
            case GROUP -> "group:" + name;
            case DEALERSHIP -> "dealership:" + name;
        };
    }

    /** What identifies the scope whatever its spelling: {@code brand:ford}, {@code group:arnold_clark}. */
    public String key() {
        return switch (kind) {
            case REGION -> "region:" + matchKey(name);
            case BRAND -> "brand:" + matchKey(name);
            case GROUP -> "group:" + Ids.groupKey(name);
            case NATIONAL, DEALERSHIP -> label();
        };
    }
}
