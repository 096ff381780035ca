package com.dealerkpi.api.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.dealerkpi.support.Caller;
import com.dealerkpi.support.TestEvents;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The functions read their events and write their answers themselves: what they read must equal what the Lambda
 * runtime's own serializer reads from the same JSON, and what they write must read back, through that serializer,
 * as the answer they meant.
 */
class HttpApiEventsTest {

    @Test
    void everyEventShapeReadsAsTheRuntimesSerializerReadsIt() {
        List<String> events = List.of(
                TestEvents.json("POST", "/dealerships/D1/agreements/A1/status", null,
                        Map.of("Content-Type", "application/json", "Idempotency-Key", "k-1"),
                        "{\"status\":\"Sold\"}", false, Caller.dealer("D1")),
                TestEvents.json("GET", "/dealerships/D1/kpi", "range=custom&from=2026-01-01&to=2026-03-31&format=csv",
                        Map.of(), null, false, Caller.national()),
                TestEvents.json("GET", "/dealerships/D%201/kpi", "a=1&a=2&b", Map.of("Accept", "text/html"), null, false,
                        Caller.anonymous()),
                TestEvents.json("PUT", "/targets/national", null, Map.of("content-type", "application/json"),
                        Base64.getEncoder().encodeToString("{\"contactRate\":0.03}".getBytes(StandardCharsets.UTF_8)),
                        true, Caller.national()),
                TestEvents.json("DELETE", "/nowhere", null, Map.of(), null, false, Caller.withClaims(Map.of("sub", "x"))),
                "{\"version\":\"2.0\",\"routeKey\":\"$default\",\"cookies\":[\"a=1\",\"b=2\"],\"stageVariables\":{\"s\":\"v\"}}",
                "{}");
        for (String json : events) {
            assertEquals(TestEvents.parse(json), HttpApiEvents.read(json.getBytes(StandardCharsets.UTF_8)), json);
        }
    }

    @Test
    void aClaimThatIsNotTextKeepsItsJsonAndScalarsTheirText() {
        String json = "{\"requestContext\":{\"authorizer\":{\"jwt\":{\"claims\":{\"sub\":\"u\",\"exp\":1795860000,"
                + "\"email_verified\":true,\"cognito:groups\":[\"national\",\"dealer-D1\"]}}}}}";
        Map<String, String> claims = HttpApiEvents.read(json.getBytes(StandardCharsets.UTF_8))
                .getRequestContext().getAuthorizer().getJwt().getClaims();
        assertEquals("1795860000", claims.get("exp"));
        assertEquals("true", claims.get("email_verified"));
        assertEquals("[\"national\",\"dealer-D1\"]", claims.get("cognito:groups"));
    }

    @Test
    void somethingOtherThanAJsonObjectIsNotAnEvent() {
        for (String notAnEvent : List.of("", "null", "[1]", "\"text\"", "{\"a\":1", "{\"a\":1,\"a\":2}")) {
            assertThrows(IllegalArgumentException.class,
                    () -> HttpApiEvents.read(notAnEvent.getBytes(StandardCharsets.UTF_8)), notAnEvent);
        }
    }

    @Test
    void anAnswerReadsBackThroughTheRuntimesSerializerAsWritten() {
        Map<String, String> headers = new LinkedHashMap<>(Map.of("Content-Type", "text/csv; charset=utf-8",
                "Content-Disposition", "attachment; filename=\"kpi.csv\"", "Retry-After", "2"));
        for (APIGatewayV2HTTPResponse answer : List.of(
                Responses.json(201, Map.of("eventId", "e1", "kpi", List.of(Map.of("stage", "SOLD")))),
                Responses.of(200, "text/csv", "month,contacted\n2026-01,\"3\"\n\u00e9\u2713"),
                Problems.problem(503, "Service Unavailable", "later", List.of()),
                APIGatewayV2HTTPResponse.builder().withStatusCode(204).withHeaders(headers).withIsBase64Encoded(false).build())) {
            String json = new String(HttpApiEvents.write(answer), StandardCharsets.UTF_8);
            APIGatewayV2HTTPResponse read = TestEvents.parseResponse(json);
            assertEquals(answer.getStatusCode(), read.getStatusCode(), json);
            assertEquals(answer.getHeaders(), read.getHeaders(), json);
            assertEquals(answer.getBody(), read.getBody(), json);
            assertEquals(false, read.getIsBase64Encoded(), json);
        }
    }
}
