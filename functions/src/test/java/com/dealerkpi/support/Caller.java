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

    /** A request without an authorizer block at all. */
    public static Caller anonymous() {
        return new Caller(null);
    }

    public static Caller withClaims(Map<String, String> claims) {
        return new Caller(claims);
    }
}
