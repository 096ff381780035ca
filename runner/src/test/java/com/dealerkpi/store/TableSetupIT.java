package com.dealerkpi.store;

import com.dealerkpi.support.Backend;

import java.util.List;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A table an earlier version created (no outbox index) gets the index when a local command opens it, where the store
 * can add one; where it cannot (dynalite), opening it is refused with what to do, and the table is left as it was.
 */
class TableSetupIT {
    @Test
    void aTableWithoutTheOutboxIndexGetsIt() {
        DynamoDbClient db = Backend.get().client();
        String table = "upgrade-" + System.nanoTime();
        CreateTableRequest current = TableLayout.createTableRequest(table);
        db.createTable(current.toBuilder()
                .globalSecondaryIndexes(current.globalSecondaryIndexes().stream()
                        .filter(index -> !index.indexName().equals(TableLayout.OUTBOX_INDEX)).toList())
                .attributeDefinitions(current.attributeDefinitions().stream()
                        .filter(a -> !List.of(TableLayout.OUTBOX_PK, TableLayout.OUTBOX_SK).contains(a.attributeName())).toList())
                .build());
        try {
            TableSetup.ensureTable(db, table);
        } catch (IllegalStateException cannotAddAnIndex) {
            assertTrue(cannotAddAnIndex.getMessage().contains("start with a new --data-dir"), cannotAddAnIndex.getMessage());
            assertEquals(4, indexes(db, table).size(), "the table is left as it was");
            return;
        }
        List<String> indexes = indexes(db, table);
        assertTrue(indexes.contains(TableLayout.OUTBOX_INDEX), indexes.toString());
        TableSetup.ensureTable(db, table);
        assertEquals(indexes, indexes(db, table), "opening it again changes nothing");
    }

    private static List<String> indexes(DynamoDbClient db, String table) {
        return db.describeTable(r -> r.tableName(table)).table().globalSecondaryIndexes().stream()
                .map(GlobalSecondaryIndexDescription::indexName).toList();
    }
}
