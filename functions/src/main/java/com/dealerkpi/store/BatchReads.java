package com.dealerkpi.store;

import com.dealerkpi.app.common.StoreUnavailableException;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/** One BatchGetItem (up to 100 keys of one table), asked again for the keys DynamoDB leaves unprocessed. */
final class BatchReads {
    /** Rounds for keys left unprocessed before the read counts as failed (the store is overloaded). */
    private static final int UNPROCESSED_ROUNDS = 5;

    private BatchReads() {
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
