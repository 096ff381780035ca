package com.dealerkpi.store;

import com.dealerkpi.support.Backend;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A table an earlier version created (without the outbox index, or without the group index) gets what it lacks when
 * a local command opens it, where the store can add an index; where it cannot (dynalite), opening it is refused with
 * what to do, and the table is left as it was.
 */
class TableSetupIT {
    @Test
    void aTableWithoutTheOutboxAndGroupIndexesGetsThem() {
        upgrade(TableLayout.OUTBOX_INDEX, TableLayout.GROUP_INDEX);
    }

    @Test
    void aTableWithoutTheGroupIndexGetsIt() {
        upgrade(TableLayout.GROUP_INDEX);
    }

    private static void upgrade(String... missing) {
        DynamoDbClient db = Backend.get().client();
        String table = "upgrade-" + System.nanoTime();
        CreateTableRequest current = TableLayout.createTableRequest(table);
        List<GlobalSecondaryIndex> earlier = current.globalSecondaryIndexes().stream()
                .filter(index -> !List.of(missing).contains(index.indexName())).toList();
        List<String> earlierKeys = new ArrayList<>(List.of(TableLayout.PK, TableLayout.SK));
        earlier.forEach(index -> index.keySchema().forEach(key -> earlierKeys.add(key.attributeName())));
        db.createTable(current.toBuilder().globalSecondaryIndexes(earlier)
                .attributeDefinitions(current.attributeDefinitions().stream()
                        .filter(a -> earlierKeys.contains(a.attributeName())).toList())
                .build());
        try {
            TableSetup.ensureTable(db, table);
        } catch (IllegalStateException cannotAddAnIndex) {
            assertTrue(cannotAddAnIndex.getMessage().contains("start with a new --data-dir"), cannotAddAnIndex.getMessage());
            assertEquals(earlier.size(), indexes(db, table).size(), "the table is left as it was");
            return;
        }
        List<String> indexes = indexes(db, table);
        assertTrue(indexes.containsAll(List.of(missing)), indexes.toString());
        assertEquals(current.globalSecondaryIndexes().size(), indexes.size(), indexes.toString());
        TableSetup.ensureTable(db, table);
        assertEquals(indexes, indexes(db, table), "opening it again changes nothing");
    }

    private static List<String> indexes(DynamoDbClient db, String table) {
        return db.describeTable(r -> r.tableName(table)).table().globalSecondaryIndexes().stream()
                .map(GlobalSecondaryIndexDescription::indexName).toList();
    }
}
