package com.dealerkpi.api.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * Answers gzip-compressed to callers that accept it. An HTTP API does not compress, and a function can return at most
 * 6 MiB: a league table row is about 700 bytes, so a national table outgrows that near 8,000 dealerships unless it is
 * compressed (JSON and CSV shrink several times over), and a manager on a slow line waits for every byte.
 */
public final class Compression {
    /** Below about one packet, compressing saves the caller nothing worth the CPU. */
    static final int SMALLEST_COMPRESSED = 1024;
    /** What Lambda returns from a synchronous invocation at most: the answer's whole JSON, body included. */
    static final int LAMBDA_PAYLOAD_LIMIT = 6 * 1024 * 1024;

    private Compression() {
    }

    /**
     * The answer as it is sent: gzip-compressed (base64, as Lambda carries bytes) when the request's
     * {@code Accept-Encoding} accepts gzip and it is at least 1 KiB; a problem when it would not fit in Lambda's
     * payload (406 for a caller that does not accept gzip, 500 when even compressed it does not fit).
     */
    public static APIGatewayV2HTTPResponse negotiate(APIGatewayV2HTTPEvent event, APIGatewayV2HTTPResponse answer) {
        if (answer.getBody() == null || answer.getIsBase64Encoded()) {
            return answer;
        }
        byte[] plain = answer.getBody().getBytes(StandardCharsets.UTF_8);
        if (plain.length < SMALLEST_COMPRESSED) {
            return answer;
        }
        boolean gzip = event != null && acceptsGzip(ApiRequest.header(event, "accept-encoding").orElse(null));
        APIGatewayV2HTTPResponse sent = gzip ? compressed(answer, plain) : varying(answer);
        if (fits(sent)) {
            return sent;
        }
        return gzip
                ? Problems.problem(500, "Internal Server Error", "The answer is too large to send, even compressed:"
                        + " ask for a smaller scope or range.", List.of())
                : Problems.problem(406, "Not Acceptable", "The answer is too large to send uncompressed: ask for it"
                        + " with Accept-Encoding: gzip (curl --compressed), or for a smaller scope or range.", List.of());
    }

    /**
     * Whether an {@code Accept-Encoding} value accepts gzip: {@code gzip} (or {@code x-gzip}) listed with a weight
     * above 0, or, when gzip is not listed, {@code *} with a weight above 0. No header asks for no coding.
     */
    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        Boolean gzip = null;
        Boolean any = null;
        for (String entry : acceptEncoding.split(",")) {
            String[] parts = entry.split(";");
            String coding = parts[0].trim().toLowerCase(Locale.ROOT);
            boolean accepted = weight(parts) > 0;
            if (coding.equals("gzip") || coding.equals("x-gzip")) {
                gzip = accepted;
            } else if (coding.equals("*")) {
                any = accepted;
            }
        }
        return gzip != null ? gzip : Boolean.TRUE.equals(any);
    }

    /** The {@code q} of a coding's parameters: 1 without one, 0 for one that is not a number. */
    private static double weight(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].trim().toLowerCase(Locale.ROOT);
            if (parameter.startsWith("q=")) {
                try {
                    return Double.parseDouble(parameter.substring(2).trim());
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1;
    }

    private static APIGatewayV2HTTPResponse compressed(APIGatewayV2HTTPResponse answer, byte[] plain) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(plain.length / 8 + 64);
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(plain);
        } catch (IOException e) {
            throw new UncheckedIOException("gzip into memory", e);
        }
        APIGatewayV2HTTPResponse sent = varying(answer);
        sent.getHeaders().put("Content-Encoding", "gzip");
        sent.setBody(Base64.getEncoder().encodeToString(bytes.toByteArray()));
        sent.setIsBase64Encoded(true);
        return sent;
    }

    /** A copy of the answer that tells caches it depends on {@code Accept-Encoding}. */
    private static APIGatewayV2HTTPResponse varying(APIGatewayV2HTTPResponse answer) {
        Map<String, String> headers = answer.getHeaders() == null ? new HashMap<>() : new HashMap<>(answer.getHeaders());
        headers.put("Vary", "Accept-Encoding");
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(answer.getStatusCode())
                .withHeaders(headers)
                .withCookies(answer.getCookies())
                .withBody(answer.getBody())
                .withIsBase64Encoded(answer.getIsBase64Encoded())
                .build();
    }

    private static boolean fits(APIGatewayV2HTTPResponse sent) {
        // a body escapes to at most six characters each, so only a large one needs its payload measured
        return (long) sent.getBody().length() * 6 < LAMBDA_PAYLOAD_LIMIT
                || HttpApiEvents.write(sent).length <= LAMBDA_PAYLOAD_LIMIT;
    }
}
