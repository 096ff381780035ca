package com.dealerkpi.support;

import com.dealerkpi.app.Stores;
import com.dealerkpi.store.DynamoStores;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The suites' stores on a DynamoDB implementation ({@code -Dtest.stores=dynamodb}; which one is chosen by
 * {@code -Ddynamodb.backend}, see {@link Backend}): a fresh table per store.
 */
public final class DynamoBackend implements TestBackend {
    private final Map<Stores, String> tables = new ConcurrentHashMap<>();
    private DynamoDbClient client;

    @Override
    public String name() {
        return "dynamodb";
    }

    private synchronized DynamoDbClient client() {
        if (client == null) {
            client = Backend.get().client();
        }
        return client;
    }

    @Override
    public Stores fresh(Clock clock) {
        String table = Backend.get().freshTable(client());
        Stores stores = new DynamoStores(client(), table, clock);
        tables.put(stores, table);
        return stores;
    }

    /** The table's items, and only in tests: the one Scan of the project. */
    @Override
    public Object snapshot(Stores stores) {
        return TableSnapshot.of(client(), tables.get(stores));
    }

    @Override
    public boolean indexesAreSynchronous() {
        return Backend.get().indexesAreSynchronous();
    }
}
