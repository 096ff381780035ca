package com.dealerkpi.local;

import com.dealerkpi.json.Json;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What the HTTP API's JWT authorizer does before a function runs, for {@code serve --jwt-issuer}: the bearer token's
 * RSA signature checked with the issuer's keys (its OpenID configuration's {@code jwks_uri}; fetched again, at most
 * once a minute, when a token names a key not seen, as keys rotate), then, as API Gateway documents them, {@code kid},
 * {@code iss}, {@code aud} (or {@code client_id} when there is no {@code aud}), {@code exp}, {@code nbf} and {@code iat}.
 * Its claims are passed on as the authorizer passes them: strings, an array as {@code [a b]}. A token that fails any
 * check, or that no key can be found for, is refused before the function, as API Gateway refuses it.
 */
final class JwtAuthorizer {
    private static final String BEARER = "Bearer ";
    private static final Duration REFETCH_AFTER = Duration.ofMinutes(1);

    private final URI issuer;
    private final String audience;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private volatile Map<String, PublicKey> keys = Map.of();
    private volatile Instant fetched = Instant.MIN;

    /** @param issuer https, or http on this machine only (a stand-in issuer): keys read in clear could be anyone's */
    JwtAuthorizer(URI issuer, String audience, Clock clock) {
        this.issuer = secure(issuer, "--jwt-issuer");
        this.audience = audience;
        this.clock = clock;
    }

    /** An https address, or an http one on this machine; refused otherwise. */
    static URI secure(URI address, String what) {
        boolean loopback = "http".equals(address.getScheme()) && List.of("127.0.0.1", "localhost", "[::1]").contains(address.getHost());
        if (address.getHost() == null || !("https".equals(address.getScheme()) || loopback)) {
            throw new IllegalArgumentException(what + " must be an https URL (http only on this machine): " + address);
        }
        return address;
    }

    /** The claims of a valid token in an Authorization header (with or without {@code Bearer}); empty: refused. */
    Optional<Map<String, String>> claims(String authorization) {
        if (authorization == null) {
            return Optional.empty();
        }
        String token = authorization.startsWith(BEARER) ? authorization.substring(BEARER.length()).trim() : authorization.trim();
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            Map<String, Object> header = Json.readObject(decode(parts[0]));
            Map<String, Object> payload = Json.readObject(decode(parts[1]));
            return signedByIssuer(header, parts) && valid(payload) ? Optional.of(asAuthorizerPassesThem(payload)) : Optional.empty();
        } catch (IllegalArgumentException | ClassCastException e) {
            return Optional.empty();
        }
    }

    private boolean signedByIssuer(Map<String, Object> header, String[] parts) {
        // RS256: what Cognito signs with (API Gateway takes only RSA-based algorithms)
        if (!"RS256".equals(header.get("alg")) || !(header.get("kid") instanceof String kid)) {
            return false;
        }
        PublicKey key = key(kid);
        if (key == null) {
            return false;
        }
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initVerify(key);
            rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            return rsa.verify(Base64.getUrlDecoder().decode(parts[2]));
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private boolean valid(Map<String, Object> payload) {
        long now = clock.instant().getEpochSecond();
        Object audiences = payload.containsKey("aud") ? payload.get("aud") : payload.get("client_id");
        boolean forUs = audiences instanceof List<?> list ? list.contains(audience) : audience.equals(audiences);
        return issuer.toString().equals(payload.get("iss")) && forUs && seconds(payload.get("exp")) > now
                && (!payload.containsKey("nbf") || seconds(payload.get("nbf")) <= now)
                && (!payload.containsKey("iat") || seconds(payload.get("iat")) <= now);
    }

    /** A moment in seconds as a JWT writes it; anything else (text, a fraction, past a long) is no moment. */
    private static long seconds(Object claim) {
        if (claim instanceof Integer || claim instanceof Long) {
            return ((Number) claim).longValue();
        }
        throw new IllegalArgumentException("not a NumericDate: " + claim);
    }

    private static Map<String, String> asAuthorizerPassesThem(Map<String, Object> payload) {
        Map<String, String> claims = new LinkedHashMap<>();
        payload.forEach((name, value) -> claims.put(name, value instanceof List<?> list
                ? list.stream().map(String::valueOf).collect(Collectors.joining(" ", "[", "]")) : String.valueOf(value)));
        return claims;
    }

    private PublicKey key(String kid) {
        PublicKey known = keys.get(kid);
        Instant now = clock.instant();
        if (known == null && fetched.isBefore(now.minus(REFETCH_AFTER))) {
            fetched = now;
            try {
                keys = fetchKeys();
            } catch (RuntimeException unreadable) {
                // as API Gateway: no key, no entry (the keys held so far still serve)
                System.err.println("local runner: the issuer's keys could not be read: " + unreadable.getMessage());
            }
            known = keys.get(kid);
        }
        return known;
    }

    private Map<String, PublicKey> fetchKeys() {
        Map<String, Object> configuration = Json.readObject(get(issuer + "/.well-known/openid-configuration"));
        URI jwks = secure(URI.create((String) configuration.get("jwks_uri")), "the issuer's jwks_uri");
        Map<String, PublicKey> found = new HashMap<>();
        for (Object entry : (List<?>) Json.readObject(get(jwks.toString())).get("keys")) {
            if (entry instanceof Map<?, ?> jwk && "RSA".equals(jwk.get("kty")) && jwk.get("kid") instanceof String kid
                    && jwk.get("n") instanceof String modulus && jwk.get("e") instanceof String exponent) {
                rsaKey(modulus, exponent).ifPresent(key -> found.put(kid, key));
            }
        }
        return Map.copyOf(found);
    }

    /** A JWK's RSA public key; empty for one that does not parse (the others still serve). */
    private static Optional<PublicKey> rsaKey(String modulus, String exponent) {
        try {
            return Optional.of(KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
                    new BigInteger(1, Base64.getUrlDecoder().decode(modulus)), new BigInteger(1, Base64.getUrlDecoder().decode(exponent)))));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private String get(String url) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(url + " answered " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException("the issuer's keys could not be read from " + url + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted reading " + url, e);
        }
    }

    private static String decode(String part) {
        return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
    }
}
