package com.dealerkpi.local;

import com.dealerkpi.lambda.Config;
import com.dealerkpi.lambda.Wiring;
import com.dealerkpi.store.DynamoClients;
import com.dealerkpi.store.DynamoStores;
import com.dealerkpi.store.TableSetup;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The DynamoDB a local command talks to: the one at {@code --dynamodb-endpoint}, or an embedded dynalite it owns
 * (in memory, or kept in {@code --data-dir}); the table is created if it is missing. The functions are wired to it.
 */
public record LocalStore(Wiring wiring, DynamoDbClient db, Dynalite dynalite) implements AutoCloseable {

    public static LocalStore open(Options options, Map<String, String> functionEnvironment) throws IOException {
        Map<String, String> env = new HashMap<>(functionEnvironment);
        for (String name : List.of("AWS_REGION", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", Config.TABLE_NAME)) {
            Optional.ofNullable(System.getenv(name)).ifPresent(value -> env.put(name, value));
        }
        Optional<String> endpoint = options.optional("--dynamodb-endpoint");
        Dynalite dynalite = null;
        if (endpoint.isPresent()) {
            env.put(Config.DYNAMODB_ENDPOINT, endpoint.get());
        } else {
            dynalite = Dynalite.start(options.optional("--data-dir").map(Path::of));
            env.put(Config.DYNAMODB_ENDPOINT, dynalite.endpoint().toString());
        }
        Config config = Config.from(env);
        URI uri = config.dynamodbEndpoint().orElseThrow();
        DynamoDbClient db = DynamoClients.create(config.region(), Optional.of(uri), DynamoClients.localCredentials(),
                config.maxAttempts(), Duration.ofSeconds(10));
        TableSetup.ensureTable(db, config.tableName());
        return new LocalStore(Wiring.local(config, new DynamoStores(db, config.tableName(), Clock.systemUTC(), config.networkShards()),
                Clock.systemUTC()), db, dynalite);
    }

    @Override
    public void close() {
        db.close();
        if (dynalite != null) {
            dynalite.close();
        }
    }
}
