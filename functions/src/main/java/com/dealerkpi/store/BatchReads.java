package com.dealerkpi.store;

import com.dealerkpi.app.common.StoreUnavailableException;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

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

    private BatchReads() {
    }

    /** Any number of items read consistently, 100 keys a request, one request after another. */
    static void readAll(DynamoDbClient db, String table, List<Map<String, AttributeValue>> keys, String what,
                        Consumer<Map<String, AttributeValue>> sink) {
        readAll(db, table, keys, attributes -> { }, what, sink);
    }

    /** As above, each request also shaped by {@code projection} (its projection expression and names). */
    static void readAll(DynamoDbClient db, String table, List<Map<String, AttributeValue>> keys,
                        Consumer<KeysAndAttributes.Builder> projection, String what, Consumer<Map<String, AttributeValue>> sink) {
        for (int from = 0; from < keys.size(); from += BATCH) {
            KeysAndAttributes.Builder chunk = KeysAndAttributes.builder()
                    .keys(keys.subList(from, Math.min(keys.size(), from + BATCH))).consistentRead(true);
            projection.accept(chunk);
            read(db, table, chunk.build(), what, sink);
        }
    }

    static void read(DynamoDbClient db, String table, KeysAndAttributes keys, String what,
                     Consumer<Map<String, AttributeValue>> sink) {
        DynamoErrors.call(what, () -> {
            Map<String, KeysAndAttributes> pending = Map.of(table, keys);
            for (int round = 0; !pending.isEmpty(); round++) {
                if (round > UNPROCESSED_ROUNDS) {
                    throw new StoreUnavailableException(what + ": keys stayed unprocessed", null);
                }
                Map<String, KeysAndAttributes> asked = pending;
                BatchGetItemResponse response = db.batchGetItem(r -> r.requestItems(asked));
                response.responses().getOrDefault(table, List.of()).forEach(sink);
                pending = response.unprocessedKeys();
            }
            return null;
        });
    }
}
