package com.dealerkpi.store;

import java.util.List;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.CreateGlobalSecondaryIndexAction;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/**
 * Creates the table (with its indexes) when it is missing, and adds the indexes a table an earlier version created
 * lacks (the outbox, the group index) where the store can (moto; dynalite cannot, and says so): for the local runner
 * and the tests (a deployed table gets them from the stack update).
 */
public final class TableSetup {
    private TableSetup() {
    }

    public static void ensureTable(DynamoDbClient db, String tableName) {
        TableDescription table;
        try {
            table = describe(db, tableName);
        } catch (ResourceNotFoundException missing) {
            db.createTable(TableLayout.createTableRequest(tableName));
            waitUntilActive(db, tableName);
            // no profile yet: nothing for the scopes' members to copy
            ScopeMembers.markNewTableBuilt(db, tableName);
            return;
        }
        for (GlobalSecondaryIndex index : List.of(TableLayout.outboxIndex(), TableLayout.groupIndex())) {
            if (!hasIndex(table, index)) {
                waitUntilActive(db, tableName);
                addIndex(db, tableName, index);
                table = describe(db, tableName);
                if (!hasIndex(table, index)) {
                    throw new IllegalStateException("table " + tableName + " was created by an earlier version, without"
                            + " the index " + index.indexName() + ", and this store cannot add an index to a table"
                            + " (dynalite cannot): start with a new --data-dir and import the history again (import)");
                }
            }
        }
        if (!active(table)) {
            waitUntilActive(db, tableName);
        }
    }

    private static TableDescription describe(DynamoDbClient db, String tableName) {
        return db.describeTable(r -> r.tableName(tableName)).table();
    }

    private static boolean hasIndex(TableDescription table, GlobalSecondaryIndex index) {
        return table.globalSecondaryIndexes().stream().anyMatch(i -> i.indexName().equals(index.indexName()));
    }

    private static void addIndex(DynamoDbClient db, String tableName, GlobalSecondaryIndex index) {
        CreateGlobalSecondaryIndexAction create = CreateGlobalSecondaryIndexAction.builder()
                .indexName(index.indexName()).keySchema(index.keySchema()).projection(index.projection()).build();
        try {
            addIndex(db, tableName, create);
        } catch (DynamoDbException e) {
            if (e.getMessage() == null || !e.getMessage().contains("provisionedThroughput")) {
                throw e;
            }
            // dynalite 4.0.0 asks for a throughput even on an on-demand table (DynamoDB refuses one there)
            addIndex(db, tableName, create.toBuilder().provisionedThroughput(t -> t.readCapacityUnits(1L).writeCapacityUnits(1L)).build());
        }
    }

    private static void addIndex(DynamoDbClient db, String tableName, CreateGlobalSecondaryIndexAction create) {
        db.updateTable(r -> r.tableName(tableName)
                .attributeDefinitions(create.keySchema().stream().map(key -> string(key.attributeName())).toList())
                .globalSecondaryIndexUpdates(u -> u.create(create)));
    }

    private static AttributeDefinition string(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    /** Until the table and every index of it are ACTIVE (an index added to a table with items backfills first). */
    private static void waitUntilActive(DynamoDbClient db, String tableName) {
        long deadline = System.nanoTime() + 300_000_000_000L;
        while (!active(describe(db, tableName))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("table " + tableName + " and its indexes did not become ACTIVE within 5 minutes");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for table " + tableName, e);
            }
        }
    }

    private static boolean active(TableDescription table) {
        return table.tableStatus() == TableStatus.ACTIVE
                && table.globalSecondaryIndexes().stream().allMatch(i -> i.indexStatus() == IndexStatus.ACTIVE);
    }
}
