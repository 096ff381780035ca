package com.dealerkpi.api;

import com.dealerkpi.domain.InvalidInputException;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Opaque page cursors: the store's continuation key and the query it belongs to, signed with HMAC-SHA256.
 * A cursor only opens for the same dealership and query it was issued for; anything else is a 400.
 */
public final class Cursors {
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final int MAX_LENGTH = 2048;

    private final SecretKeySpec key;

    public Cursors(byte[] secret) {
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    public String issue(String query, Map<String, String> position) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("q", query);
        payload.put("k", new TreeMap<>(position));
        String body = ENCODER.encodeToString(Json.write(payload).getBytes(StandardCharsets.UTF_8));
        return body + "." + ENCODER.encodeToString(sign(body));
    }

    public Map<String, String> open(String cursor, String query) {
        if (cursor.length() > MAX_LENGTH) {
            throw invalid();
        }
        int dot = cursor.indexOf('.');
        if (dot <= 0) {
            throw invalid();
        }
        String body = cursor.substring(0, dot);
        try {
            if (!MessageDigest.isEqual(sign(body), DECODER.decode(cursor.substring(dot + 1)))) {
                throw invalid();
            }
            Map<String, Object> payload = Json.readObject(new String(DECODER.decode(body), StandardCharsets.UTF_8));
            if (!query.equals(payload.get("q")) || !(payload.get("k") instanceof Map<?, ?> position)) {
                throw new InvalidInputException("cursor", "belongs to another query: repeat the query without a cursor");
            }
            Map<String, String> result = new LinkedHashMap<>();
            position.forEach((k, v) -> result.put(String.valueOf(k), String.valueOf(v)));
            return result;
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
    }

    private byte[] sign(String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(body.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every JVM", e);
        }
    }

    private static InvalidInputException invalid() {
        return new InvalidInputException("cursor", "is not a cursor this API issued: use nextCursor from the previous page");
    }
}
