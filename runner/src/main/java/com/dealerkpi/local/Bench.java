package com.dealerkpi.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.dealerkpi.lambda.Config;
import com.dealerkpi.lambda.Wiring;
import com.dealerkpi.api.ReportHandler;
import com.dealerkpi.api.StatusHandler;
import com.dealerkpi.domain.Stage;
import com.dealerkpi.store.DynamoClients;
import com.dealerkpi.store.DynamoStores;
import com.dealerkpi.store.TableLayout;
import com.dealerkpi.store.TableSetup;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * {@code java -jar target/dealer-kpi.jar bench}: measures each performance goal against its floor in one run on
 * an embedded dynalite and prints {@code name: value (floor: value, ratio: x.xx)}. Whole-process cold starts are
 * fresh JVMs started from here.
 */
final class Bench {
    private static final String TABLE = "DealerKpiBench";
    private static final int WARMUP = 200;
    private static java.io.PrintStream OUT = System.out;
    private final DynamoDbClient db;
    private final Wiring wiring;
    private final Counter counter;
    private final URI endpoint;
    private final ExecutorService io = Executors.newFixedThreadPool(8);

    private Bench(URI endpoint) {
        this.endpoint = endpoint;
        this.counter = new Counter();
        this.db = DynamoClients.create("us-east-1", Optional.of(endpoint), DynamoClients.localCredentials(), 4,
                Duration.ofSeconds(30), counter);
        this.wiring = Wiring.local(Config.from(Map.of(Config.TABLE_NAME, TABLE)), new DynamoStores(db, TABLE, Clock.systemUTC()),
                Clock.systemUTC());
    }

    /** Counts DynamoDB requests by operation. */
    static final class Counter implements ExecutionInterceptor {
        final Map<String, AtomicInteger> calls = new java.util.concurrent.ConcurrentHashMap<>();
        volatile List<SdkRequest> recording;

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            List<SdkRequest> into = recording;
            if (into != null) {
                into.add(context.request());
            }
            calls.computeIfAbsent(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), k -> new AtomicInteger()).incrementAndGet();
        }

        int total() {
            return calls.values().stream().mapToInt(AtomicInteger::get).sum();
        }

        void reset() {
            calls.clear();
        }
    }

    static void run(Main.Options options) throws Exception {
        int iterations = Integer.parseInt(options.value("--iterations", "400"));
        // the handlers' request log lines go to stderr here, so stdout holds only the results
        java.io.PrintStream results = System.out;
        System.setOut(System.err);
        OUT = results;
        OUT.println("bench: " + Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("java.vm.name")
                + " " + System.getProperty("java.version") + ", store: dynalite (embedded, one node process)");
        try (Dynalite dynalite = Dynalite.start(Optional.empty())) {
            Bench bench = new Bench(dynalite.endpoint());
            TableSetup.ensureTable(bench.db, TABLE);
            bench.statusUpdate(iterations);
            bench.reports(options.optional("--quick").isPresent());
            bench.rollUp();
            bench.coldStart(Integer.parseInt(options.value("--cold-runs", "5")));
            bench.io.shutdownNow();
        }
    }

    // 1. status update vs one bare PutItem, and vs the same requests issued bare
    private void statusUpdate(int iterations) {
        StatusHandler handler = wiring.statusHandler();
        AtomicInteger agreements = new AtomicInteger();
        Supplier<Integer> update = () -> handler.handleRequest(statusEvent("B1", "N" + agreements.incrementAndGet(), null), null).getStatusCode();
        Supplier<Integer> keyed = () -> {
            int n = agreements.incrementAndGet();
            return handler.handleRequest(statusEvent("B1", "N" + n, "k" + n), null).getStatusCode();
        };
        Supplier<Integer> barePut = () -> {
            db.putItem(r -> r.tableName(TABLE).item(Map.of(TableLayout.PK, s("BARE#" + agreements.incrementAndGet()), TableLayout.SK, s("x"))));
            return 0;
        };
        // the very requests a Sold update makes (captured from one), re-issued bare for a new agreement each time, in
        // parallel the way the code issues them (4 milestone updates handed to threads, the history put inline)
        List<SdkRequest> captured = capture(() -> handler.handleRequest(statusEvent("B1", "CAPTURE", null), null));
        Supplier<Integer> bareSame = () -> {
            String pk = TableLayout.agreementPk("B1", "N" + agreements.incrementAndGet());
            List<CompletableFuture<?>> calls = new ArrayList<>();
            for (SdkRequest request : captured) {
                if (request instanceof UpdateItemRequest milestone) {
                    UpdateItemRequest copy = milestone.toBuilder().key(withPk(milestone.key(), pk)).build();
                    calls.add(CompletableFuture.runAsync(() -> db.updateItem(copy), io));
                }
            }
            for (SdkRequest request : captured) {
                if (request instanceof PutItemRequest put) {
                    db.putItem(put.toBuilder().item(withPk(put.item(), pk)).build());
                }
            }
            calls.forEach(CompletableFuture::join);
            return 0;
        };
        for (int i = 0; i < WARMUP; i++) {
            update.get();
            keyed.get();
            barePut.get();
            bareSame.get();
        }
        counter.reset();
        median(update, iterations);
        int requests = counter.total();
        int scans = counter.calls.getOrDefault("Scan", new AtomicInteger()).get();
        counter.reset();
        median(keyed, iterations);
        int keyedRequests = counter.total();
        // each comparison alternates the two sides, so drift in the store (table growth, its GC) hits both alike
        double[] updateVsPut = medians(update, barePut, iterations);
        double[] updateVsSame = medians(update, bareSame, iterations);
        double[] keyedVsPut = medians(keyed, barePut, iterations);
        double updateMs = updateVsSame[0];
        double sameMs = updateVsSame[1];
        double putMs = updateVsPut[1];
        double keyedMs = keyedVsPut[0];
        Supplier<Integer> fivePuts = () -> {
            List<CompletableFuture<?>> puts = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                puts.add(CompletableFuture.runAsync(barePut::get, io));
            }
            barePut.get();
            puts.forEach(CompletableFuture::join);
            return 0;
        };
        double[] fiveVsOne = medians(fivePuts, barePut, iterations);
        line("status update, Sold on a new agreement (median)", updateVsPut[0], "one bare PutItem", putMs);
        line("status update vs its own " + captured.size() + " requests issued bare in parallel", updateMs, "bare same requests", sameMs);
        line("5 bare PutItems in parallel (does the store overlap requests?)", fiveVsOne[0], "one bare PutItem", fiveVsOne[1]);
        line("keyed status update (claim, 4 milestones, history+answer)", keyedMs, "one bare PutItem", keyedVsPut[1]);
        OUT.printf("status update requests: %.2f per update (goal <= 6), keyed %.2f, Scan: %d%n",
                requests / (double) iterations, keyedRequests / (double) iterations, scans);
    }

    // 2. YTD report of 5k/50k milestones with 10k/200k history rows vs the bare Query calls it needs
    private void reports(boolean quick) {
        int big = quick ? 10_000 : 50_000;
        loadMilestones("R5", 5_000);
        loadMilestones("R50", big);
        loadHistory("R50", 10_000);
        ReportHandler handler = wiring.reportHandler();
        for (String dealership : List.of("R5", "R50")) {
            reportLine(handler, dealership, "10k history rows");
        }
        loadHistory("R50", quick ? 40_000 : 190_000);
        loadHistory("R5", quick ? 40_000 : 190_000);
        for (String dealership : List.of("R5", "R50")) {
            reportLine(handler, dealership, (quick ? "50k" : "200k") + " history rows");
        }
    }

    private void reportLine(ReportHandler handler, String dealership, String history) {
        APIGatewayV2HTTPEvent event = getEvent("/dealerships/" + dealership + "/kpi", "range=ytd");
        Supplier<Integer> report = () -> handler.handleRequest(event, null).getStatusCode();
        int[] pages = new int[1];
        Supplier<Integer> bare = () -> {
            List<CompletableFuture<Integer>> stages = new ArrayList<>();
            for (Stage stage : Stage.values()) {
                stages.add(CompletableFuture.supplyAsync(() -> {
                    int count = 0;
                    QueryRequest query = QueryRequest.builder().tableName(TABLE).indexName(TableLayout.MILESTONE_INDEX)
                            .keyConditionExpression("#pk = :pk AND #sk BETWEEN :lo AND :hi")
                            .expressionAttributeNames(Map.of("#pk", TableLayout.GSI1_PK, "#sk", TableLayout.GSI1_SK))
                            .expressionAttributeValues(Map.of(":pk", s(TableLayout.milestoneIndexPk(dealership, stage)),
                                    ":lo", s("2026-01-01T00:00:00.000Z"), ":hi", s("2026-12-31T23:59:59.999Z#~")))
                            .projectionExpression("#sk").build();
                    for (QueryResponse page : db.queryPaginator(query)) {
                        count++;
                    }
                    return count;
                }, io));
            }
            pages[0] = stages.stream().mapToInt(CompletableFuture::join).sum();
            return 0;
        };
        for (int i = 0; i < 3; i++) {
            report.get();
            bare.get();
        }
        counter.reset();
        median(report, 3);
        int reportRequests = counter.total() / 3;
        double[] reportVsBare = medians(report, bare, 15);
        double reportMs = reportVsBare[0];
        double bareMs = reportVsBare[1];
        long milestones = countMilestones(dealership);
        line(String.format("KPI report ytd, %,d milestones, %s (%d requests/report, %d query pages)", milestones, history,
                reportRequests, pages[0]), reportMs, "bare Query calls", bareMs);
    }

    // 4. national roll-up over 200 dealerships vs one dealership's report
    private void rollUp() {
        Map<String, String> json = Map.of("content-type", "application/json");
        com.dealerkpi.api.AdminHandler admin = wiring.adminHandler();
        for (int d = 0; d < 200; d++) {
            String id = "U" + d;
            admin.handleRequest(LocalEvents.request("PUT", "/dealerships/" + id + "/profile", null, json,
                    "{\"region\":\"R" + (d % 10) + "\",\"databaseSize\":1000}", NATIONAL), null);
            loadMilestones(id, 400);
        }
        ReportHandler handler = wiring.reportHandler();
        APIGatewayV2HTTPEvent one = getEvent("/dealerships/U0/kpi", null);
        APIGatewayV2HTTPEvent national = getEvent("/kpi", null);
        for (int i = 0; i < 3; i++) {
            handler.handleRequest(one, null);
            handler.handleRequest(national, null);
        }
        double oneMs = median(() -> handler.handleRequest(one, null).getStatusCode(), 9);
        double nationalMs = median(() -> handler.handleRequest(national, null).getStatusCode(), 5);
        line("national roll-up over 200 dealerships (8 at a time)", nationalMs, "one dealership's report", oneMs);
    }

    // 3. cold start: fresh JVMs, the invoke path vs one bare GetItem
    private void coldStart(int runs) throws IOException, InterruptedException {
        Path jar = Path.of(Bench.class.getProtectionDomain().getCodeSource().getLocation().getPath());
        Path event = Files.createTempFile("bench-event", ".json");
        Files.writeString(event, com.dealerkpi.api.Json.write(Map.of("version", "2.0",
                "routeKey", "POST /dealerships/{dealershipId}/agreements/{agreementId}/status",
                "rawPath", "/dealerships/C1/agreements/A1/status",
                "headers", Map.of("content-type", "application/json"),
                "pathParameters", Map.of("dealershipId", "C1", "agreementId", "A1"),
                "requestContext", Map.of("http", Map.of("method", "POST", "path", "/dealerships/C1/agreements/A1/status"),
                        "authorizer", Map.of("jwt", Map.of("claims", Map.of("sub", "u", "custom:role", "national")))),
                "body", "{\"status\":\"Sold\"}", "isBase64Encoded", false)));
        List<String> invoke = List.of("java", "-XX:TieredStopAtLevel=1", "-jar", jar.toString(), "invoke", "StatusFunction",
                event.toString(), "--dynamodb-endpoint", endpoint.toString());
        List<String> handlerOnly = List.of("java", "-XX:TieredStopAtLevel=1", "-cp", jar.toString(), ColdStart.class.getName(),
                "handler", endpoint.toString(), TABLE);
        List<String> bare = List.of("java", "-XX:TieredStopAtLevel=1", "-cp", jar.toString(), ColdStart.class.getName(),
                "getitem", endpoint.toString(), TABLE);
        process(invoke);
        process(bare);
        double invokeMs = medianProcess(invoke, runs);
        double handlerMs = medianProcess(handlerOnly, runs);
        double bareMs = medianProcess(bare, runs);
        line("cold start: fresh JVM, invoke (template + handler + 1 request)", invokeMs, "fresh JVM, one bare GetItem", bareMs);
        line("cold start: fresh JVM, status handler + 1 request (Lambda's path)", handlerMs, "fresh JVM, one bare GetItem", bareMs);
        OUT.printf("classes loaded: invoke %d, handler + 1 request %d, bare GetItem %d; shaded jar %.1f MB (goal <= 12 MB)%n",
                classes(invoke), classes(handlerOnly), classes(bare), Files.size(jar) / 1024.0 / 1024.0);
    }

    /** The DynamoDB requests one call makes, as the SDK saw them. */
    private List<SdkRequest> capture(Runnable call) {
        List<SdkRequest> requests = java.util.Collections.synchronizedList(new ArrayList<>());
        counter.recording = requests;
        call.run();
        counter.recording = null;
        return requests;
    }

    private static Map<String, AttributeValue> withPk(Map<String, AttributeValue> item, String pk) {
        Map<String, AttributeValue> copy = new HashMap<>(item);
        copy.put(TableLayout.PK, s(pk));
        return copy;
    }

    private static double medianProcess(List<String> command, int runs) throws IOException, InterruptedException {
        double[] times = new double[runs];
        for (int i = 0; i < runs; i++) {
            times[i] = process(command);
        }
        Arrays.sort(times);
        return times[runs / 2];
    }

    private static double process(List<String> command) throws IOException, InterruptedException {
        long start = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("failed: " + command);
        }
        return (System.nanoTime() - start) / 1e6;
    }

    private static long classes(List<String> command) throws IOException, InterruptedException {
        List<String> verbose = new ArrayList<>(command);
        verbose.add(1, "-Xlog:class+load=info");
        Process p = new ProcessBuilder(verbose).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        long loaded = new String(p.getInputStream().readAllBytes()).lines().filter(l -> l.contains("class,load")).count();
        p.waitFor(120, TimeUnit.SECONDS);
        return loaded;
    }

    private void loadMilestones(String dealership, int count) {
        List<Map<String, AttributeValue>> items = new ArrayList<>(count);
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        long span = Duration.between(start, Instant.parse("2026-11-20T00:00:00Z")).toSeconds();
        for (int i = 0; i < count; i++) {
            Stage stage = Stage.values()[i % 4];
            String agreement = "A" + (i / 4);
            Instant at = start.plusSeconds((long) i * 7919 % span);
            Map<String, AttributeValue> item = new HashMap<>();
            item.put(TableLayout.PK, s(TableLayout.agreementPk(dealership, agreement)));
            item.put(TableLayout.SK, s(TableLayout.milestoneSk(stage)));
            item.put(TableLayout.AT, s(TableLayout.instant(at)));
            item.put(TableLayout.BACKFILLED, AttributeValue.fromBool(stage != Stage.SOLD));
            item.put(TableLayout.EVENT_ID, s("e" + i));
            item.put(TableLayout.REPLACED, s("-"));
            item.put(TableLayout.GSI1_PK, s(TableLayout.milestoneIndexPk(dealership, stage)));
            item.put(TableLayout.GSI1_SK, s(TableLayout.milestoneIndexSk(at, stage != Stage.SOLD)));
            items.add(item);
        }
        batchWrite(items);
    }

    private void loadHistory(String dealership, int count) {
        List<Map<String, AttributeValue>> items = new ArrayList<>(count);
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < count; i++) {
            String eventId = dealership + "-h" + System.nanoTime() + "-" + i;
            Instant at = start.plusSeconds(i * 613L % 27_000_000L);
            Map<String, AttributeValue> item = new HashMap<>();
            item.put(TableLayout.PK, s(TableLayout.agreementPk(dealership, "A" + (i % 12_500))));
            item.put(TableLayout.SK, s(TableLayout.historySk(at, eventId)));
            item.put(TableLayout.STATUS, s("NO_ANSWER"));
            item.put(TableLayout.AT, s(TableLayout.instant(at)));
            item.put(TableLayout.USER_ID, s("u1"));
            item.put(TableLayout.EVENT_ID, s(eventId));
            item.put(TableLayout.GSI2_PK, s(TableLayout.activityIndexPk(dealership)));
            item.put(TableLayout.GSI2_SK, s(TableLayout.activityIndexSk(at, eventId)));
            items.add(item);
        }
        batchWrite(items);
    }

    private void batchWrite(List<Map<String, AttributeValue>> items) {
        List<CompletableFuture<?>> writes = new ArrayList<>();
        for (int i = 0; i < items.size(); i += 25) {
            List<WriteRequest> batch = items.subList(i, Math.min(items.size(), i + 25)).stream()
                    .map(item -> WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build()).toList();
            writes.add(CompletableFuture.runAsync(() -> {
                Map<String, List<WriteRequest>> pending = Map.of(TABLE, batch);
                while (!pending.isEmpty()) {
                    Map<String, List<WriteRequest>> request = pending;
                    pending = db.batchWriteItem(r -> r.requestItems(request)).unprocessedItems();
                }
            }, io));
        }
        writes.forEach(CompletableFuture::join);
    }

    private long countMilestones(String dealership) {
        long total = 0;
        for (Stage stage : Stage.values()) {
            for (QueryResponse page : db.queryPaginator(r -> r.tableName(TABLE).indexName(TableLayout.MILESTONE_INDEX)
                    .keyConditionExpression("#pk = :pk").expressionAttributeNames(Map.of("#pk", TableLayout.GSI1_PK))
                    .expressionAttributeValues(Map.of(":pk", s(TableLayout.milestoneIndexPk(dealership, stage))))
                    .select(software.amazon.awssdk.services.dynamodb.model.Select.COUNT))) {
                total += page.count();
            }
        }
        return total;
    }

    /** The medians of two tasks run alternately, {@code iterations} times each. */
    private static double[] medians(Supplier<Integer> a, Supplier<Integer> b, int iterations) {
        double[] first = new double[iterations];
        double[] second = new double[iterations];
        for (int i = 0; i < iterations; i++) {
            long start = System.nanoTime();
            a.get();
            first[i] = (System.nanoTime() - start) / 1e6;
            start = System.nanoTime();
            b.get();
            second[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(first);
        Arrays.sort(second);
        return new double[]{first[iterations / 2], second[iterations / 2]};
    }

    private static double median(Supplier<Integer> task, int iterations) {
        double[] times = new double[iterations];
        for (int i = 0; i < iterations; i++) {
            long start = System.nanoTime();
            task.get();
            times[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(times);
        return times[iterations / 2];
    }

    private static void line(String name, double valueMs, String floorName, double floorMs) {
        OUT.printf("%s: %.2f ms (floor: %s %.2f ms, ratio: %.2f)%n", name, valueMs, floorName, floorMs, valueMs / floorMs);
    }

    private static final Map<String, String> NATIONAL = Map.of("sub", "bench", "custom:role", "national");

    private static APIGatewayV2HTTPEvent statusEvent(String dealership, String agreement, String key) {
        Map<String, String> headers = new HashMap<>(Map.of("content-type", "application/json"));
        if (key != null) {
            headers.put("idempotency-key", key);
        }
        return LocalEvents.request("POST", "/dealerships/" + dealership + "/agreements/" + agreement + "/status", null,
                headers, "{\"status\":\"Sold\",\"occurredAt\":\"2026-05-01T10:00:00Z\"}", NATIONAL);
    }

    private static APIGatewayV2HTTPEvent getEvent(String path, String rawQuery) {
        return LocalEvents.request("GET", path, rawQuery, Map.of(), null, NATIONAL);
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
