package com.dealerkpi.support;

import com.dealerkpi.local.Dynalite;
import com.dealerkpi.store.DynamoClients;
import com.dealerkpi.store.TableSetup;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The DynamoDB implementation the integration suites run on, chosen by {@code -Ddynamodb.backend}:
 * {@code dynalite} (default, started here with node), {@code moto} (tools/moto/serve.py, started here),
 * {@code localstack} (Testcontainers; skipped with the reason when there is no Docker engine) or
 * {@code endpoint:URL}. One per test JVM; every test class gets its own fresh table. A dynalite or moto that
 * cannot start fails the suite: it is never skipped.
 */
public final class Backend {
    private static Backend instance;
    private static final AtomicInteger TABLES = new AtomicInteger();

    private final String name;
    private final URI endpoint;

    private Backend(String name, URI endpoint) {
        this.name = name;
        this.endpoint = endpoint;
    }

    public static synchronized Backend get() {
        if (instance == null) {
            instance = start(System.getProperty("dynamodb.backend", "dynalite"));
        }
        return instance;
    }

    private static Backend start(String spec) {
        if (spec.equals("localstack")) {
            Assumptions.assumeTrue(DockerClientFactory.instance().isDockerAvailable(),
                    "LocalStack needs a Docker engine, and none answers on this machine: suites skipped");
            LocalStackContainer localstack = new LocalStackContainer(DockerImageName.parse("localstack/localstack:4.4"))
                    .withServices(LocalStackContainer.Service.DYNAMODB);
            localstack.start();
            return new Backend(spec, localstack.getEndpoint());
        }
        try {
            if (spec.startsWith("endpoint:")) {
                return new Backend(spec, URI.create(spec.substring("endpoint:".length())));
            }
            if (spec.equals("dynalite")) {
                return new Backend(spec, Dynalite.start(Optional.empty()).endpoint());
            }
            if (spec.equals("moto")) {
                return new Backend(spec, startMoto());
            }
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB backend '" + spec + "' could not start: " + e.getMessage(), e);
        }
        throw new IllegalStateException("unknown -Ddynamodb.backend=" + spec + " (dynalite, moto, localstack, endpoint:URL)");
    }

    /**
     * moto on a free loopback port, one request at a time (tools/moto/serve.py: the threaded moto_server does not
     * make an item's conditional writes atomic), stopped with the JVM.
     */
    private static URI startMoto() throws IOException, InterruptedException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path log = Files.createTempFile("moto-server", ".log");
        Path script = Path.of(System.getProperty("dealerkpi.tools", "tools"), "moto", "serve.py");
        Process moto = new ProcessBuilder("python3", script.toString(), Integer.toString(port))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Runtime.getRuntime().addShutdownHook(new Thread(moto::destroy, "moto-stop"));
        URI endpoint = URI.create("http://127.0.0.1:" + port);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!moto.isAlive()) {
                throw new IOException("moto (" + script + ") exited: " + Files.readString(log));
            }
            try {
                HttpURLConnection connection = (HttpURLConnection) endpoint.toURL().openConnection();
                connection.setConnectTimeout(500);
                if (connection.getResponseCode() > 0) {
                    return endpoint;
                }
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        moto.destroyForcibly();
        throw new IOException("moto did not answer within 60 s");
    }

    public String name() {
        return name;
    }

    /** dynalite and moto update global secondary indexes within the write; AWS and LocalStack may lag. */
    public boolean indexesAreSynchronous() {
        return name.equals("dynalite") || name.equals("moto");
    }

    public URI endpoint() {
        return endpoint;
    }

    public DynamoDbClient client(ExecutionInterceptor... interceptors) {
        return client(4, Duration.ofSeconds(10), interceptors);
    }

    public DynamoDbClient client(int maxAttempts, Duration attemptTimeout, ExecutionInterceptor... interceptors) {
        return DynamoClients.create("us-east-1", Optional.of(endpoint), DynamoClients.localCredentials(), maxAttempts,
                attemptTimeout, interceptors);
    }

    /** A new, empty table with the production layout. */
    public String freshTable(DynamoDbClient db) {
        String table = "kpi-test-" + ProcessHandle.current().pid() + "-" + TABLES.incrementAndGet();
        TableSetup.ensureTable(db, table);
        return table;
    }
}
