package com.dealerkpi.local;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.dealerkpi.api.auth.LocalPrincipal;
import com.dealerkpi.api.http.PathTemplate;
import com.dealerkpi.api.http.Problems;
import com.dealerkpi.lambda.Wiring;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The local API: an HTTP server on 127.0.0.1 that turns each request into the event API Gateway would
 * send and calls the same handler classes Lambda runs; it also serves the dashboard, as CloudFront does deployed.
 */
final class LocalApi implements AutoCloseable {
    /** Larger bodies are refused by the runner itself, as API Gateway refuses bodies over its own limit. */
    static final int MAX_REQUEST_BYTES = 1024 * 1024;

    private final HttpServer server;
    private final ExecutorService workers;
    private final Wiring wiring;
    private final Identity identity;
    private final DashboardFiles dashboard;
    private final SamTemplate template;
    private final Map<String, RequestStreamHandler> handlers = new HashMap<>();

    /**
     * Who a request is from: the runner's principal header (or the default principal), or, signing in against a
     * user pool, a bearer token checked as API Gateway's JWT authorizer checks it.
     */
    sealed interface Identity {
        record Principal(String defaultPrincipal) implements Identity {
        }

        record Tokens(JwtAuthorizer authorizer) implements Identity {
        }
    }

    LocalApi(Wiring wiring, SamTemplate template, int port, Identity identity, DashboardFiles dashboard) throws IOException {
        this.wiring = wiring;
        this.identity = identity;
        this.dashboard = dashboard;
        this.template = template;
        template.functions().forEach((id, spec) -> handlers.put(id, Functions.handler(spec.handlerClass(), wiring)));
        this.server = HttpServers.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
        this.workers = Executors.newFixedThreadPool(16);
        server.setExecutor(workers);
        server.createContext("/", this::serve);
    }

    void start() {
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!LocalPrincipal.addressedToLoopback(exchange.getRequestHeaders().getFirst("Host"))) {
                write(exchange, Problems.problem(403, "Forbidden", "The local runner answers only requests addressed to"
                        + " localhost, 127.0.0.1 or [::1].", List.of()));
                return;
            }
            if (DashboardFiles.handles(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath())) {
                dashboard.serve(exchange);
                return;
            }
            APIGatewayV2HTTPResponse response = respond(exchange);
            write(exchange, response);
        } catch (RuntimeException e) {
            System.err.println("local runner: " + e);
        }
    }

    private APIGatewayV2HTTPResponse respond(HttpExchange exchange) throws IOException {
        byte[] body = readBody(exchange.getRequestBody());
        if (body == null) {
            return Problems.problem(413, "Payload Too Large", "The body is larger than the API accepts.", List.of());
        }
        String method = exchange.getRequestMethod();
        String rawPath = exchange.getRequestURI().getRawPath();
        Optional<PathTemplate.Match<SamTemplate.HttpRoute>> match = template.find(method, rawPath);
        if (match.isEmpty()) {
            return Problems.problem(404, "Not Found", "No such route: " + method + " " + rawPath, List.of());
        }
        SamTemplate.HttpRoute route = match.get().route();
        Map<String, String> claims = null;
        if (identity instanceof Identity.Tokens tokens) {
            Optional<Map<String, String>> verified = tokens.authorizer().claims(exchange.getRequestHeaders().getFirst("Authorization"));
            if (verified.isEmpty()) {
                // refused before the function, with API Gateway's own answer
                return APIGatewayV2HTTPResponse.builder().withStatusCode(401).withIsBase64Encoded(false)
                        .withHeaders(Map.of("Content-Type", "application/json", "www-authenticate", "Bearer error=\"invalid_token\""))
                        .withBody("{\"message\":\"Unauthorized\"}").build();
            }
            claims = verified.get();
        } else if (identity instanceof Identity.Principal principal) {
            String spec = exchange.getRequestHeaders().getFirst(LocalPrincipal.HEADER);
            claims = LocalPrincipal.claims(spec != null ? spec : principal.defaultPrincipal(), wiring.config().claimNames()).orElse(null);
        }
        String host = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Host")).orElse("127.0.0.1:" + port());
        LocalEvents.HttpRequest http = new LocalEvents.HttpRequest(method, rawPath, exchange.getRequestURI().getRawQuery(),
                exchange.getRequestHeaders(), body, exchange.getRemoteAddress().getAddress().getHostAddress(), host);
        String event = LocalEvents.json(http, route.routeKey(), match.get().pathParameters(), claims);
        return Functions.response(Functions.invoke(handlers.get(route.functionLogicalId()), event,
                new LocalContext(UUID.randomUUID().toString(), route.functionLogicalId(), 30)));
    }

    /** The body, or null when it is over the runner's limit. */
    private static byte[] readBody(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_REQUEST_BYTES + 1);
        if (bytes.length > MAX_REQUEST_BYTES) {
            in.transferTo(OutputStream.nullOutputStream());
            return null;
        }
        return bytes;
    }

    private static void write(HttpExchange exchange, APIGatewayV2HTTPResponse response) throws IOException {
        if (response.getHeaders() != null) {
            response.getHeaders().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        }
        if (response.getCookies() != null) {
            for (String cookie : response.getCookies()) {
                exchange.getResponseHeaders().add("Set-Cookie", cookie);
            }
        }
        String text = response.getBody();
        byte[] bytes = text == null ? new byte[0]
                : response.getIsBase64Encoded() ? Base64.getDecoder().decode(text) : text.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(response.getStatusCode(), bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }
}
