package com.dealerkpi.local;

import com.dealerkpi.lambda.Config;
import com.dealerkpi.store.DynamoClients;
import com.dealerkpi.store.TableSetup;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The long-running local commands: the API and dashboard ({@code serve}), and a standalone DynamoDB ({@code dynamodb}). */
public final class Serve {
    private Serve() {
    }

    /** Every route of template.yaml on 127.0.0.1, and the dashboard at /, until Ctrl-C. */
    public static int api(Options options) throws IOException, InterruptedException {
        int port = Integer.parseInt(options.value("--port", "3000"));
        String principal = options.value("--principal", "national");
        SamTemplate template = SamTemplate.load(options);
        // the functions share one environment in template.yaml (Globals); the runner serves them all from it
        Map<String, String> environment = template.functions().values().iterator().next().environment();
        try (LocalStore store = LocalStore.open(options, environment)) {
            try (LocalApi api = new LocalApi(store.wiring(), template, port, principal)) {
                api.start();
                // completes whatever a crash of an earlier run (or of a client) left unfinished, then keeps at it
                ScheduledExecutorService sweeps = AggregateTasks.sweepEvery(store.wiring(), System.err);
                System.out.println("listening on http://127.0.0.1:" + api.port());
                System.out.flush();
                untilStopped("local-api-stop");
                sweeps.shutdownNow();
            }
        }
        return 0;
    }

    /** A standalone local DynamoDB (dynalite) with the table created, until Ctrl-C. */
    public static int dynamodb(Options options) throws IOException, InterruptedException {
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
            untilStopped("dynamodb-stop");
        }
        return 0;
    }

    private static void untilStopped(String hookName) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, hookName));
        stopped.await();
    }
}
