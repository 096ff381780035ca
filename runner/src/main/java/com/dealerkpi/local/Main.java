package com.dealerkpi.local;

import com.dealerkpi.lambda.Config;
import com.dealerkpi.lambda.Wiring;
import com.dealerkpi.store.DynamoClients;
import com.dealerkpi.store.DynamoStores;
import com.dealerkpi.store.TableSetup;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
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
            "  java -jar target/dealer-kpi.jar invoke <FunctionLogicalId> <event.json> [--dynamodb-endpoint URL]",
            "  java -jar target/dealer-kpi.jar dynamodb [--port 8000] [--host 127.0.0.1] [--data-dir DIR]",
            "  java -jar target/dealer-kpi.jar import <file.csv|file.jsonl> --api URL [--token T | --principal national] [--parallel 16]",
            "  java -jar target/dealer-kpi.jar smoke --api URL (--dealer-token T --national-token T | --local true) [--dealership D1]",
            "  java -jar target/dealer-kpi.jar bench [--parts status,reports,rollup,runtime (= cold-start,restore)] [--iterations 400] [--runs 5] [--quick true]",
            "serve and invoke read routes, handlers and environment from template.yaml (--template FILE to point elsewhere);",
            "dynamodb runs dynalite with the table created, e.g. for sam local with events/env.json (--host 0.0.0.0).");

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
                case "invoke" -> System.exit(invoke(Options.parse(args, 1)));
                case "dynamodb" -> dynamodb(Options.parse(args, 1));
                case "smoke" -> System.exit(Smoke.run(Options.parse(args, 1), System.out));
                case "import" -> System.exit(Import.run(Options.parse(args, 1), System.out, System.err));
                case "bench" -> com.dealerkpi.local.bench.Bench.run(Options.parse(args, 1));
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
        SamTemplate template = template(options);
        // the functions share one environment in template.yaml (Globals); the runner serves them all from it
        Map<String, String> environment = template.functions().values().iterator().next().environment();
        try (Store store = Store.open(options, environment)) {
            try (LocalApi api = new LocalApi(store.wiring(), template, port, principal)) {
                api.start();
                System.out.println("listening on http://127.0.0.1:" + api.port());
                System.out.flush();
                CountDownLatch stopped = new CountDownLatch(1);
                Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "local-api-stop"));
                stopped.await();
            }
        }
    }

    /** A standalone local DynamoDB (dynalite) with the table created, until Ctrl-C. */
    private static void dynamodb(Options options) throws IOException, InterruptedException {
        int port = Integer.parseInt(options.value("--port", "8000"));
        String host = options.value("--host", "127.0.0.1");
        try (Dynalite dynalite = Dynalite.start(options.optional("--data-dir").map(Path::of), port, host)) {
            Config config = Config.from(System.getenv());
            try (DynamoDbClient db = DynamoClients.create(config.region(), Optional.of(dynalite.endpoint()),
                    DynamoClients.localCredentials(), 4, Duration.ofSeconds(10))) {
                TableSetup.ensureTable(db, config.tableName());
            }
            System.out.println("dynamodb on http://" + host + ":" + port + " with table " + config.tableName());
            System.out.flush();
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "dynamodb-stop"));
            stopped.await();
        }
    }

    /**
     * Runs one function on one event file, as {@code sam local invoke} does, and prints the response JSON.
     * Returns the exit code: 0 when the function answered (whatever its HTTP status).
     */
    private static int invoke(Options options) throws IOException {
        if (options.positional().size() != 2) {
            throw new IllegalArgumentException("invoke needs <FunctionLogicalId> <event.json>");
        }
        SamTemplate template = template(options);
        String functionId = options.positional().get(0);
        SamTemplate.FunctionSpec function = template.function(functionId).orElseThrow(() -> new IllegalArgumentException(
                "template.yaml has no function " + functionId + "; it has " + template.functions().keySet()));
        String eventJson = Files.readString(Path.of(options.positional().get(1)));
        // like sam local invoke: the function's logs go to stderr, only the response to stdout
        java.io.PrintStream stdout = System.out;
        System.setOut(System.err);
        try (Store store = Store.open(options, function.environment())) {
            stdout.println(Invoker.print(Invoker.invoke(function, eventJson, store.wiring())));
        } finally {
            System.setOut(stdout);
        }
        return 0;
    }

    private static SamTemplate template(Options options) throws IOException {
        Optional<String> file = options.optional("--template");
        return file.isPresent() ? SamTemplate.load(Path.of(file.get())) : SamTemplate.load();
    }

    /** The DynamoDB the runner talks to: the one at --dynamodb-endpoint, or an embedded dynalite it owns. */
    record Store(Wiring wiring, DynamoDbClient db, Dynalite dynalite) implements AutoCloseable {
        static Store open(Options options, Map<String, String> functionEnvironment) throws IOException {
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
            return new Store(Wiring.local(config, new DynamoStores(db, config.tableName(), Clock.systemUTC()), Clock.systemUTC()),
                    db, dynalite);
        }

        @Override
        public void close() {
            db.close();
            if (dynalite != null) {
                dynalite.close();
            }
        }
    }

    /** {@code --name value} options after the command and its positional arguments. */
    public record Options(List<String> positional, Map<String, String> named) {
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

        public String value(String name, String fallback) {
            return named.getOrDefault(name, fallback);
        }

        public Optional<String> optional(String name) {
            return Optional.ofNullable(named.get(name));
        }
    }
}
