package com.dealerkpi.local;

import com.dealerkpi.lambda.Config;
import com.dealerkpi.store.DynamoClients;
import com.dealerkpi.store.TableSetup;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
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

    /**
     * Every route of template.yaml on 127.0.0.1, and the dashboard at /, until Ctrl-C; callers named by the principal
     * header, or, with {@code --jwt-issuer}, by bearer tokens checked as the stack's JWT authorizer checks them.
     */
    public static int api(Options options) throws IOException, InterruptedException {
        int port = Integer.parseInt(options.value("--port", "3000"));
        Optional<UserPool> userPool = UserPool.of(options);
        SamTemplate template = SamTemplate.load(options);
        // the functions share one environment in template.yaml (Globals); the runner serves them all from it
        Map<String, String> environment = template.functions().values().iterator().next().environment();
        try (LocalStore store = LocalStore.open(options, environment)) {
            LocalApi.Identity identity = userPool.<LocalApi.Identity>map(pool -> new LocalApi.Identity.Tokens(
                            new JwtAuthorizer(pool.issuer(), pool.audience(), Clock.systemUTC())))
                    .orElseGet(() -> new LocalApi.Identity.Principal(options.value("--principal", "national")));
            DashboardFiles dashboard = userPool.map(pool -> DashboardFiles.signingInAt(pool.signInDomain(), pool.audience(),
                    store.wiring().config().claimNames().nationalRole())).orElseGet(DashboardFiles::local);
            try (LocalApi api = new LocalApi(store.wiring(), template, port, identity, dashboard)) {
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

    /** Signing in as deployed: the user pool that issues the tokens, its app client, and its hosted sign-in domain. */
    private record UserPool(URI issuer, String audience, URI signInDomain) {
        static Optional<UserPool> of(Options options) {
            Optional<String> issuer = options.optional("--jwt-issuer");
            if (issuer.isEmpty()) {
                if (options.optional("--jwt-audience").isPresent() || options.optional("--sign-in-domain").isPresent()) {
                    // without it every caller would be the default principal: national
                    throw new IllegalArgumentException("--jwt-audience and --sign-in-domain sign in as deployed: they need --jwt-issuer URL");
                }
                return Optional.empty();
            }
            if (options.optional("--principal").isPresent()) {
                throw new IllegalArgumentException("--principal names the caller without tokens: not with --jwt-issuer");
            }
            String audience = options.optional("--jwt-audience")
                    .orElseThrow(() -> new IllegalArgumentException("--jwt-issuer needs --jwt-audience ID (the app client id)"));
            URI signIn = URI.create(options.optional("--sign-in-domain")
                    .orElseThrow(() -> new IllegalArgumentException("--jwt-issuer needs --sign-in-domain URL (the hosted sign-in page's)")));
            return Optional.of(new UserPool(JwtAuthorizer.secure(URI.create(issuer.get()), "--jwt-issuer"), audience,
                    JwtAuthorizer.secure(signIn, "--sign-in-domain")));
        }
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
