package com.dealerkpi.api.auth;

import java.util.List;

/**
 * Which JWT claims identify the caller: the dealership and role claims (custom attributes, in Cognito ID tokens),
 * the role value of national management, and the groups claim (in Cognito access tokens too), where the group named
 * like the national role means national management and {@code dealer-<dealershipId>} a dealership's staff.
 */
public record ClaimNames(String dealershipClaim, String roleClaim, String nationalRole, String groupsClaim) {
    /** The group of a dealership's staff is this prefix and its id. */
    public static final String DEALER_GROUP_PREFIX = "dealer-";
    /** The role claim's values for a dealership's staff (the first is what the local runner puts in its claims). */
    public static final List<String> DEALER_ROLES = List.of("dealer", "dealership");
}
