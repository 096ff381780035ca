package com.dealerkpi.local.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.dealerkpi.domain.status.Stage;
import com.dealerkpi.lambda.Config;
import com.dealerkpi.lambda.Wiring;
import com.dealerkpi.local.LocalEvents;
import com.dealerkpi.store.DynamoClients;
import com.dealerkpi.store.DynamoStores;
import com.dealerkpi.store.TableLayout;
import com.dealerkpi.store.TableSetup;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The benchmark's table on the embedded store: the client (its requests counted), the functions wired to it as the
 * local runner wires them, bulk loaders for milestones and history, and the events the benchmarks send.
 */
final class BenchTable implements AutoCloseable {
    static final String TABLE = "DealerKpiBench";
    static final Map<String, String> NATIONAL = Map.of("sub", "bench", "custom:role", "national");

    final DynamoDbClient db;
    final Wiring wiring;
    final RequestCounter counter = new RequestCounter();
    final RequestTimes times = new RequestTimes();
    final ExecutorService io = Executors.newFixedThreadPool(8);

    BenchTable(URI endpoint) {
        this.db = DynamoClients.create("us-east-1", Optional.of(endpoint), DynamoClients.localCredentials(), 4,
                Duration.ofSeconds(30), counter, times);
        TableSetup.ensureTable(db, TABLE);
        // wired as a deployed stack is: a status update reuses its dealership's aggregate config for a minute (no
        // dealership changes zone or group here, so no build depends on the wait that makes that safe), a roll-up the
        // network's listings
        this.wiring = wiring(Wiring.Reuse.DEPLOYED);
    }

    /** The functions wired to the table afresh, as a new execution environment is, reusing what they read as given. */
    Wiring wiring(Wiring.Reuse reuse) {
        return Wiring.local(Config.from(Map.of(Config.TABLE_NAME, TABLE)), new DynamoStores(db, TABLE, Clock.systemUTC()),
                Clock.systemUTC(), reuse);
    }

    /** {@code count} milestones of one dealership, the four stages in turn, spread over 2026. */
    void loadMilestones(String dealership, int count) {
        List<Map<String, AttributeValue>> items = new ArrayList<>(count);
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        long span = Duration.between(start, Instant.parse("2026-11-20T00:00:00Z")).toSeconds();
        for (int i = 0; i < count; i++) {
            Stage stage = Stage.values()[i % 4];
            Instant at = start.plusSeconds((long) i * 7919 % span);
            Map<String, AttributeValue> item = new HashMap<>();
            item.put(TableLayout.PK, s(TableLayout.agreementPk(dealership, "A" + (i / 4))));
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

    /** {@code count} non-KPI history rows of one dealership over 12,500 agreements. */
    void loadHistory(String dealership, int count) {
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

    long countMilestones(String dealership) {
        long total = 0;
        for (Stage stage : Stage.values()) {
            for (QueryResponse page : db.queryPaginator(r -> r.tableName(TABLE).indexName(TableLayout.MILESTONE_INDEX)
                    .keyConditionExpression("#pk = :pk").expressionAttributeNames(Map.of("#pk", TableLayout.GSI1_PK))
                    .expressionAttributeValues(Map.of(":pk", s(TableLayout.milestoneIndexPk(dealership, stage))))
                    .select(Select.COUNT))) {
                total += page.count();
            }
        }
        return total;
    }

    /**
     * A Sold on an agreement, on the n-th day of 2026 up to the end of November for the n-th agreement: a busy
     * dealership's year, a few hundred sales in each month's aggregates as the benchmark goes on, not thousands in one.
     */
    static APIGatewayV2HTTPEvent statusEvent(String dealership, String agreement, int n, String idempotencyKey) {
        Map<String, String> headers = new HashMap<>(Map.of("content-type", "application/json"));
        if (idempotencyKey != null) {
            headers.put("idempotency-key", idempotencyKey);
        }
        Instant at = Instant.parse("2026-01-01T10:00:00Z").plus(Duration.ofDays(Math.floorMod(n, 334)));
        return LocalEvents.request("POST", "/dealerships/" + dealership + "/agreements/" + agreement + "/status", null,
                headers, "{\"status\":\"Sold\",\"occurredAt\":\"" + at + "\"}", NATIONAL);
    }

    static APIGatewayV2HTTPEvent getEvent(String path, String rawQuery) {
        return LocalEvents.request("GET", path, rawQuery, Map.of(), null, NATIONAL);
    }

    /** A benchmark of failing requests measures nothing: stop at the first unexpected answer. */
    static void expect(int status, APIGatewayV2HTTPResponse response) {
        if (response.getStatusCode() != status) {
            throw new IllegalStateException("expected " + status + ", got " + response.getStatusCode() + ": " + response.getBody());
        }
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    @Override
    public void close() {
        io.shutdownNow();
        db.close();
    }
}
