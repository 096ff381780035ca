package com.dealerkpi.local;

import com.dealerkpi.json.Json;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The dashboard's static files (web/ in the repository, packed into the runner jar) at {@code /} and {@code /app/*},
 * with the headers CloudFront adds when deployed, and a {@code config.json} that signs in with the runner's principal
 * header ({@link #local()}) or, as deployed, through a user pool's hosted sign-in page ({@link #signingInAt}).
 */
final class DashboardFiles {
    private static final Pattern FILE = Pattern.compile("/app/[a-z0-9-]+\\.(js|css|json|svg)");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8", "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8",
            "json", "application/json", "svg", "image/svg+xml");

    private final byte[] config;
    private final String contentSecurityPolicy;

    private DashboardFiles(Map<String, Object> config, String connectSources) {
        this.config = Json.write(config).getBytes(StandardCharsets.UTF_8);
        // the deployed ResponseHeadersPolicy's, with the API on the page's own origin
        this.contentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
                + " connect-src " + connectSources + "; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    }

    /** Signing in with the runner's principal header. */
    static DashboardFiles local() {
        return new DashboardFiles(Map.of("auth", "local", "api", ""), "'self'");
    }

    /**
     * Signing in as deployed: authorization code with PKCE at a user pool's hosted sign-in domain (its origin, e.g.
     * {@code https://kpi.auth.eu-west-2.amazoncognito.com}), whose token endpoint the page may then call.
     */
    static DashboardFiles signingInAt(URI signInOrigin, String clientId, String nationalGroup) {
        String origin = signInOrigin.getScheme() + "://" + signInOrigin.getRawAuthority();
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("auth", "cognito");
        config.put("api", "");
        config.put("authority", origin);
        config.put("clientId", clientId);
        config.put("nationalGroup", nationalGroup);
        return new DashboardFiles(config, "'self' " + origin);
    }

    /** Whether a request is for the dashboard rather than the API (whose routes never use these paths). */
    static boolean handles(String method, String rawPath) {
        return ("GET".equals(method) || "HEAD".equals(method)) && ("/".equals(rawPath) || rawPath.startsWith("/app/"));
    }

    void serve(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        Optional<byte[]> body = "/app/config.json".equals(path) ? Optional.of(config)
                : "/".equals(path) ? read("web/index.html")
                : FILE.matcher(path).matches() ? read("web" + path) : Optional.empty();
        if (body.isEmpty()) {
            HttpServers.reply(exchange, 404, "text/plain; charset=utf-8", "Not found: " + path);
            return;
        }
        String name = "/".equals(path) ? "index.html" : path;
        exchange.getResponseHeaders().set("Content-Type", TYPES.get(name.substring(name.lastIndexOf('.') + 1)));
        exchange.getResponseHeaders().set("Content-Security-Policy", contentSecurityPolicy);
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        exchange.getResponseHeaders().set("Referrer-Policy", "no-referrer");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(200, head ? -1 : body.get().length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body.get());
            }
        }
    }

    private static Optional<byte[]> read(String resource) throws IOException {
        try (InputStream in = DashboardFiles.class.getClassLoader().getResourceAsStream(resource)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        }
    }
}
