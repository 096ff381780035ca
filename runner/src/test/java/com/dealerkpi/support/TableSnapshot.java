package com.dealerkpi.support;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Every item of a test table, to prove a refused request changed nothing. Test code only: this is the
 * one Scan in the project, and it never runs in a function.
 */
public final class TableSnapshot {
    private TableSnapshot() {
    }

    public static Set<Map<String, AttributeValue>> of(DynamoDbClient db, String table) {
        Set<Map<String, AttributeValue>> items = new HashSet<>();
        db.scanPaginator(r -> r.tableName(table).consistentRead(true)).items().forEach(items::add);
        return items;
    }
}
