package com.dealerkpi.lambda;

import com.dealerkpi.api.auth.ClaimNames;
import com.dealerkpi.store.TableLayout;
import com.dealerkpi.telemetry.Telemetry;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The function's settings, from its environment (template.yaml declares every variable but the SDK's two tuning
 * knobs; the local runner passes the same names). An empty value means "not set", so `sam local --env-vars` can switch a setting off. Defaults
 * are documented in the README.
 */
public record Config(String tableName, String region, Optional<URI> dynamodbEndpoint, String dealershipClaim,
                     String roleClaim, String nationalRole, String groupsClaim, int maxAttempts, Duration attemptTimeout,
                     Optional<String> cursorSecretArn, boolean deployed, boolean localPrincipalHeader,
                     Telemetry.Level logLevel, int rollUpParallelism, Duration rollUpBudget, int networkShards,
                     String codeVersion) {

    public static final String TABLE_NAME = "TABLE_NAME";
    public static final String DYNAMODB_ENDPOINT = "DYNAMODB_ENDPOINT";
    public static final String DEALERSHIP_CLAIM = "DEALERSHIP_CLAIM";
    public static final String ROLE_CLAIM = "ROLE_CLAIM";
    public static final String NATIONAL_ROLE = "NATIONAL_ROLE";
    public static final String GROUPS_CLAIM = "GROUPS_CLAIM";
    public static final String MAX_ATTEMPTS = "DYNAMODB_MAX_ATTEMPTS";
    public static final String ATTEMPT_TIMEOUT_MS = "DYNAMODB_ATTEMPT_TIMEOUT_MS";
    public static final String CURSOR_SECRET_ARN = "CURSOR_SECRET_ARN";
    public static final String LOCAL_PRINCIPAL = "LOCAL_PRINCIPAL";
    public static final String ROLL_UP_PARALLELISM = "ROLL_UP_PARALLELISM";
    public static final String ROLL_UP_BUDGET_MS = "ROLL_UP_BUDGET_MS";
    public static final String NETWORK_SHARDS = "NETWORK_SHARDS";

    public static Config from(Map<String, String> env) {
        return new Config(
                value(env, TABLE_NAME).orElse("DealerKpi"),
                value(env, "AWS_REGION").orElse("us-east-1"),
                value(env, DYNAMODB_ENDPOINT).map(URI::create),
                value(env, DEALERSHIP_CLAIM).orElse("custom:dealershipId"),
                value(env, ROLE_CLAIM).orElse("custom:role"),
                value(env, NATIONAL_ROLE).orElse("national"),
                value(env, GROUPS_CLAIM).orElse("cognito:groups"),
                Integer.parseInt(value(env, MAX_ATTEMPTS).orElse("4")),
                Duration.ofMillis(Long.parseLong(value(env, ATTEMPT_TIMEOUT_MS).orElse("3000"))),
                value(env, CURSOR_SECRET_ARN),
                isDeployedLambda(env),
                // sam local start-api runs no JWT authorizer; a deployed function never takes a header for claims
                !isDeployedLambda(env) && value(env, LOCAL_PRINCIPAL).filter("header"::equals).isPresent(),
                // the template's LoggingConfig: Lambda passes ApplicationLogLevel as AWS_LAMBDA_LOG_LEVEL
                Telemetry.Level.parse(env.get("AWS_LAMBDA_LOG_LEVEL"), Telemetry.Level.INFO),
                // dealerships a roll-up reads at once (README, Performance: measured and why)
                Integer.parseInt(value(env, ROLL_UP_PARALLELISM).orElse("32")),
                // inside the report function's 29 s timeout and the HTTP API's 30 s, with room to answer
                Duration.ofMillis(Long.parseLong(value(env, ROLL_UP_BUDGET_MS).orElse("25000"))),
                // the table's layout: every function of a stack must use the same (README, "Hot items")
                Integer.parseInt(value(env, NETWORK_SHARDS).orElse(Integer.toString(TableLayout.NETWORK_SHARDS))),
                // Lambda's: the version of the function published by this deployment (the template's AutoPublishAlias)
                value(env, "AWS_LAMBDA_FUNCTION_VERSION").orElse("local"));
    }

    public ClaimNames claimNames() {
        return new ClaimNames(dealershipClaim, roleClaim, nationalRole, groupsClaim);
    }

    /** Lambda names every function it runs; sam local does too but marks itself with AWS_SAM_LOCAL=true. */
    static boolean isDeployedLambda(Map<String, String> env) {
        return value(env, "AWS_LAMBDA_FUNCTION_NAME").isPresent() && !"true".equals(env.get("AWS_SAM_LOCAL"));
    }

    private static Optional<String> value(Map<String, String> env, String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }
}
