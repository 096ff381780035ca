package com.dealerkpi.local;

import com.dealerkpi.lambda.Config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The local runner's stand-in for a JWT: {@code national} or {@code dealer:<dealershipId>} becomes the
 * claims a real authorizer would put in the event. Only the runner reads this; the handlers never do.
 */
final class LocalPrincipal {
    static final String HEADER = "X-Local-Principal";

    private LocalPrincipal() {
    }

    /** The claims for a principal spec; empty (no identity: 401) when the spec is malformed. */
    static Optional<Map<String, String>> claims(String spec, Config config) {
        if (spec == null) {
            return Optional.empty();
        }
        String value = spec.trim();
        Map<String, String> claims = new LinkedHashMap<>();
        claims.put("iss", "http://127.0.0.1/local-runner");
        claims.put("aud", "dealer-kpi-local");
        claims.put("token_use", "access");
        if (value.equals("national")) {
            claims.put("sub", "local-national");
            claims.put(config.roleClaim(), config.nationalRole());
            return Optional.of(claims);
        }
        if (value.startsWith("dealer:") && value.length() > "dealer:".length()) {
            String dealershipId = value.substring("dealer:".length());
            claims.put("sub", "local-dealer-" + dealershipId);
            claims.put(config.roleClaim(), "dealer");
            claims.put(config.dealershipClaim(), dealershipId);
            return Optional.of(claims);
        }
        return Optional.empty();
    }
}
