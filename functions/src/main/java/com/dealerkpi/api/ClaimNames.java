package com.dealerkpi.api;

/** Which JWT claims name the caller's dealership and role, and the role value of national management. */
public record ClaimNames(String dealershipClaim, String roleClaim, String nationalRole) {
}
