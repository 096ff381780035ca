package com.dealerkpi.local;

import com.dealerkpi.api.http.Route;
import com.dealerkpi.json.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CloudFormation the template becomes, as AWS's own SAM translator (aws-sam-translator) produces it
 * (tools/sam/transform.py), checked for what a deployment needs.
 */
@Tag("backend-free")
class TemplateIT {
    /** Names Lambda keeps for itself: a template that sets one fails to deploy. */
    private static final Set<String> RESERVED = Set.of("_HANDLER", "_X_AMZN_TRACE_ID", "AWS_DEFAULT_REGION", "AWS_REGION",
            "AWS_EXECUTION_ENV", "AWS_LAMBDA_FUNCTION_NAME", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "AWS_LAMBDA_FUNCTION_VERSION",
            "AWS_LAMBDA_INITIALIZATION_TYPE", "AWS_LAMBDA_LOG_GROUP_NAME", "AWS_LAMBDA_LOG_STREAM_NAME", "AWS_ACCESS_KEY",
            "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_LAMBDA_RUNTIME_API", "LAMBDA_TASK_ROOT",
            "LAMBDA_RUNTIME_DIR");
    private static Map<String, Object> resources;
    private static Map<String, Object> parameters;

    @BeforeAll
    static void transform() throws Exception {
        Map<String, Object> template = SamTransform.transform("s3://artifacts/code-v1");
        resources = map(template.get("Resources"));
        parameters = map(template.get("Parameters"));
    }

    @Test
    void everyParameterTheFunctionsReadIsInTheirVersionSoAChangeReachesTheLiveAlias() {
        for (String function : functions()) {
            Map<String, Object> properties = map(map(resources.get(function)).get("Properties"));
            Set<String> used = new HashSet<>();
            map(map(properties.get("Environment")).get("Variables")).values().forEach(value -> {
                if (value instanceof Map<?, ?> ref && ref.containsKey("Ref") && parameters.containsKey(ref.get("Ref"))) {
                    used.add((String) ref.get("Ref"));
                }
            });
            assertFalse(used.isEmpty(), function);
            Map<String, Object> version = versionOf(function);
            String description = String.valueOf(map(map(version.get("Properties")).get("Description")).get("Fn::Sub"));
            for (String parameter : used) {
                assertTrue(description.contains("${" + parameter + "}"), function + " version description lacks " + parameter);
            }
            // CloudFormation replaces a version whose description changed: the live alias follows the new one
            Map<String, Object> alias = resources.values().stream().map(TemplateIT::map)
                    .filter(r -> "AWS::Lambda::Alias".equals(r.get("Type")))
                    .filter(r -> map(map(r.get("Properties")).get("FunctionName")).get("Ref").equals(function))
                    .findFirst().orElseThrow();
            assertEquals("live", map(alias.get("Properties")).get("Name"));
        }
    }

    @Test
    void noSecretAndNoReservedNameInAnyFunctionConfiguration() {
        for (String function : functions()) {
            Map<String, Object> variables = map(map(map(map(resources.get(function)).get("Properties")).get("Environment"))
                    .get("Variables"));
            for (Map.Entry<String, Object> variable : variables.entrySet()) {
                assertFalse(RESERVED.contains(variable.getKey()), function + " sets reserved " + variable.getKey());
                if (variable.getValue() instanceof Map<?, ?> ref && ref.containsKey("Ref") && parameters.containsKey(ref.get("Ref"))) {
                    assertFalse("true".equalsIgnoreCase(String.valueOf(map(parameters.get(ref.get("Ref"))).get("NoEcho"))),
                            function + " puts the NoEcho parameter " + ref.get("Ref") + " in its environment");
                }
                assertFalse(variable.getKey().matches(".*(SECRET|PASSWORD|TOKEN|KEY)$"), function + " " + variable.getKey());
            }
        }
    }

    @Test
    void onlyTheReportFunctionMayReadTheCursorKey() {
        for (String function : functions()) {
            String role = (String) map(map(map(resources.get(function)).get("Properties")).get("Role")).get("Fn::GetAtt")
                    .toString().replaceAll("[\\[\\]]", "").split(",")[0].trim();
            String policies = Json.write(map(resources.get(role)).get("Properties"));
            assertEquals(function.equals("ReportFunction"), policies.contains("secretsmanager:GetSecretValue"), function);
            if (function.equals("ReportFunction")) {
                assertTrue(policies.contains("{\"Ref\":\"CursorKeySecret\"}"), policies);
                assertFalse(policies.contains("\"Resource\":\"*\""), policies);
            }
        }
    }

    @Test
    void everyRouteIsBehindTheJwtAuthorizer() {
        Map<String, Object> api = resources.values().stream().map(TemplateIT::map)
                .filter(r -> "AWS::ApiGatewayV2::Api".equals(r.get("Type"))).findFirst().orElseThrow();
        Map<String, Object> paths = map(map(map(api.get("Properties")).get("Body")).get("paths"));
        int routes = 0;
        for (Object operations : paths.values()) {
            for (Map.Entry<String, Object> operation : map(operations).entrySet()) {
                routes++;
                assertEquals("[{JwtAuthorizer=[]}]", String.valueOf(map(operation.getValue()).get("security")),
                        operation.getKey() + " " + operation.getValue());
            }
        }
        assertEquals(Route.values().length, routes);
    }

    @Test
    void everyVariableOfEnvJsonIsDeclaredSoSamLocalPassesIt() throws IOException {
        Set<String> declared = new HashSet<>();
        for (String function : functions()) {
            declared.addAll(map(map(map(map(resources.get(function)).get("Properties")).get("Environment")).get("Variables")).keySet());
        }
        Map<String, Object> envJson = map(Json.readObject(Files.readString(Path.of("events", "env.json"))).get("Parameters"));
        for (String name : envJson.keySet()) {
            assertTrue(declared.contains(name), "events/env.json sets " + name + ", which no function declares");
        }
    }

    @Test
    void everyFunctionLogsToAGroupWithRetentionInJsonAtTheConfiguredLevelWithTracing() {
        for (String function : functions()) {
            Map<String, Object> properties = map(map(resources.get(function)).get("Properties"));
            Map<String, Object> logging = map(properties.get("LoggingConfig"));
            assertEquals("JSON", logging.get("LogFormat"), function);
            assertEquals(Map.of("Ref", "LogLevel"), logging.get("ApplicationLogLevel"), function);
            String group = (String) map(logging.get("LogGroup")).get("Ref");
            Map<String, Object> logGroup = map(map(resources.get(group)).get("Properties"));
            assertEquals(Map.of("Ref", "LogRetentionDays"), logGroup.get("RetentionInDays"), function);
            assertEquals(Map.of("Mode", "Active"), properties.get("TracingConfig"), function);
        }
    }

    @Test
    void theApiWritesJsonAccessLogsWithRequestRouteStatusLatencyAndCaller() {
        Map<String, Object> stage = resources.values().stream().map(TemplateIT::map)
                .filter(r -> "AWS::ApiGatewayV2::Stage".equals(r.get("Type"))).findFirst().orElseThrow();
        Map<String, Object> access = map(map(stage.get("Properties")).get("AccessLogSettings"));
        String format = String.valueOf(map(access.get("Format")).get("Fn::Sub"));
        for (String field : List.of("$context.requestId", "$context.routeKey", "$context.status", "$context.responseLatency",
                "$context.authorizer.claims.${DealershipClaim}")) {
            assertTrue(format.contains(field), field + " in " + format);
        }
        Json.readObject(format.replace("${DealershipClaim}", "custom:dealershipId"));   // the format is one JSON object
        String group = (String) ((List<?>) map(access.get("DestinationArn")).get("Fn::GetAtt")).get(0);
        assertEquals(Map.of("Ref", "LogRetentionDays"), map(map(resources.get(group)).get("Properties")).get("RetentionInDays"));
    }

    @Test
    void alarmsWatchTheApiTheFunctionsTheTableSnapStartTheStoreAndEveryRoutesLatency() {
        Map<String, Map<String, Object>> alarms = new java.util.TreeMap<>();
        resources.forEach((name, resource) -> {
            if ("AWS::CloudWatch::Alarm".equals(map(resource).get("Type"))) {
                alarms.put(name, map(map(resource).get("Properties")));
            }
        });
        for (String alarm : List.of("ApiServerErrorsAlarm", "FunctionErrorsAlarm", "FunctionThrottlesAlarm", "TableThrottlesAlarm",
                "TableSystemErrorsAlarm", "RestoreErrorsAlarm", "StoreUnavailableAlarm", "ServerErrorsAlarm",
                "AggregateMismatchesAlarm", "AggregatesNotVerifiedAlarm", "AggregatesStuckAlarm")) {
            assertTrue(alarms.containsKey(alarm), alarm);
            assertFalse(((List<?>) alarms.get(alarm).get("AlarmActions")).isEmpty(), alarm + " notifies the topic");
        }
        Set<String> routesWatched = new HashSet<>();
        alarms.values().stream().filter(a -> "Latency".equals(a.get("MetricName")) && "p99".equals(a.get("ExtendedStatistic")))
                .forEach(a -> ((List<?>) a.get("Dimensions")).stream().map(TemplateIT::map)
                        .filter(d -> "Route".equals(d.get("Name"))).forEach(d -> routesWatched.add((String) d.get("Value"))));
        Set<String> routes = new HashSet<>();
        for (Route route : Route.values()) {
            routes.add(route.routeKey());
        }
        assertEquals(routes, routesWatched, "a p99 latency alarm per route");
        String restoreFilters = Json.write(resources);
        assertTrue(restoreFilters.contains("platform.restoreRuntimeDone"), "failed restores are counted from the platform's log");
    }

    @Test
    void everyFunctionShiftsTrafficGraduallyAndRollsBackOnItsAlarms() {
        int groups = 0;
        for (Map.Entry<String, Object> resource : resources.entrySet()) {
            if ("AWS::CodeDeploy::DeploymentGroup".equals(map(resource.getValue()).get("Type"))) {
                groups++;
                Map<String, Object> properties = map(map(resource.getValue()).get("Properties"));
                String alarms = Json.write(properties.get("AlarmConfiguration"));
                assertTrue(alarms.contains("FunctionErrorsAlarm") && alarms.contains("ServerErrorsAlarm"), alarms);
                assertEquals(true, map(properties.get("AlarmConfiguration")).get("Enabled"));
            }
        }
        assertEquals(3, groups, "one deployment group per function that answers requests");
        Map<String, Object> report = map(map(resources.get("ReportFunction")).get("Properties"));
        assertTrue(Json.write(report.get("ReservedConcurrentExecutions")).contains("ReportConcurrencyLimit"),
                "reports are capped so they cannot take the status function's concurrency");
        assertTrue(resources.values().stream().anyMatch(r -> "AWS::CloudWatch::Dashboard".equals(map(r).get("Type"))));
    }

    @Test
    void theAggregatesAreSweptEveryMinuteAndVerifiedDaily() {
        Map<String, String> schedules = new java.util.TreeMap<>();
        resources.values().stream().map(TemplateIT::map).filter(r -> "AWS::Events::Rule".equals(r.get("Type")))
                .map(r -> map(r.get("Properties"))).forEach(rule -> {
                    Map<String, Object> target = map(((List<?>) rule.get("Targets")).get(0));
                    assertTrue(Json.write(target.get("Arn")).contains("AggregatesFunction"), Json.write(target));
                    schedules.put((String) target.get("Input"), (String) rule.get("ScheduleExpression"));
                });
        assertEquals(Map.of("{\"task\":\"sweep\"}", "rate(1 minute)", "{\"task\":\"verify\"}", "cron(30 3 * * ? *)"), schedules);
        Map<String, Object> function = map(map(resources.get("AggregatesFunction")).get("Properties"));
        assertEquals(900, function.get("Timeout"), "the daily verification runs as long as Lambda lets it");
        Map<String, Object> mismatches = map(map(resources.get("AggregateMismatchesAlarm")).get("Properties"));
        assertEquals("AggregateMismatches", mismatches.get("MetricName"));
        assertEquals(1, ((Number) mismatches.get("Threshold")).intValue(), "one mismatch is one too many");
        assertEquals("DealershipsNotVerified", map(map(resources.get("AggregatesNotVerifiedAlarm")).get("Properties"))
                .get("MetricName"), "the metric the verification counts the dealerships it could not recount in");
        // what the code reads of profiles outside the admin and report functions: the time zone a dealership's
        // aggregates start in (dynalite and moto enforce no IAM, so only this test would see the denial)
        for (String reader : List.of("StatusFunction", "AggregatesFunction")) {
            assertTrue(statements(reader + "Role").stream().anyMatch(statement ->
                            String.valueOf(statement.get("Action")).contains("dynamodb:GetItem")
                                    && String.valueOf(statement.get("Condition")).contains("dynamodb:LeadingKeys=[PROFILES]")),
                    reader + " may read a profile");
        }
        // the sweep indexes the group of a profile saved before the group index (the only write of a profile outside
        // the admin function)
        assertTrue(statements("AggregatesFunctionRole").stream().anyMatch(statement ->
                        String.valueOf(statement.get("Action")).contains("dynamodb:UpdateItem")
                                && String.valueOf(statement.get("Condition")).contains("dynamodb:LeadingKeys=[PROFILES]")),
                "the sweep may index a profile's group");
        // the sweep reads the network's listing in one request with the aggregates' status (its recorded layout),
        // and a layout's first sweep deletes the listings an earlier stint in it left
        assertTrue(statements("AggregatesFunctionRole").stream().anyMatch(statement ->
                        String.valueOf(statement.get("Action")).contains("dynamodb:BatchGetItem")
                                && String.valueOf(statement.get("Condition")).contains("N##L#*")
                                && String.valueOf(statement.get("Condition")).contains("D##AGGREGATES")),
                "the sweep may read the listing and the status together");
        assertTrue(statements("AggregatesFunctionRole").stream().anyMatch(statement ->
                        String.valueOf(statement.get("Action")).contains("dynamodb:DeleteItem")
                                && String.valueOf(statement.get("Condition")).contains("dynamodb:LeadingKeys=[N##L#*]")),
                "the sweep may forget a layout's listings");
        // a scope's targets warn when no profile names it: the admin function reads a region's, brand's or group's
        // profiles from the profiles' partition (dynalite and moto enforce no IAM: without this a deployed PUT would
        // be a 500), and no index of them
        assertTrue(statements("AdminFunctionRole").stream().anyMatch(statement ->
                        String.valueOf(statement.get("Action")).contains("dynamodb:Query")
                                && String.valueOf(statement.get("Resource")).contains("Table")
                                && !String.valueOf(statement.get("Resource")).contains("index")
                                && String.valueOf(statement.get("Condition")).contains("dynamodb:LeadingKeys=[PROFILES]")),
                "the admin function may query the profiles' partition");
        assertTrue(statements("AdminFunctionRole").stream().noneMatch(statement ->
                String.valueOf(statement.get("Resource")).contains("/index/profilesBy")), "no profile index is read");
        // a profile's save keeps its copies in its regions', brands' and groups' members, and the sweep builds and
        // mends them; a scope with a save in flight reads that profile by key
        for (String writer : List.of("AdminFunction", "AggregatesFunction")) {
            for (String action : List.of("dynamodb:GetItem", "dynamodb:UpdateItem", "dynamodb:Query")) {
                assertTrue(statements(writer + "Role").stream().anyMatch(statement ->
                                String.valueOf(statement.get("Action")).contains(action)
                                        && String.valueOf(statement.get("Condition")).contains("dynamodb:LeadingKeys=[P#*]")),
                        writer + " may " + action + " scope members");
            }
        }
        assertTrue(statements("AdminFunctionRole").stream().anyMatch(statement ->
                        String.valueOf(statement.get("Action")).contains("dynamodb:BatchGetItem")
                                && String.valueOf(statement.get("Condition")).contains("dynamodb:LeadingKeys=[PROFILES]")),
                "the admin function may read the profiles of a scope's unsettled members");
        // a profile's new time zone or group begins a new generation, raising the listings' version first (dynalite
        // and moto enforce no IAM: without this a deployed PUT of such a profile would be a 500); the other
        // functions that begin generations may update any 'D#*' key
        assertTrue(statements("AdminFunctionRole").stream().anyMatch(statement ->
                        String.valueOf(statement.get("Action")).contains("dynamodb:UpdateItem")
                                && String.valueOf(statement.get("Condition")).contains("dynamodb:LeadingKeys=[D##AGGREGATES]")),
                "the admin function may raise the listings' version");
        // the roll-ups' network items: every writer of a dealership month copies it, every config change lists it
        for (String writer : List.of("StatusFunction", "AggregatesFunction", "AdminFunction")) {
            assertTrue(statements(writer + "Role").stream().anyMatch(statement ->
                            String.valueOf(statement.get("Action")).contains("dynamodb:UpdateItem")
                                    && String.valueOf(statement.get("Condition")).contains("N##L#*")),
                    writer + " may list aggregates in the network");
        }
        for (String copier : List.of("StatusFunction", "AggregatesFunction")) {
            assertTrue(statements(copier + "Role").stream().anyMatch(statement ->
                            String.valueOf(statement.get("Action")).contains("dynamodb:UpdateItem")
                                    && String.valueOf(statement.get("Condition")).contains("N##M#*")),
                    copier + " may copy a month's counts to the network");
        }
    }

    /** Every statement of a role's inline policies. */
    private static List<Map<String, Object>> statements(String role) {
        List<Map<String, Object>> statements = new ArrayList<>();
        for (Object policy : (List<?>) map(map(resources.get(role)).get("Properties")).get("Policies")) {
            ((List<?>) map(map(policy).get("PolicyDocument")).get("Statement")).forEach(s -> statements.add(map(s)));
        }
        return statements;
    }

    @Test
    void theDashboardIsAPrivateBucketServedOnlyByCloudFrontOverHttpsWithAStrictPolicy() {
        Map<String, Object> bucket = properties("DashboardBucket");
        assertEquals(Map.of("BlockPublicAcls", true, "BlockPublicPolicy", true, "IgnorePublicAcls", true,
                "RestrictPublicBuckets", true), bucket.get("PublicAccessBlockConfiguration"));
        String policy = Json.write(properties("DashboardBucketPolicy").get("PolicyDocument"));
        assertTrue(policy.contains("cloudfront.amazonaws.com") && policy.contains("AWS:SourceArn")
                && policy.contains("aws:SecureTransport"), policy);
        Map<String, Object> distribution = map(properties("DashboardDistribution").get("DistributionConfig"));
        Map<String, Object> behaviour = map(distribution.get("DefaultCacheBehavior"));
        assertEquals("redirect-to-https", behaviour.get("ViewerProtocolPolicy"));
        assertEquals(Map.of("Ref", "DashboardHeaders"), behaviour.get("ResponseHeadersPolicyId"));
        String origin = Json.write(distribution.get("Origins"));
        assertTrue(origin.contains("DashboardOriginAccess") && origin.contains("\"OriginAccessIdentity\":\"\""), origin);
        String headers = Json.write(properties("DashboardHeaders"));
        for (String directive : List.of("default-src 'none'", "script-src 'self'", "frame-ancestors 'none'", "StrictTransportSecurity",
                "ContentTypeOptions", "FrameOptions")) {
            assertTrue(headers.contains(directive), directive + " in " + headers);
        }
        assertFalse(headers.contains("unsafe-inline") || headers.contains("unsafe-eval"), headers);
    }

    @Test
    void theApiAllowsCrossOriginCallsFromTheDashboardOnly() {
        Map<String, Object> api = resources.values().stream().map(TemplateIT::map)
                .filter(r -> "AWS::ApiGatewayV2::Api".equals(r.get("Type"))).findFirst().orElseThrow();
        String cors = Json.write(map(map(api.get("Properties")).get("Body")).get("x-amazon-apigateway-cors"));
        assertTrue(cors.contains("https://${DashboardDistribution.DomainName}") && !cors.contains("\"*\""), cors);
        assertTrue(cors.contains("authorization") && cors.contains("idempotency-key"), cors);
    }

    @Test
    void usersCannotWriteTheirOwnRoleOrDealershipAndTheAuthorizerTrustsTheStacksPoolByDefault() {
        Map<String, Object> client = properties("DashboardClient");
        assertEquals(List.of("email"), client.get("WriteAttributes"));
        assertEquals(false, client.get("GenerateSecret"));
        assertEquals(List.of("code"), client.get("AllowedOAuthFlows"), "authorization code (with PKCE from the page), no implicit flow");
        assertEquals(true, map(properties("UserPool").get("AdminCreateUserConfig")).get("AllowAdminCreateUserOnly"));
        assertEquals("", map(parameters.get("JwtIssuer")).get("Default"), "no issuer given: the stack's own user pool");
        Map<String, Object> api = resources.values().stream().map(TemplateIT::map)
                .filter(r -> "AWS::ApiGatewayV2::Api".equals(r.get("Type"))).findFirst().orElseThrow();
        String authorizer = Json.write(map(map(api.get("Properties")).get("Body")).get("components"));
        assertTrue(authorizer.contains("UserPool") && authorizer.contains("DashboardClient"), authorizer);
    }

    private static Map<String, Object> properties(String logicalId) {
        return map(map(resources.get(logicalId)).get("Properties"));
    }

    private static List<String> functions() {
        List<String> names = new ArrayList<>();
        resources.forEach((name, resource) -> {
            if ("AWS::Lambda::Function".equals(map(resource).get("Type"))) {
                names.add(name);
            }
        });
        assertEquals(List.of("AdminFunction", "AggregatesFunction", "ReportFunction", "StatusFunction"),
                names.stream().sorted().toList());
        return names;
    }

    private static Map<String, Object> versionOf(String function) {
        return resources.values().stream().map(TemplateIT::map)
                .filter(r -> "AWS::Lambda::Version".equals(r.get("Type")))
                .filter(r -> function.equals(map(map(r.get("Properties")).get("FunctionName")).get("Ref")))
                .findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    /** aws-sam-translator, as a process (python3 with the translator installed: preinstalled here, in CI too). */
    static final class SamTransform {
        static Map<String, Object> transform(String codeUri, String... parameters) throws Exception {
            List<String> command = new ArrayList<>(List.of("python3", "tools/sam/transform.py", "template.yaml", codeUri,
                    "JwtIssuer=https://cognito-idp.eu-west-2.amazonaws.com/eu-west-2_Example", "JwtAudience=example-client"));
            command.addAll(List.of(parameters));
            Process process = new ProcessBuilder(command).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(120, TimeUnit.SECONDS));
            assertEquals(0, process.exitValue(), "tools/sam/transform.py needs python3 with aws-sam-translator: " + err);
            return Json.readObject(out);
        }
    }
}
