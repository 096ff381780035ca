package com.dealerkpi.local;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The dashboard's static files (web/ in the repository, packed into the runner jar) at {@code /} and {@code /app/*},
 * with the headers CloudFront adds when deployed, and a {@code config.json} that signs in with the runner's
 * principal header instead of Cognito.
 */
final class DashboardFiles {
    /** The same policy as the deployed ResponseHeadersPolicy, with the API on the page's own origin. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    private static final String LOCAL_CONFIG = "{\"auth\":\"local\",\"api\":\"\"}";
    private static final Pattern FILE = Pattern.compile("/app/[a-z0-9-]+\\.(js|css|json|svg)");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8", "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8",
            "json", "application/json", "svg", "image/svg+xml");

    private DashboardFiles() {
    }

    /** Whether a request is for the dashboard rather than the API (whose routes never use these paths). */
    static boolean handles(String method, String rawPath) {
        return ("GET".equals(method) || "HEAD".equals(method)) && ("/".equals(rawPath) || rawPath.startsWith("/app/"));
    }

    static void serve(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        Optional<byte[]> body = "/app/config.json".equals(path) ? Optional.of(LOCAL_CONFIG.getBytes())
                : "/".equals(path) ? read("web/index.html")
                : FILE.matcher(path).matches() ? read("web" + path) : Optional.empty();
        if (body.isEmpty()) {
            HttpServers.reply(exchange, 404, "text/plain; charset=utf-8", "Not found: " + path);
            return;
        }
        String name = "/".equals(path) ? "index.html" : path;
        exchange.getResponseHeaders().set("Content-Type", TYPES.get(name.substring(name.lastIndexOf('.') + 1)));
        exchange.getResponseHeaders().set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
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
