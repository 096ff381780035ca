package com.dealerkpi.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.dealerkpi.json.Json;
import com.dealerkpi.lambda.Config;
import com.dealerkpi.lambda.Wiring;
import com.dealerkpi.support.Caller;
import com.dealerkpi.support.InMemoryStores;
import com.dealerkpi.support.Reply;
import com.dealerkpi.support.TestApi;
import com.dealerkpi.support.TestEvents;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One JSON access line and one metrics record per request; never a body or a token. */
@Isolated("captures System.out, where every function writes its log")
class RequestLogTest {

    @Test
    void eachRequestLogsOneLineWithoutBodiesOrTokens() {
        TestApi api = TestApi.fresh();
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            Map<String, String> headers = Map.of("content-type", "application/json", "authorization", "Bearer SECRET-TOKEN-123");
            api.send(Caller.dealer("D1"), "POST", "/dealerships/D1/agreements/A1/status", null, headers,
                    "{\"status\":\"Sold\",\"userId\":\"SECRET-BODY-456\"}", false);
            api.send(Caller.dealer("D1"), "POST", "/dealerships/D1/agreements/A1/status", null, headers,
                    "{\"status\":\"SECRET-BODY-789\"}", false);
            api.get(Caller.dealer("D2"), "/dealerships/D1/kpi");
        } finally {
            System.setOut(original);
        }
        List<String> all = captured.toString(StandardCharsets.UTF_8).lines().toList();
        assertFalse(String.join("\n", all).contains("SECRET"), "no body, header or token in any line: " + all);
        List<String> lines = all.stream().filter(l -> l.contains("\"message\":\"request\"")).toList();
        assertEquals(3, lines.size(), all.toString());
        assertEquals(3, all.stream().filter(l -> l.startsWith("{\"_aws\"")).count(), "and one metrics record each");
        List<Integer> statuses = List.of(201, 400, 403);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            assertFalse(line.contains("SECRET"), "no body, header or token in the log: " + line);
            Map<String, Object> entry = Json.readObject(line);
            for (String field : List.of("timestamp", "level", "requestId", "coldStart", "function", "route", "status", "latencyMs",
                    "dealershipId", "caller")) {
                assertTrue(entry.containsKey(field), field + " in " + line);
            }
            assertEquals(statuses.get(i), ((Number) entry.get("status")).intValue());
            assertEquals("D1", entry.get("dealershipId"));
        }
    }

    @Test
    void aVoidIsCountedWhenItVoidsAndNotWhenThereIsNothingToVoid() {
        TestApi api = TestApi.fresh();
        String eventId = (String) api.postJson(Caller.dealer("D1"), "/dealerships/D1/agreements/A1/status",
                "{\"status\":\"Sold\"}").json().get("eventId");
        String unknown = "0190d6a0-0000-7000-8000-000000000000";
        List<String> metrics = metricRecords(() -> {
            assertEquals(404, voidUpdate(api, unknown).status());
            assertEquals(200, voidUpdate(api, eventId).status());
        });
        assertEquals(2, metrics.size(), metrics.toString());
        assertFalse(Json.readObject(metrics.get(0)).containsKey("Voids"), metrics.get(0));
        assertEquals(1, ((Number) Json.readObject(metrics.get(1)).get("Voids")).intValue(), metrics.get(1));
    }

    private static Reply voidUpdate(TestApi api, String eventId) {
        return api.postJson(Caller.national(), "/dealerships/D1/agreements/A1/updates/" + eventId + "/void",
                "{\"reason\":\"entered on the wrong customer\"}");
    }

    /** The metrics records written while {@code work} runs. */
    private static List<String> metricRecords(Runnable work) {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            work.run();
        } finally {
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("{\"_aws\"")).toList();
    }

    @Test
    void aRollUpOverItsBudgetIs503WithRetryAfterAndItsOwnMetric() {
        InMemoryStores stores = new InMemoryStores();
        for (int d = 0; d < 300; d++) {
            stores.registerDealership("D" + d);
        }
        List<String> lines = new ArrayList<>();
        Wiring wiring = Wiring.local(Config.from(Map.of(Config.ROLL_UP_BUDGET_MS, "0")), stores, Clock.systemUTC());
        ReportHandler reports = wiring.reportHandler();
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        APIGatewayV2HTTPResponse answer;
        try {
            answer = reports.handleRequest(TestEvents.parse(TestEvents.json("GET", "/kpi", null, Map.of(), null, false,
                    Caller.national())), null);
        } finally {
            System.setOut(original);
        }
        captured.toString(StandardCharsets.UTF_8).lines().forEach(lines::add);
        assertEquals(503, answer.getStatusCode(), answer.getBody());
        assertEquals("2", answer.getHeaders().get("Retry-After"));
        assertTrue(answer.getBody().contains("could not be completed within 0 s; no partial answer"), answer.getBody());
        Map<String, Object> metrics = Json.readObject(lines.stream().filter(l -> l.startsWith("{\"_aws\"")).findFirst().orElseThrow());
        assertEquals(1, ((Number) metrics.get("RollUpTimeouts")).intValue(), lines.toString());
        assertFalse(metrics.containsKey("StoreUnavailable"), "the store answered: " + lines);
    }
}
