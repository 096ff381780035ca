package com.dealerkpi.support;

import com.dealerkpi.json.Json;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A user pool as the dashboard and the API meet one, on 127.0.0.1: its OpenID configuration and keys (RS256), and a
 * hosted sign-in that signs in whoever the test said ({@link #signInNextAs}) at once, through Cognito's
 * authorization-code endpoints with PKCE ({@code /oauth2/authorize}, {@code /oauth2/token}, {@code /logout}). The
 * token endpoint refuses a code without the verifier its challenge was made from. Access tokens carry
 * {@code cognito:groups}, as Cognito's do.
 */
public final class FakeUserPool implements AutoCloseable {
    public static final String CLIENT_ID = "dashboard-client";
    public static final String REFRESH_TOKEN_PREFIX = "refresh-";
    private static final String KEY_ID = "key-1";

    private final HttpServer server;
    private final KeyPair keys;
    private final Map<String, Grant> codes = new ConcurrentHashMap<>();
    private final Map<String, User> refreshTokens = new ConcurrentHashMap<>();
    private volatile User next;
    private volatile int tokensIssued;

    /** Who signs in, and the user-pool groups they are in. */
    public record User(String username, List<String> groups) {
    }

    private record Grant(User user, String challenge, String redirectUri) {
    }

    public FakeUserPool() throws IOException, GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        keys = generator.generateKeyPair();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The hosted sign-in's origin (the dashboard's {@code authority}). */
    public String signInDomain() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The tokens' issuer, as the JWT authorizer is configured with it. */
    public String issuer() {
        return signInDomain() + "/pool";
    }

    /** The next sign-in through the hosted page signs this user in. */
    public void signInNextAs(User user) {
        next = user;
    }

    /** How many access tokens the token endpoint has issued (codes and refreshes). */
    public int tokensIssued() {
        return tokensIssued;
    }

    /** An access token for a user, signed with the pool's key, expiring in {@code seconds}. */
    public String accessToken(User user, long seconds) {
        return accessToken(user, seconds, Map.of(), Map.of());
    }

    /**
     * An access token as {@link #accessToken(User, long)} makes it, with some of its claims and header fields
     * replaced (an empty string removes one), still signed with the pool's key: what the issuer's checks refuse.
     */
    public String accessToken(User user, long seconds, Map<String, Object> claimChanges, Map<String, Object> headerChanges) {
        long now = Instant.now().getEpochSecond();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", UUID.nameUUIDFromBytes(user.username().getBytes(StandardCharsets.UTF_8)).toString());
        claims.put("cognito:groups", user.groups());
        claims.put("iss", issuer());
        claims.put("client_id", CLIENT_ID);
        claims.put("token_use", "access");
        claims.put("scope", "openid email");
        claims.put("auth_time", now);
        claims.put("iat", now);
        claims.put("exp", now + seconds);
        claims.put("username", user.username());
        Map<String, Object> header = new LinkedHashMap<>(Map.of("alg", "RS256", "kid", KEY_ID));
        changed(claims, claimChanges);
        changed(header, headerChanges);
        return sign(header, claims);
    }

    private static void changed(Map<String, Object> fields, Map<String, Object> changes) {
        changes.forEach((name, value) -> {
            if ("".equals(value)) {
                fields.remove(name);
            } else {
                fields.put(name, value);
            }
        });
    }

    /** A token like {@link #accessToken} but signed by another key under the pool's key id: a forgery. */
    public String forgedToken(User user) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String genuine = accessToken(user, 3600);
        String signed = genuine.substring(0, genuine.lastIndexOf('.'));
        return signed + "." + base64(rsa(signed, generator.generateKeyPair()));
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
            switch (path) {
                case "/pool/.well-known/openid-configuration" -> json(exchange, 200,
                        Map.of("issuer", issuer(), "jwks_uri", issuer() + "/.well-known/jwks.json"));
                case "/pool/.well-known/jwks.json" -> json(exchange, 200, Map.of("keys", List.of(jwk())));
                case "/oauth2/authorize" -> authorize(exchange, query);
                case "/oauth2/token" -> token(exchange, form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
                case "/logout" -> redirect(exchange, query.get("logout_uri"));
                default -> json(exchange, 404, Map.of("error", "not_found"));
            }
        }
    }

    private void authorize(HttpExchange exchange, Map<String, String> query) throws IOException {
        if (!"code".equals(query.get("response_type")) || !CLIENT_ID.equals(query.get("client_id"))
                || !"S256".equals(query.get("code_challenge_method")) || query.get("code_challenge") == null || next == null) {
            json(exchange, 400, Map.of("error", "invalid_request"));
            return;
        }
        String code = UUID.randomUUID().toString();
        codes.put(code, new Grant(next, query.get("code_challenge"), query.get("redirect_uri")));
        redirect(exchange, query.get("redirect_uri") + "?code=" + code + "&state=" + URLEncoder.encode(query.get("state"), StandardCharsets.UTF_8));
    }

    private void token(HttpExchange exchange, Map<String, String> form) throws IOException {
        // Cognito's token endpoint answers a page of another origin (the dashboard's)
        exchange.getResponseHeaders().set("Access-Control-Allow-Origin", "*");
        User user;
        if ("authorization_code".equals(form.get("grant_type"))) {
            Grant grant = codes.remove(form.getOrDefault("code", ""));
            if (grant == null || !grant.redirectUri().equals(form.get("redirect_uri")) || form.get("code_verifier") == null
                    || !grant.challenge().equals(base64(sha256(form.get("code_verifier"))))) {
                json(exchange, 400, Map.of("error", "invalid_grant"));
                return;
            }
            user = grant.user();
        } else if ("refresh_token".equals(form.get("grant_type")) && refreshTokens.containsKey(form.getOrDefault("refresh_token", ""))) {
            user = refreshTokens.get(form.get("refresh_token"));
        } else {
            json(exchange, 400, Map.of("error", "invalid_grant"));
            return;
        }
        // recognisable, so a test can tell it was never stored
        String refreshToken = REFRESH_TOKEN_PREFIX + UUID.randomUUID();
        refreshTokens.put(refreshToken, user);
        tokensIssued++;
        json(exchange, 200, Map.of("access_token", accessToken(user, 3600), "refresh_token", refreshToken,
                "expires_in", 3600, "token_type", "Bearer"));
    }

    private Map<String, Object> jwk() {
        RSAPublicKey key = (RSAPublicKey) keys.getPublic();
        return Map.of("kty", "RSA", "kid", KEY_ID, "alg", "RS256", "use", "sig",
                "n", base64(unsigned(key.getModulus())), "e", base64(unsigned(key.getPublicExponent())));
    }

    private String sign(Map<String, Object> header, Map<String, Object> claims) {
        String signed = base64(Json.write(header).getBytes(StandardCharsets.UTF_8)) + "."
                + base64(Json.write(claims).getBytes(StandardCharsets.UTF_8));
        return signed + "." + base64(rsa(signed, keys));
    }

    private static byte[] rsa(String signed, KeyPair keyPair) {
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(keyPair.getPrivate());
            rsa.update(signed.getBytes(StandardCharsets.US_ASCII));
            return rsa.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A JWK's big-endian unsigned integer: without the sign byte BigInteger may add. */
    private static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return bytes[0] == 0 ? java.util.Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }

    private static String base64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static Map<String, String> form(String raw) {
        Map<String, String> fields = new HashMap<>();
        if (raw != null && !raw.isEmpty()) {
            for (String pair : raw.split("&")) {
                int equals = pair.indexOf('=');
                String name = equals < 0 ? pair : pair.substring(0, equals);
                fields.put(URLDecoder.decode(name, StandardCharsets.UTF_8),
                        equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return fields;
    }

    private static void redirect(HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().set("Location", location);
        exchange.sendResponseHeaders(302, -1);
    }

    private static void json(HttpExchange exchange, int status, Map<String, Object> body) throws IOException {
        byte[] bytes = Json.write(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
