package com.dealerkpi.local;

import com.dealerkpi.lambda.Config;
import com.dealerkpi.lambda.StatusFunction;
import com.dealerkpi.lambda.Wiring;
import com.dealerkpi.store.DynamoClients;
import com.dealerkpi.store.DynamoStores;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The two sides of the cold-start benchmark, each run in a fresh JVM by {@link Bench}: {@code getitem} is the
 * floor (a client and one bare GetItem), {@code handler} is what Lambda does on a cold start (build the status
 * handler and serve one request).
 */
public final class ColdStart {
    private ColdStart() {
    }

    public static void main(String[] args) {
        URI endpoint = URI.create(args[1]);
        String table = args[2];
        DynamoDbClient db = DynamoClients.create("us-east-1", Optional.of(endpoint), DynamoClients.localCredentials(), 4,
                Duration.ofSeconds(10));
        if (args[0].equals("getitem")) {
            db.getItem(r -> r.tableName(table).key(Map.of("pk", AttributeValue.fromS("x"), "sk", AttributeValue.fromS("y"))));
            return;
        }
        StatusFunction handler = new StatusFunction(Wiring.local(Config.from(Map.of(Config.TABLE_NAME, table)),
                new DynamoStores(db, table, Clock.systemUTC()), Clock.systemUTC()));
        String agreement = "cold-" + System.nanoTime();
        int status = handler.handleRequest(LocalEvents.request("POST", "/dealerships/C1/agreements/" + agreement + "/status",
                null, Map.of("content-type", "application/json"), "{\"status\":\"Sold\"}",
                Map.of("sub", "u", "custom:role", "national")), null).getStatusCode();
        if (status != 201) {
            throw new IllegalStateException("status " + status);
        }
    }
}
