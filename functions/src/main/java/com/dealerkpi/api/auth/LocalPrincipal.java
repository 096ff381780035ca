package com.dealerkpi.api.auth;

import com.dealerkpi.domain.Ids;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Local runs' stand-in for a JWT: {@code national}, {@code group:<group>} or {@code dealer:<dealershipId>} (the {@code X-Local-Principal}
 * header) becomes the claims a real authorizer would put in the event. The local runner applies it to every
 * request; {@code sam local start-api}, which runs no JWT authorizer, gets it through {@link Authorizer} when
 * a local run opts in. A deployed function never reads the header.
 */
public final class LocalPrincipal {
    public static final String HEADER = "X-Local-Principal";

    private LocalPrincipal() {
    }

    /**
     * Whether a request names a loopback server as it is reached (or names none). A browser sends another name only
     * when a web site's name was resolved to 127.0.0.1 (DNS rebinding): that page would otherwise act as any local
     * principal it names, national management included.
     */
    public static boolean addressedToLoopback(String host) {
        if (host == null) {
            return true;
        }
        String name = host.startsWith("[") ? host.substring(0, host.indexOf(']') + 1) : host.replaceFirst(":\\d*$", "");
        return name.equalsIgnoreCase("localhost") || name.equals("127.0.0.1") || name.equals("[::1]");
    }

    /** The claims for a principal spec; empty (no identity: 401) when the spec is malformed. */
    public static Optional<Map<String, String>> claims(String spec, ClaimNames names) {
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
            claims.put(names.roleClaim(), names.nationalRole());
            return Optional.of(claims);
        }
        if (value.startsWith("group:") && Ids.isValidName(value.substring("group:".length()))) {
            // as a user pool's access token has it: the group in the groups claim, no role or dealership claim
            String group = Ids.groupKey(value.substring("group:".length()));
            claims.put("sub", "local-group-" + group);
            claims.put(names.groupsClaim(), "[" + ClaimNames.GROUP_MANAGERS_PREFIX + group + "]");
            return Optional.of(claims);
        }
        if (value.startsWith("dealer:") && value.length() > "dealer:".length()) {
            String dealershipId = value.substring("dealer:".length());
            claims.put("sub", "local-dealer-" + dealershipId);
            claims.put(names.roleClaim(), ClaimNames.DEALER_ROLES.get(0));
            claims.put(names.dealershipClaim(), dealershipId);
            return Optional.of(claims);
        }
        return Optional.empty();
    }
}
