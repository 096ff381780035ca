package com.dealerkpi.runtime;

import com.dealerkpi.json.Json;
import com.dealerkpi.lambda.Config;
import com.dealerkpi.lambda.Wiring;
import com.dealerkpi.local.SamTemplate;
import com.dealerkpi.local.runtime.AwsDouble;
import com.dealerkpi.local.runtime.LambdaEnvironments;
import com.dealerkpi.local.runtime.LambdaProcess;
import com.dealerkpi.local.runtime.RuntimeApi;
import com.dealerkpi.store.DynamoClients;
import com.dealerkpi.store.DynamoStores;
import com.dealerkpi.support.Backend;
import com.dealerkpi.support.RunnerProcess;
import com.dealerkpi.support.TableSnapshot;
import com.dealerkpi.support.TestEvents;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every function run the way Lambda runs it: AWS's runtime interface client loads the {@code sam build} layout
 * of the functions in a fresh JVM with the managed runtime's flags, fed by a Runtime API; every file of events/
 * goes to the function the template routes it to, on a fresh store, and must answer what events/README.md says.
 * Three environments: on-demand (credentials in the key variables), SnapStart (no key variables: the
 * container-credentials endpoint with its token, a restore handshake, credentials fetched anew afterwards), and
 * sam local (only the template's declared variables, overridden from events/env.json, Refs resolved as SAM CLI
 * does, the store started by the runner's {@code dynamodb} command).
 */
class LambdaRuntimeIT {
    private static final Duration ANSWER = Duration.ofSeconds(60);
    private static final Path EVENTS = Path.of("events");

    @TempDir
    static Path work;
    private static SamTemplate template;
    private static Path task;
    private static Map<String, Integer> promised;
    private static Map<String, List<String>> eventsByFunction;
    private static DynamoDbClient backend;

    @BeforeAll
    static void layOut() throws IOException {
        template = SamTemplate.load(Path.of("template.yaml"));
        task = LambdaProcess.samBuildLayout(Files.createDirectories(work.resolve("task")));
        promised = new TreeMap<>();
        for (String line : Files.readAllLines(EVENTS.resolve("README.md"))) {
            String[] cells = line.split("\\|");
            if (cells.length > 3 && cells[1].trim().endsWith(".json")) {
                promised.put(cells[1].trim(), Integer.parseInt(cells[3].trim()));
            }
        }
        eventsByFunction = new TreeMap<>();
        for (String file : promised.keySet()) {
            String routeKey = (String) Json.readObject(Files.readString(EVENTS.resolve(file))).get("routeKey");
            String function = template.routes().stream().filter(r -> r.routeKey().equals(routeKey)).findFirst()
                    .orElseThrow(() -> new AssertionError(file + ": no template route " + routeKey)).functionLogicalId();
            eventsByFunction.computeIfAbsent(function, f -> new ArrayList<>()).add(file);
        }
        backend = Backend.get().client();
    }

    @AfterAll
    static void close() {
        backend.close();
    }

    @Test
    void theArtifactHoldsTheFunctionsAndTheirRuntimeDependenciesOnly() throws IOException {
        List<String> ours = new ArrayList<>();
        try (Stream<Path> files = Files.walk(task)) {
            files.filter(Files::isRegularFile).map(p -> task.relativize(p).toString().replace('\\', '/'))
                    .filter(p -> !p.startsWith("lib/")).forEach(ours::add);
        }
        for (String file : ours) {
            assertTrue(file.matches("com/dealerkpi/(domain|app|store|api|lambda|json|telemetry)(/[a-z]+)?/[A-Za-z0-9$]+\\.class")
                    || file.equals("META-INF/services/org.slf4j.spi.SLF4JServiceProvider"), file);
        }
        List<String> jars;
        try (Stream<Path> files = Files.list(task.resolve("lib"))) {
            jars = files.map(p -> p.getFileName().toString()).toList();
        }
        for (String jar : jars) {
            assertFalse(jar.matches(".*(snakeyaml|junit|testcontainers|dealer-kpi|serialization|joda).*"), jar);
        }
    }

    @Test
    void onDemand() throws Exception {
        for (String function : eventsByFunction.keySet()) {
            String table = Backend.get().freshTable(backend);
            try (RuntimeApi runtime = new RuntimeApi();
                 AwsDouble aws = new AwsDouble(Backend.get().endpoint(), () -> false)) {
                Map<String, String> env = LambdaEnvironments.onDemandCredentials(LambdaEnvironments.deployed(template,
                        spec(function), task, runtime.address(), "on-demand", resources(table), aws.endpoint()));
                try (LambdaProcess lambda = LambdaProcess.start("on-demand-" + function, task, spec(function).handler(), env)) {
                    runEvents(function, runtime, lambda, table, backend);
                    LogLines.oneAccessLinePerRequestAndMetricsCloudWatchAccepts(lambda.lines(),
                            eventsByFunction.get(function).size(), function);
                    if (function.equals("StatusFunction")) {
                        startApiEvent(runtime, 401);
                    }
                    if (function.equals("ReportFunction")) {
                        seededReports(runtime, lambda, table, backend);
                    }
                }
                assertFalse(aws.calls().isEmpty(), function);
                for (AwsDouble.Call call : aws.calls()) {
                    assertEquals("AKIAONDEMAND", call.accessKey(), function + " " + call);
                }
                // only the report function reads the cursor key, when a drill-down first pages (seededReports)
                assertEquals(function.equals("ReportFunction"),
                        aws.calls().stream().anyMatch(c -> c.target().equals("secretsmanager.GetSecretValue")), function);
            }
        }
    }

    @Test
    void snapStart() throws Exception {
        for (String function : eventsByFunction.keySet()) {
            String table = Backend.get().freshTable(backend);
            try (RuntimeApi runtime = new RuntimeApi();
                 AwsDouble aws = new AwsDouble(Backend.get().endpoint(), () -> runtime.restored().isDone())) {
                Map<String, String> env = LambdaEnvironments.snapStartCredentials(LambdaEnvironments.deployed(template,
                        spec(function), task, runtime.address(), "snap-start", resources(table), aws.endpoint()),
                        aws.endpoint());
                seed(table);
                Set<Map<String, AttributeValue>> beforePriming = TableSnapshot.of(backend, table);
                try (LambdaProcess lambda = LambdaProcess.start("snap-start-" + function, task, spec(function).handler(), env)) {
                    runtime.restored().get(ANSWER.toSeconds(), TimeUnit.SECONDS);
                    runtime.awaitPoll(ANSWER);
                    // priming sent the function's real requests (the status and admin ones write) and the table did not change
                    assertEquals(beforePriming, TableSnapshot.of(backend, table), function + " priming wrote to the table");
                    String reached = function.equals("ReportFunction") ? ".Query" : ".UpdateItem";
                    assertTrue(aws.calls().stream().anyMatch(c -> !c.afterRestore() && c.target().endsWith(reached)),
                            function + " priming did not reach " + reached + ": " + aws.calls());
                    runEvents(function, runtime, lambda, table, backend);
                    if (function.equals("ReportFunction")) {
                        seededReports(runtime, lambda, table, backend);
                    }
                    assertFalse(runtime.restoreError().isDone(), () -> runtime.restoreError().join());
                }
                String context = function + " " + aws.calls() + " " + aws.credentialsFetches();
                assertTrue(aws.credentialsFetches().stream().allMatch(AwsDouble.CredentialsFetch::authorized), context);
                assertTrue(aws.credentialsFetches().stream().anyMatch(AwsDouble.CredentialsFetch::afterRestore), context);
                // priming reached the store before the snapshot...
                assertTrue(aws.calls().stream().anyMatch(c -> !c.afterRestore()
                        && c.target().startsWith("DynamoDB") && AwsDouble.KEY_BEFORE_RESTORE.equals(c.accessKey())), context);
                // ...and nothing signed with credentials from before the snapshot was sent after the restore
                assertTrue(aws.calls().stream().filter(AwsDouble.Call::afterRestore)
                        .allMatch(c -> AwsDouble.KEY_AFTER_RESTORE.equals(c.accessKey())), context);
                if (function.equals("ReportFunction")) {
                    assertTrue(aws.calls().stream().anyMatch(c -> c.afterRestore()
                            && c.target().equals("secretsmanager.GetSecretValue")), "cursor key read again after restore: " + context);
                }
            }
        }
    }

    @Test
    void samLocal() throws Exception {
        Map<String, String> envJson = envJson();
        // the README's command for sam local (`dynamodb --port 8000 --host 0.0.0.0`), on a free loopback port
        try (RunnerProcess dynamodb = RunnerProcess.dynamodb();
             DynamoDbClient store = DynamoClients.create("us-east-1", Optional.of(URI.create(dynamodb.url())),
                     DynamoClients.localCredentials(), 4, Duration.ofSeconds(10))) {
            for (String function : eventsByFunction.keySet()) {
                try (RuntimeApi runtime = new RuntimeApi()) {
                    // --add-host host.docker.internal:host-gateway leads to this machine; port 8000 is ours here
                    Map<String, String> env = LambdaEnvironments.samLocal(template, spec(function), task, runtime.address(),
                            envJson, "127.0.0.1").entrySet().stream().collect(LinkedHashMap::new,
                            (m, e) -> m.put(e.getKey(), e.getValue().replace("127.0.0.1:8000", "127.0.0.1:" + dynamodb.port())),
                            Map::putAll);
                    try (LambdaProcess lambda = LambdaProcess.start("sam-local-" + function, task, spec(function).handler(), env)) {
                        runEvents(function, runtime, lambda, envJson.get("TABLE_NAME"), store);
                        if (function.equals("StatusFunction")) {
                            startApiEvent(runtime, 201);
                            // a web page whose site name was rebound to 127.0.0.1 names no local principal
                            startApiEvent(runtime, "attacker.example:3000", 403);
                        }
                        if (function.equals("ReportFunction")) {
                            seededReports(runtime, lambda, envJson.get("TABLE_NAME"), store);
                        }
                    }
                }
            }
        }
    }

    @Test
    void atWarnNoInfoLineIsWrittenAndAStoreOutageIsAnErrorLineWithItsStackAndA503Metric() throws Exception {
        String table = Backend.get().freshTable(backend);
        try (RuntimeApi runtime = new RuntimeApi();
             AwsDouble aws = new AwsDouble(Backend.get().endpoint(), () -> false)) {
            Map<String, String> env = LambdaEnvironments.onDemandCredentials(LambdaEnvironments.deployed(template,
                    spec("StatusFunction"), task, runtime.address(), "on-demand", resources(table), aws.endpoint()));
            env.put("AWS_LAMBDA_LOG_LEVEL", "WARN");
            env.put("DYNAMODB_MAX_ATTEMPTS", "2");
            try (LambdaProcess lambda = LambdaProcess.start("warn-outage-StatusFunction", task,
                    spec("StatusFunction").handler(), env)) {
                String event = Files.readString(EVENTS.resolve("status-sold.json"));
                assertEquals(201, ((Number) Json.readObject(runtime.invoke(event, ANSWER).body()).get("statusCode")).intValue());
                aws.takeDynamoDown();
                assertEquals(503, ((Number) Json.readObject(runtime.invoke(event, ANSWER).body()).get("statusCode")).intValue());
                LogLines.atWarnOnlyTheOutageIsLogged(lambda.lines());
            }
        }
    }

    @Test
    void aDeployedReportFunctionWithoutItsCursorKeyDoesNotStart() throws Exception {
        try (RuntimeApi runtime = new RuntimeApi();
             AwsDouble aws = new AwsDouble(Backend.get().endpoint(), () -> false)) {
            Map<String, String> env = LambdaEnvironments.onDemandCredentials(LambdaEnvironments.deployed(template,
                    spec("ReportFunction"), task, runtime.address(), "on-demand", resources("unused"), aws.endpoint()));
            env.put("CURSOR_SECRET_ARN", "");
            try (LambdaProcess lambda = LambdaProcess.start("no-cursor-key-ReportFunction", task,
                    spec("ReportFunction").handler(), env)) {
                String error = runtime.initError().get(ANSWER.toSeconds(), TimeUnit.SECONDS);
                assertTrue(error.contains("CURSOR_SECRET_ARN is not set"), error);
                assertTrue(lambda.exited(30), "the runtime exits after an init error");
            }
        }
    }

    /**
     * sam local start-api runs no JWT authorizer: its events have no authorizer block and come from localhost.
     * With env.json's LOCAL_PRINCIPAL the header names the caller there; a deployed function refuses the same event.
     */
    private static void startApiEvent(RuntimeApi runtime, int expectedStatus) throws Exception {
        startApiEvent(runtime, "127.0.0.1:3000", expectedStatus);
    }

    /** As above, the request addressed to {@code host} (a rebound site's name: refused). */
    private static void startApiEvent(RuntimeApi runtime, String host, int expectedStatus) throws Exception {
        @SuppressWarnings("unchecked")
        Map<String, Object> event = Json.readObject(Files.readString(EVENTS.resolve("status-sold.json")));
        @SuppressWarnings("unchecked")
        Map<String, Object> context = (Map<String, Object>) event.get("requestContext");
        context.remove("authorizer");
        context.put("domainName", "localhost");
        @SuppressWarnings("unchecked")
        Map<String, Object> headers = (Map<String, Object>) event.get("headers");
        headers.remove("authorization");
        headers.put("host", host);
        headers.put("x-local-principal", "dealer:D1");
        RuntimeApi.Result result = runtime.invoke(Json.write(event), ANSWER);
        assertEquals(expectedStatus, ((Number) Json.readObject(result.body()).get("statusCode")).intValue(), result.body());
    }

    /** The reports of a dealership that exists: seeded with status-sold.json, every report event answers 200. */
    private static void seededReports(RuntimeApi runtime, LambdaProcess lambda, String table, DynamoDbClient store) throws Exception {
        empty(store, table);
        Wiring seeder = Wiring.local(Config.from(Map.of(Config.TABLE_NAME, table)),
                new DynamoStores(store, table, Clock.systemUTC()), Clock.systemUTC());
        assertEquals(201, seeder.statusHandler().handleRequest(
                TestEvents.parse(Files.readString(EVENTS.resolve("status-sold.json"))), null).getStatusCode());
        for (String file : List.of("kpi-ytd.json", "kpi-cohorts-ytd.json", "kpi-last-month-csv.json", "kpi-custom-html.json",
                "kpi-agreements-sold.json", "usage-mtd.json", "agreement-get-missing.json")) {
            RuntimeApi.Result result = runtime.invoke(Files.readString(EVENTS.resolve(file)), ANSWER);
            String context = file + " after status-sold.json -> " + result + "\n" + String.join("\n", lambda.lines());
            assertEquals(200, ((Number) Json.readObject(result.body()).get("statusCode")).intValue(), context);
        }
        pagedDrillDown(runtime, seeder);
    }

    /** Two sold agreements, one per page: the cursor the first page issues (with the key) opens the second. */
    @SuppressWarnings("unchecked")
    private static void pagedDrillDown(RuntimeApi runtime, Wiring seeder) throws Exception {
        assertEquals(201, seeder.statusHandler().handleRequest(TestEvents.parse(Files.readString(
                EVENTS.resolve("status-sold.json")).replace("AG-1001", "AG-1002")), null).getStatusCode());
        String firstPage = page(Map.of("range", "ytd", "limit", "1"));
        Map<String, Object> first = Json.readObject((String) Json.readObject(runtime.invoke(firstPage, ANSWER).body()).get("body"));
        String cursor = (String) first.get("nextCursor");
        assertTrue(cursor != null, "a first page of one issues a cursor: " + first);
        String secondPage = page(Map.of("range", "ytd", "limit", "1", "cursor", cursor));
        Map<String, Object> answer = Json.readObject(runtime.invoke(secondPage, ANSWER).body());
        assertEquals(200, ((Number) answer.get("statusCode")).intValue(), answer.toString());
        List<Map<String, Object>> items = (List<Map<String, Object>>) Json.readObject((String) answer.get("body")).get("items");
        assertEquals(1, items.size(), answer.toString());
        assertTrue(!items.get(0).get("agreementId").equals(((List<Map<String, Object>>) first.get("items")).get(0).get("agreementId")),
                "the second page continues after the first: " + answer);
    }

    /** Each event on an emptied table, answered with the status events/README.md documents. */
    private static void runEvents(String function, RuntimeApi runtime, LambdaProcess lambda, String table,
                                  DynamoDbClient store) throws Exception {
        for (String file : eventsByFunction.get(function)) {
            empty(store, table);
            RuntimeApi.Result result = runtime.invoke(Files.readString(EVENTS.resolve(file)), ANSWER);
            String context = function + " " + file + " -> " + result + "\n" + String.join("\n", lambda.lines());
            assertTrue(result.ok(), context);
            Map<String, Object> response = Json.readObject(result.body());
            assertEquals(promised.get(file), ((Number) response.get("statusCode")).intValue(), context);
        }
        assertTrue(lambda.isAlive(), String.join("\n", lambda.lines()));
    }

    /** Data of a dealership that is not the one priming uses: a status update and a profile. */
    private static void seed(String table) throws IOException {
        Wiring seeder = Wiring.local(Config.from(Map.of(Config.TABLE_NAME, table)),
                new DynamoStores(backend, table, Clock.systemUTC()), Clock.systemUTC());
        assertEquals(201, seeder.statusHandler().handleRequest(
                TestEvents.parse(Files.readString(EVENTS.resolve("status-sold.json"))), null).getStatusCode());
        assertEquals(201, seeder.adminHandler().handleRequest(
                TestEvents.parse(Files.readString(EVENTS.resolve("profile-put-create.json"))), null).getStatusCode());
    }

    /** kpi-agreements-sold.json with other query parameters. */
    private static String page(Map<String, String> query) throws IOException {
        Map<String, Object> event = Json.readObject(Files.readString(EVENTS.resolve("kpi-agreements-sold.json")));
        event.put("queryStringParameters", query);
        event.put("rawQueryString", String.join("&", query.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));
        return Json.write(event);
    }

    private static void empty(DynamoDbClient store, String table) {
        store.scanPaginator(r -> r.tableName(table)).items().forEach(item -> store.deleteItem(r -> r.tableName(table)
                .key(Map.of("pk", item.get("pk"), "sk", item.get("sk")))));
    }

    private static SamTemplate.FunctionSpec spec(String function) {
        return template.function(function).orElseThrow();
    }

    private static Map<String, String> resources(String table) {
        return LambdaEnvironments.resources(table);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> envJson() throws IOException {
        Map<String, Object> parameters = (Map<String, Object>) Json.readObject(Files.readString(EVENTS.resolve("env.json")))
                .get("Parameters");
        Map<String, String> values = new LinkedHashMap<>();
        parameters.forEach((name, value) -> values.put(name, String.valueOf(value)));
        return values;
    }
}
