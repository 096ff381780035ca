package com.dealerkpi.support;

import java.util.LinkedHashMap;
import java.util.Map;

/** The JWT claims a test request carries, as the HTTP API's JWT authorizer would pass them (default claim names). */
public record Caller(Map<String, String> claims) {

    public static Caller national() {
        return new Caller(Map.of("sub", "national-user", "custom:role", "national", "iss", "https://issuer.example"));
    }

    public static Caller dealer(String dealershipId) {
        Map<String, String> claims = new LinkedHashMap<>();
        claims.put("sub", "user-" + dealershipId);
        claims.put("custom:role", "dealer");
        claims.put("custom:dealershipId", dealershipId);
        claims.put("iss", "https://issuer.example");
        return new Caller(claims);
    }

    /**
     * A Cognito access token's claims as the HTTP API's JWT authorizer passes them: no custom attributes, the groups
     * as one bracketed, space-separated string.
     */
    public static Caller withGroups(String subject, String... groups) {
        Map<String, String> claims = new LinkedHashMap<>();
        claims.put("sub", subject);
        claims.put("cognito:groups", "[" + String.join(" ", groups) + "]");
        claims.put("client_id", "dashboard-client");
        claims.put("token_use", "access");
        claims.put("scope", "openid");
        claims.put("iss", "https://cognito-idp.eu-west-2.amazonaws.com/eu-west-2_Example");
        return new Caller(claims);
    }

    /** A dealer group's manager, as a user pool's access token names the group ({@code group-Arnold_Clark}). */
    public static Caller groupManager(String group) {
        return withGroups("manager-" + group, "group-" + group.trim().replace(' ', '_'));
    }

    /** A request without an authorizer block at all. */
    public static Caller anonymous() {
        return new Caller(null);
    }

    public static Caller withClaims(Map<String, String> claims) {
        return new Caller(claims);
    }
}
