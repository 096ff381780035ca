package com.dealerkpi.store;

import com.dealerkpi.support.Backend;
import com.dealerkpi.support.TableSnapshot;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SnapStart priming's safety catch, on each DynamoDB implementation: with the guard on, every kind of write, with
 * or without a condition of its own, on an item that exists or not, is refused as a failed condition (the code's
 * ordinary path) and the table is unchanged; reads answer as usual; batch writes are not sent at all. Off, writes
 * go through.
 */
class WriteGuardIT {
    private static final Map<String, AttributeValue> EXISTING = key("D#guard", "existing");
    private static final Map<String, AttributeValue> MISSING = key("D#guard", "missing");

    private static final WriteGuard GUARD = new WriteGuard();
    private static DynamoDbClient db;
    private static String table;

    @BeforeAll
    static void table() {
        db = Backend.get().client(GUARD);
        table = Backend.get().freshTable(db);
        db.putItem(r -> r.tableName(table).item(with(EXISTING, "n", AttributeValue.fromN("1"))));
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void everyWriteIsAFailedConditionAndTheTableIsUnchanged() {
        Set<Map<String, AttributeValue>> before = TableSnapshot.of(db, table);
        GUARD.during(() -> {
            for (Map<String, AttributeValue> key : List.of(EXISTING, MISSING)) {
                refused(() -> db.putItem(r -> r.tableName(table).item(with(key, "n", AttributeValue.fromN("2")))));
                refused(() -> db.putItem(r -> r.tableName(table).item(with(key, "n", AttributeValue.fromN("2")))
                        .conditionExpression("attribute_not_exists(#pk)").expressionAttributeNames(Map.of("#pk", "pk"))));
                refused(() -> db.updateItem(r -> r.tableName(table).key(key).updateExpression("SET #n = :n")
                        .expressionAttributeNames(Map.of("#n", "n")).expressionAttributeValues(Map.of(":n", AttributeValue.fromN("3")))));
                refused(() -> db.updateItem(r -> r.tableName(table).key(key).updateExpression("ADD #n :one")
                        .conditionExpression("attribute_exists(#n) OR attribute_not_exists(#n)")
                        .expressionAttributeNames(Map.of("#n", "n")).expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1")))));
                refused(() -> db.deleteItem(r -> r.tableName(table).key(key)));
            }
            assertTrue(db.getItem(r -> r.tableName(table).key(EXISTING).consistentRead(true)).hasItem(), "reads pass");
            assertThrows(IllegalStateException.class, () -> db.batchWriteItem(r -> r.requestItems(Map.of(table, List.of(
                    WriteRequest.builder().putRequest(PutRequest.builder().item(MISSING).build()).build())))));
        });
        assertEquals(before, TableSnapshot.of(db, table));
    }

    @Test
    void offItLetsWritesThrough() {
        Map<String, AttributeValue> key = key("D#guard", "after");
        db.putItem(r -> r.tableName(table).item(key));
        assertTrue(db.getItem(r -> r.tableName(table).key(key).consistentRead(true)).hasItem());
        db.deleteItem(r -> r.tableName(table).key(key));
        assertFalse(db.getItem(r -> r.tableName(table).key(key).consistentRead(true)).hasItem());
    }

    private static void refused(Executable write) {
        assertThrows(ConditionalCheckFailedException.class, write);
    }

    private static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk));
    }

    private static Map<String, AttributeValue> with(Map<String, AttributeValue> key, String name, AttributeValue value) {
        Map<String, AttributeValue> item = new java.util.HashMap<>(key);
        item.put(name, value);
        return item;
    }
}
