package com.dealerkpi.api;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Settings from the function's environment (template.yaml sets them; the local runner passes the same
 * names). Defaults are documented in the README.
 */
public record Config(String tableName, String region, Optional<URI> dynamodbEndpoint, String dealershipClaim,
                     String roleClaim, String nationalRole, int maxAttempts, Duration attemptTimeout,
                     byte[] cursorSecret) {

    public static final String TABLE_NAME = "TABLE_NAME";
    public static final String DYNAMODB_ENDPOINT = "DYNAMODB_ENDPOINT";
    public static final String DEALERSHIP_CLAIM = "DEALERSHIP_CLAIM";
    public static final String ROLE_CLAIM = "ROLE_CLAIM";
    public static final String NATIONAL_ROLE = "NATIONAL_ROLE";
    public static final String MAX_ATTEMPTS = "DYNAMODB_MAX_ATTEMPTS";
    public static final String ATTEMPT_TIMEOUT_MS = "DYNAMODB_ATTEMPT_TIMEOUT_MS";
    public static final String CURSOR_SECRET = "CURSOR_SECRET";

    public static Config from(Map<String, String> env) {
        String endpoint = env.get(DYNAMODB_ENDPOINT);
        return new Config(
                env.getOrDefault(TABLE_NAME, "DealerKpi"),
                env.getOrDefault("AWS_REGION", "us-east-1"),
                endpoint == null || endpoint.isBlank() ? Optional.empty() : Optional.of(URI.create(endpoint)),
                env.getOrDefault(DEALERSHIP_CLAIM, "custom:dealershipId"),
                env.getOrDefault(ROLE_CLAIM, "custom:role"),
                env.getOrDefault(NATIONAL_ROLE, "national"),
                Integer.parseInt(env.getOrDefault(MAX_ATTEMPTS, "4")),
                Duration.ofMillis(Long.parseLong(env.getOrDefault(ATTEMPT_TIMEOUT_MS, "3000"))),
                cursorSecret(env));
    }

    /**
     * The key that signs page cursors. Deployments set CURSOR_SECRET (template.yaml does); without it the key is
     * derived from the table name, which is enough for local runs but guessable.
     */
    private static byte[] cursorSecret(Map<String, String> env) {
        String secret = env.get(CURSOR_SECRET);
        if (secret == null || secret.isBlank()) {
            secret = "dealer-kpi-local-cursor-key:" + env.getOrDefault(TABLE_NAME, "DealerKpi");
        }
        return secret.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
