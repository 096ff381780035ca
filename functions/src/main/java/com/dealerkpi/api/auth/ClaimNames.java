package com.dealerkpi.api.auth;

import java.util.List;

/**
 * Which JWT claims identify the caller: the dealership and role claims (custom attributes, in Cognito ID tokens),
 * the role value of national management, and the groups claim (in Cognito access tokens too), where the group named
 * like the national role means national management, {@code group-<group>} a dealer group's managers and
 * {@code dealer-<dealershipId>} a dealership's staff.
 */
public record ClaimNames(String dealershipClaim, String roleClaim, String nationalRole, String groupsClaim) {
    /** The group of a dealership's staff is this prefix and its id. */
    public static final String DEALER_GROUP_PREFIX = "dealer-";
    /**
     * The user pool's group of a dealer group's managers is this prefix and the group's name, its spaces written as
     * underscores ({@code group-Arnold_Clark}): the claim's list is space-separated.
     */
    public static final String GROUP_MANAGERS_PREFIX = "group-";
    /** The role claim's values for a dealership's staff (the first is what the local runner puts in its claims). */
    public static final List<String> DEALER_ROLES = List.of("dealer", "dealership");
}
