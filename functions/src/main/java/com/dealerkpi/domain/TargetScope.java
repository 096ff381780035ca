package com.dealerkpi.domain;

/**
 * Where a target override applies: everywhere, a region, a brand or one dealership. A dealership's
 * effective targets take each field from the most specific scope that sets it.
 */
public record TargetScope(Kind kind, String name) {

    public enum Kind { NATIONAL, REGION, BRAND, DEALERSHIP }

    public static TargetScope national() {
        return new TargetScope(Kind.NATIONAL, null);
    }

    public static TargetScope region(String region) {
        return new TargetScope(Kind.REGION, Ids.requireName("region", region));
    }

    public static TargetScope brand(String brand) {
        return new TargetScope(Kind.BRAND, Ids.requireName("brand", brand));
    }

    public static TargetScope dealership(String dealershipId) {
        return new TargetScope(Kind.DEALERSHIP, Ids.require("dealershipId", dealershipId));
    }

    /** How the scope is named in answers ({@code targets.source}) and in the store: {@code brand:Ford}. */
    public String label() {
        return switch (kind) {
            case NATIONAL -> "national";
            case REGION -> "region:" + name;
            case BRAND -> "brand:" + name;
            case DEALERSHIP -> "dealership:" + name;
        };
    }
}
