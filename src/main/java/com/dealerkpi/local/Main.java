package com.dealerkpi.local;

import com.dealerkpi.api.Composition;
import com.dealerkpi.api.Config;
import com.dealerkpi.store.DynamoClients;
import com.dealerkpi.store.TableSetup;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@code java -jar target/dealer-kpi.jar serve|invoke ...}: the local runner. Lambda never runs this class.
 */
public final class Main {
    private static final String USAGE = String.join("\n",
            "usage:",
            "  java -jar target/dealer-kpi.jar serve [--port 3000] [--dynamodb-endpoint URL] [--data-dir DIR] [--principal national|dealer:<id>]",
            "  java -jar target/dealer-kpi.jar invoke <FunctionLogicalId> <event.json> [--dynamodb-endpoint URL]");

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
            System.out.println(USAGE);
            return;
        }
        try {
            switch (args[0]) {
                case "serve" -> serve(Options.parse(args, 1));
                default -> throw new IllegalArgumentException("unknown command '" + args[0] + "'");
            }
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
        }
    }

    private static void serve(Options options) throws IOException, InterruptedException {
        int port = Integer.parseInt(options.value("--port", "3000"));
        String principal = options.value("--principal", "national");
        try (Store store = Store.open(options)) {
            Composition composition = store.composition();
            try (LocalApi api = new LocalApi(composition, port, principal)) {
                api.start();
                System.out.println("listening on http://127.0.0.1:" + api.port());
                System.out.flush();
                CountDownLatch stopped = new CountDownLatch(1);
                Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "local-api-stop"));
                stopped.await();
            }
        }
    }

    /** The DynamoDB the runner talks to: the one at --dynamodb-endpoint, or an embedded dynalite it owns. */
    record Store(Composition composition, Dynalite dynalite) implements AutoCloseable {
        static Store open(Options options) throws IOException {
            Map<String, String> env = new HashMap<>(System.getenv());
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
            DynamoDbClient db = DynamoClients.create(config.region(), Optional.of(uri), config.maxAttempts(),
                    Duration.ofSeconds(10));
            TableSetup.ensureTable(db, config.tableName());
            return new Store(new Composition(config, db, Clock.systemUTC()), dynalite);
        }

        @Override
        public void close() {
            composition.dynamo().close();
            if (dynalite != null) {
                dynalite.close();
            }
        }
    }

    /** {@code --name value} options after the command and its positional arguments. */
    record Options(List<String> positional, Map<String, String> named) {
        static Options parse(String[] args, int from) {
            List<String> positional = new ArrayList<>();
            Map<String, String> named = new HashMap<>();
            for (int i = from; i < args.length; i++) {
                if (args[i].startsWith("--")) {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException(args[i] + " needs a value");
                    }
                    named.put(args[i], args[++i]);
                } else {
                    positional.add(args[i]);
                }
            }
            return new Options(positional, named);
        }

        String value(String name, String fallback) {
            return named.getOrDefault(name, fallback);
        }

        Optional<String> optional(String name) {
            return Optional.ofNullable(named.get(name));
        }
    }
}
