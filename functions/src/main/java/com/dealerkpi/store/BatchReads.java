package com.dealerkpi.store;

import com.dealerkpi.app.common.DaemonThreads;
import com.dealerkpi.app.common.Parallel;
import com.dealerkpi.app.common.StoreUnavailableException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Supplier;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/** BatchGetItems of one table, each asked again for the keys DynamoDB leaves unprocessed. */
final class BatchReads {
    /** Rounds for keys left unprocessed before the read counts as failed (the store is overloaded). */
    private static final int UNPROCESSED_ROUNDS = 5;
    /** The most keys one BatchGetItem takes. */
    private static final int BATCH = 100;
    /** Requests of one read in flight at once, beyond the caller's own: a network's year at 64 shards is 9. */
    private static final int AT_ONCE_LIMIT = 8;
    /** The first wait before keys DynamoDB left unprocessed are asked again (it doubles each round), as AWS advises. */
    private static final long UNPROCESSED_BACKOFF_MS = 25;
    /** The threads a read's further requests go out on. */
    private static final Parallel AT_ONCE = new Parallel(Executors.newFixedThreadPool(AT_ONCE_LIMIT,
            DaemonThreads.named("dealer-kpi-batch-read")));

    private BatchReads() {
    }

    /** Any number of items read consistently, 100 keys a request, the requests at once. */
    static void readAll(DynamoDbClient db, String table, List<Map<String, AttributeValue>> keys, String what,
                        Consumer<Map<String, AttributeValue>> sink) {
        readAll(db, table, keys, attributes -> { }, what, sink);
    }

    /**
     * As above, each request also shaped by {@code projection} (its projection expression and names). The requests
     * go out together, so a read of many keys (a year of the network's months, of a dealership's days) costs one round
     * trip, not one per 100 keys; {@code sink} sees the items on the caller's thread once every request has answered.
     */
    static void readAll(DynamoDbClient db, String table, List<Map<String, AttributeValue>> keys,
                        Consumer<KeysAndAttributes.Builder> projection, String what, Consumer<Map<String, AttributeValue>> sink) {
        List<Supplier<List<Map<String, AttributeValue>>>> requests = new ArrayList<>();
        for (int from = 0; from < keys.size(); from += BATCH) {
            KeysAndAttributes.Builder chunk = KeysAndAttributes.builder()
                    .keys(keys.subList(from, Math.min(keys.size(), from + BATCH))).consistentRead(true);
            projection.accept(chunk);
            KeysAndAttributes request = chunk.build();
            requests.add(() -> {
                List<Map<String, AttributeValue>> items = new ArrayList<>();
                read(db, table, request, what, items::add);
                return items;
            });
        }
        AT_ONCE.all(requests).forEach(items -> items.forEach(sink));
    }

    static void read(DynamoDbClient db, String table, KeysAndAttributes keys, String what,
                     Consumer<Map<String, AttributeValue>> sink) {
        DynamoErrors.call(what, () -> {
            Map<String, KeysAndAttributes> pending = Map.of(table, keys);
            for (int round = 0; !pending.isEmpty(); round++) {
                if (round > UNPROCESSED_ROUNDS) {
                    throw new StoreUnavailableException(what + ": keys stayed unprocessed", null);
                }
                if (round > 0) {
                    backOff(round, what);
                }
                Map<String, KeysAndAttributes> asked = pending;
                BatchGetItemResponse response = db.batchGetItem(r -> r.requestItems(asked));
                response.responses().getOrDefault(table, List.of()).forEach(sink);
                pending = response.unprocessedKeys();
            }
            return null;
        });
    }

    private static void backOff(int round, String what) {
        try {
            Thread.sleep(UNPROCESSED_BACKOFF_MS << (round - 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException(what + ": interrupted while waiting to ask again", e);
        }
    }
}
