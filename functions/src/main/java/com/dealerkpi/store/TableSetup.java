package com.dealerkpi.store;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/** Creates the table (with its indexes) when it is missing: for the local runner and the tests. */
public final class TableSetup {
    private TableSetup() {
    }

    public static void ensureTable(DynamoDbClient db, String tableName) {
        try {
            db.describeTable(r -> r.tableName(tableName));
        } catch (ResourceNotFoundException missing) {
            db.createTable(TableLayout.createTableRequest(tableName));
        }
        waitUntilActive(db, tableName);
    }

    private static void waitUntilActive(DynamoDbClient db, String tableName) {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (db.describeTable(r -> r.tableName(tableName)).table().tableStatus() != TableStatus.ACTIVE) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("table " + tableName + " did not become ACTIVE within 60 s");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for table " + tableName, e);
            }
        }
    }
}
