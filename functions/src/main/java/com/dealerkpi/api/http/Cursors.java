package com.dealerkpi.api.http;

import com.dealerkpi.app.report.ReportStore.MilestoneRow;
import com.dealerkpi.domain.Digests;
import com.dealerkpi.domain.Ids;
import com.dealerkpi.domain.InvalidInputException;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Opaque page cursors: where the next page starts, encrypted and authenticated with AES-GCM and bound (as
 * associated data) to the dealership, stage and resolved range of the query that issued it. A cursor reveals
 * nothing about the table, and opens only for the same query; anything else is a 400.
 *
 * <p>Rotation: each key has an id (derived from the key) carried in the cursor. New cursors use the first key;
 * any key still listed opens the cursors it issued, so a rotation keeps in-flight paging working while the
 * previous secret is still listed.
 */
public final class Cursors {
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final byte VERSION = 1;
    private static final int KEY_ID_BYTES = 4;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int MAX_LENGTH = 512;

    private final SecureRandom random = new SecureRandom();
    private final Supplier<List<byte[]>> secrets;
    private volatile Keys keys;

    /**
     * @param secrets the current secret first, then any previous ones still accepted; read when a cursor is first
     *                issued or opened, so a report that pages nothing never waits for them
     */
    public Cursors(Supplier<List<byte[]>> secrets) {
        this.secrets = secrets;
    }

    /** Reads the secrets again now (after a rotation, a SnapStart restore); cursors of keys no longer listed stop opening. */
    public void reload() {
        keys = Keys.of(secrets.get());
    }

    private Keys keys() {
        Keys loaded = keys;
        if (loaded == null) {
            synchronized (this) {
                if (keys == null) {
                    keys = Keys.of(secrets.get());
                }
                loaded = keys;
            }
        }
        return loaded;
    }

    private record Keys(Map<ByteBuffer, SecretKeySpec> byId, byte[] currentId) {
        static Keys of(List<byte[]> secrets) {
            if (secrets.isEmpty()) {
                throw new IllegalArgumentException("at least one cursor secret is needed");
            }
            Map<ByteBuffer, SecretKeySpec> byId = new LinkedHashMap<>();
            byte[] first = null;
            for (byte[] secret : secrets) {
                byte[] key = Digests.sha256(concat("dealer-kpi cursor key v1\n".getBytes(StandardCharsets.UTF_8), secret));
                byte[] id = java.util.Arrays.copyOf(Digests.sha256(key), KEY_ID_BYTES);
                byId.putIfAbsent(ByteBuffer.wrap(id), new SecretKeySpec(key, "AES"));
                first = first == null ? id : first;
            }
            return new Keys(byId, first);
        }
    }

    /** The query a cursor belongs to: the same dealership, stage and resolved range. */
    public record Query(String dealershipId, String stage, String from, String to) {
        byte[] associatedData() {
            return String.join("\n", dealershipId, stage, from, to).getBytes(StandardCharsets.UTF_8);
        }
    }

    public String issue(Query query, MilestoneRow position) {
        byte[] plain = String.join("\n", position.agreementId(), Long.toString(position.at().toEpochMilli()),
                position.backfilled() ? "B" : "R").getBytes(StandardCharsets.UTF_8);
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        Keys current = keys();
        byte[] sealed = crypt(Cipher.ENCRYPT_MODE, current.byId().get(ByteBuffer.wrap(current.currentId())), nonce, query, plain);
        ByteBuffer token = ByteBuffer.allocate(1 + KEY_ID_BYTES + NONCE_BYTES + sealed.length)
                .put(VERSION).put(current.currentId()).put(nonce).put(sealed);
        return ENCODER.encodeToString(token.array());
    }

    public MilestoneRow open(String cursor, Query query) {
        try {
            if (cursor.length() > MAX_LENGTH) {
                throw invalid();
            }
            ByteBuffer token = ByteBuffer.wrap(DECODER.decode(cursor));
            if (token.remaining() < 1 + KEY_ID_BYTES + NONCE_BYTES + TAG_BITS / 8 || token.get() != VERSION) {
                throw invalid();
            }
            byte[] keyId = new byte[KEY_ID_BYTES];
            byte[] nonce = new byte[NONCE_BYTES];
            token.get(keyId).get(nonce);
            byte[] sealed = new byte[token.remaining()];
            token.get(sealed);
            SecretKeySpec key = keys().byId().get(ByteBuffer.wrap(keyId));
            if (key == null) {
                throw invalid();
            }
            String[] parts = new String(crypt(Cipher.DECRYPT_MODE, key, nonce, query, sealed), StandardCharsets.UTF_8)
                    .split("\n", -1);
            if (parts.length != 3 || !Ids.isValid(parts[0])) {
                throw invalid();
            }
            return new MilestoneRow(parts[0], Instant.ofEpochMilli(Long.parseLong(parts[1])), parts[2].equals("B"));
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
    }

    private static byte[] crypt(int mode, SecretKeySpec key, byte[] nonce, Query query, byte[] input) {
        try {
            return cipher(mode, key, nonce, query).doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cursor does not open", e);
        }
    }

    private static Cipher cipher(int mode, SecretKeySpec key, byte[] nonce, Query query) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(query.associatedData());
        return cipher;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    private static InvalidInputException invalid() {
        return new InvalidInputException("cursor", "is not a cursor this API issued for this query: use nextCursor from "
                + "the previous page of the same query, or start again without a cursor");
    }
}
