package com.dealerkpi.api.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.dealerkpi.support.Caller;
import com.dealerkpi.support.Reply;
import com.dealerkpi.support.TestApi;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Answers are gzip-compressed for callers that accept it, and one too large for Lambda is a problem, not a failure. */
class CompressionTest {
    private static final String GZIP = "gzip, deflate, br";

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "NONE", value = {
            "NONE | false", "'' | false", "gzip | true", "GZIP | true", "x-gzip | true", "gzip, deflate, br | true",
            "br;q=1.0, gzip;q=0.8 | true", "gzip;q=0 | false", "gzip; q=0.000 | false", "gzip;q=oops | false",
            "* | true", "*;q=0 | false", "deflate, *;q=0.1 | true", "gzip;q=0, * | false", "identity | false",
            "deflate, br | false"})
    void acceptsGzipOnlyWhereTheCallerSaysSo(String acceptEncoding, boolean accepted) {
        assertEquals(accepted, Compression.acceptsGzip(acceptEncoding), String.valueOf(acceptEncoding));
    }

    @Test
    void aLargeAnswerIsCompressedForACallerThatAcceptsGzipAndReadsBackTheSame() {
        String body = "{\"rows\":\"" + "London Ford, ".repeat(200) + "\"}";
        APIGatewayV2HTTPResponse sent = Compression.negotiate(request(GZIP), Responses.of(200, "application/json", body));
        assertEquals(200, sent.getStatusCode());
        assertEquals("gzip", sent.getHeaders().get("Content-Encoding"));
        assertEquals("Accept-Encoding", sent.getHeaders().get("Vary"));
        assertEquals("application/json", sent.getHeaders().get("Content-Type"));
        assertEquals("no-store", sent.getHeaders().get("Cache-Control"));
        assertTrue(sent.getIsBase64Encoded());
        assertTrue(sent.getBody().length() < body.length() / 10, "compressed to " + sent.getBody().length());
        assertEquals(body, gunzipped(sent.getBody()));
    }

    @Test
    void aSmallAnswerOrACallerWithoutGzipGetsTheTextAsItIs() {
        APIGatewayV2HTTPResponse small = Responses.of(200, "application/json", "{\"a\":\"" + "x".repeat(900) + "\"}");
        assertSame(small, Compression.negotiate(request(GZIP), small));
        APIGatewayV2HTTPResponse large = Responses.of(200, "text/csv", "a,b\n".repeat(1000));
        for (String refusing : new String[]{null, "identity", "gzip;q=0"}) {
            APIGatewayV2HTTPResponse sent = Compression.negotiate(request(refusing), large);
            assertNull(sent.getHeaders().get("Content-Encoding"), refusing);
            assertFalse(sent.getIsBase64Encoded());
            assertEquals(large.getBody(), sent.getBody());
            assertEquals("Accept-Encoding", sent.getHeaders().get("Vary"));
        }
    }

    @Test
    void anAnswerTooLargeForLambdaIsAProblemThatSaysWhatWouldFit() {
        // 3.2 million quotes are 3.2 MB of text but 6.4 MB once escaped into the function's answer
        APIGatewayV2HTTPResponse quotes = Responses.of(200, "application/json", "\"".repeat(3_200_000));
        APIGatewayV2HTTPResponse refused = Compression.negotiate(request(null), quotes);
        assertEquals(406, refused.getStatusCode());
        assertTrue(refused.getBody().contains("Accept-Encoding: gzip"), refused.getBody());
        APIGatewayV2HTTPResponse compressed = Compression.negotiate(request(GZIP), quotes);
        assertEquals(200, compressed.getStatusCode());
        assertEquals(quotes.getBody(), gunzipped(compressed.getBody()));

        APIGatewayV2HTTPResponse noise = Responses.of(200, "text/csv", randomText(7_000_000));
        assertEquals(500, Compression.negotiate(request(GZIP), noise).getStatusCode());
        assertEquals(406, Compression.negotiate(request(null), noise).getStatusCode());
        assertTrue(HttpApiEvents.write(Compression.negotiate(request(GZIP), noise)).length < Compression.LAMBDA_PAYLOAD_LIMIT);
    }

    @Test
    void aLeagueTableComesCompressedThroughTheFunctionAndEqualsTheUncompressedOne() {
        TestApi api = TestApi.fresh();
        for (String id : List.of("D1", "D2", "D3")) {
            Reply saved = api.putJson(Caller.national(), "/dealerships/" + id + "/profile",
                    "{\"name\":\"Dealer " + id + "\",\"region\":\"North\",\"brand\":\"Ford\",\"databaseSize\":400}");
            assertTrue(saved.status() == 201 || saved.status() == 200, saved.toString());
        }
        Reply plain = api.send(Caller.national(), "GET", "/kpi", null, Map.of(), null, false);
        Reply compressed = api.send(Caller.national(), "GET", "/kpi", null, Map.of("accept-encoding", GZIP), null, false);
        assertEquals(200, compressed.status(), compressed.toString());
        assertNull(plain.headers().get("Content-Encoding"));
        assertEquals("gzip", compressed.headers().get("Content-Encoding"));
        assertEquals(plain.json(), new Reply(200, plain.headers(), gunzipped(compressed.body())).json());
    }

    private static APIGatewayV2HTTPEvent request(String acceptEncoding) {
        return APIGatewayV2HTTPEvent.builder()
                .withHeaders(acceptEncoding == null ? Map.of() : Map.of("accept-encoding", acceptEncoding))
                .build();
    }

    private static String gunzipped(String base64) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(base64)))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String randomText(int length) {
        Random random = new Random(7);
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append((char) ('!' + random.nextInt(90)));
        }
        return text.toString();
    }
}
