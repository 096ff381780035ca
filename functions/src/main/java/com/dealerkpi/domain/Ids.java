package com.dealerkpi.domain;

import java.util.regex.Pattern;

/**
 * Identifier rules. Dealership and agreement ids are 1–64 characters of {@code A-Z a-z 0-9 . _ -}; the
 * store relies on this (no {@code #}, the key delimiter, can appear in an id).
 */
public final class Ids {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    /** Region and brand names: like ids, plus inner spaces ("North West", "Land Rover"). */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-](?:[A-Za-z0-9._ -]{0,62}[A-Za-z0-9._-])?");

    private Ids() {
    }

    public static boolean isValid(String id) {
        return id != null && ID.matcher(id).matches();
    }

    /** A region or brand name, surrounding spaces aside. */
    public static boolean isValidName(String name) {
        return name != null && NAME.matcher(name.trim()).matches();
    }

    /**
     * What identifies a dealer group whatever its spelling: its name trimmed, in lower case, each run of inner spaces
     * an underscore ({@code Arnold Clark} = {@code arnold_clark}). A user pool's group names it so: a token's groups
     * claim arrives as one space-separated list, where a name could not keep its spaces.
     */
    public static String groupKey(String name) {
        return name.trim().toLowerCase(java.util.Locale.ROOT).replaceAll(" +", "_");
    }

    /** Returns the name, or throws an error that names the field and the rule. */
    public static String requireName(String field, String name) {
        if (!isValidName(name)) {
            throw new InvalidInputException(field, "must be 1-64 characters of A-Z a-z 0-9 . _ - and inner spaces");
        }
        return name;
    }

    /** Returns the id, or throws an error that names the field and the rule. */
    public static String require(String field, String id) {
        if (!isValid(id)) {
            throw new InvalidInputException(field, "must be 1-64 characters of A-Z a-z 0-9 . _ -");
        }
        return id;
    }
}
