package com.dealerkpi.local.runtime;

import com.dealerkpi.json.Json;
import com.dealerkpi.local.HttpServers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a Lambda function reaches besides its Runtime API, on one loopback port: the container-credentials
 * endpoint SnapStart functions get (it insists on its authorization token and hands out different keys before
 * and after the restore), DynamoDB (forwarded to a local implementation), and Secrets Manager (one secret).
 * Every AWS request is recorded with the access key that signed it.
 */
public final class AwsDouble implements AutoCloseable {
    public static final String CREDENTIALS_PATH = "/credentials";
    public static final String TOKEN = "container-token-" + Long.toHexString(System.nanoTime());
    public static final String KEY_BEFORE_RESTORE = "ASIABEFORERESTORE";
    public static final String KEY_AFTER_RESTORE = "ASIAAFTERRESTORE";
    public static final String SECRET_ARN = "arn:aws:secretsmanager:eu-west-2:123456789012:secret:dealer-kpi-cursor-AbCdEf";
    private static final Pattern CREDENTIAL = Pattern.compile("Credential=([^/,\\s]+)/");
    private static final Set<String> NOT_FORWARDED = Set.of("host", "content-length", "connection", "expect",
            "upgrade", "transfer-encoding");

    /** One AWS request: its target (e.g. DynamoDB_20120810.PutItem), signing key, and whether after the restore. */
    public record Call(String target, String accessKey, boolean afterRestore) {
    }

    /** One request to the credentials endpoint: whether it carried the token, and whether after the restore. */
    public record CredentialsFetch(boolean authorized, boolean afterRestore) {
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "aws-double");
        t.setDaemon(true);
        return t;
    });
    private final HttpClient forward = HttpClient.newHttpClient();
    private final URI dynamodb;
    private final BooleanSupplier restored;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final List<CredentialsFetch> fetches = new CopyOnWriteArrayList<>();
    private volatile boolean dynamoDown;

    public AwsDouble(URI dynamodb, BooleanSupplier restored) throws IOException {
        this.dynamodb = dynamodb;
        this.restored = restored;
        server = HttpServers.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public List<Call> calls() {
        return calls;
    }

    public List<CredentialsFetch> credentialsFetches() {
        return fetches;
    }

    /** From now on DynamoDB answers every request with a server error (an outage). */
    public void takeDynamoDown() {
        dynamoDown = true;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (exchange.getRequestURI().getPath().equals(CREDENTIALS_PATH)) {
                credentials(exchange);
                return;
            }
            byte[] body = exchange.getRequestBody().readAllBytes();
            String target = String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
            String authorization = String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"));
            Matcher key = CREDENTIAL.matcher(authorization);
            calls.add(new Call(target, key.find() ? key.group(1) : null, restored.getAsBoolean()));
            if (target.startsWith("secretsmanager.")) {
                secret(exchange, Json.readObject(new String(body, StandardCharsets.UTF_8)));
            } else if (dynamoDown) {
                HttpServers.reply(exchange, 500, "application/x-amz-json-1.0",
                        "{\"__type\":\"com.amazonaws.dynamodb.v20120810#InternalServerError\",\"message\":\"outage (injected)\"}");
            } else {
                forwardToDynamo(exchange, body);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void credentials(HttpExchange exchange) throws IOException {
        boolean authorized = TOKEN.equals(exchange.getRequestHeaders().getFirst("Authorization"));
        boolean after = restored.getAsBoolean();
        fetches.add(new CredentialsFetch(authorized, after));
        if (!authorized) {
            HttpServers.reply(exchange, 401, "application/json", "{\"message\":\"missing or wrong authorization token\"}");
            return;
        }
        HttpServers.reply(exchange, 200, "application/json", Json.write(Map.of(
                "AccessKeyId", after ? KEY_AFTER_RESTORE : KEY_BEFORE_RESTORE,
                "SecretAccessKey", "secret-" + (after ? "after" : "before"),
                "Token", "session-token",
                "Expiration", Instant.now().plusSeconds(3600).toString())));
    }

    private static void secret(HttpExchange exchange, Map<String, Object> request) throws IOException {
        if (!SECRET_ARN.equals(request.get("SecretId"))) {
            HttpServers.reply(exchange, 400, "application/x-amz-json-1.1",
                    "{\"__type\":\"ResourceNotFoundException\",\"Message\":\"Secrets Manager can't find the specified secret.\"}");
            return;
        }
        if ("AWSPREVIOUS".equals(request.get("VersionStage"))) {
            HttpServers.reply(exchange, 400, "application/x-amz-json-1.1",
                    "{\"__type\":\"ResourceNotFoundException\",\"Message\":\"Secrets Manager can't find the specified secret value for staging label: AWSPREVIOUS\"}");
            return;
        }
        HttpServers.reply(exchange, 200, "application/x-amz-json-1.1", Json.write(Map.of("ARN", SECRET_ARN, "Name", "dealer-kpi-cursor",
                "SecretString", "generated-by-secrets-manager-0123456789abcdefghijklmnopqrstuv", "VersionId", "v1",
                "VersionStages", List.of("AWSCURRENT"))));
    }

    private void forwardToDynamo(HttpExchange exchange, byte[] body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(dynamodb.resolve(exchange.getRequestURI().getPath()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                values.forEach(value -> request.header(name, value));
            }
        });
        HttpResponse<byte[]> response = forward.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        response.headers().map().forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase(java.util.Locale.ROOT)) && !name.startsWith(":")) {
                exchange.getResponseHeaders().put(name, values);
            }
        });
        byte[] answer = response.body();
        exchange.sendResponseHeaders(response.statusCode(), answer.length == 0 ? -1 : answer.length);
        if (answer.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
