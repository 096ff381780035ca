package com.dealerkpi.api;

import com.dealerkpi.support.Caller;
import com.dealerkpi.support.Reply;
import com.dealerkpi.support.TestApi;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Voiding an update: it counts nowhere afterwards, exactly, also while updates and voids race. */
@Tag("stores")
class CorrectionsTest {
    private static final Caller NATIONAL = Caller.national();
    private static TestApi api;

    @BeforeAll
    static void start() {
        // a clock with digits below the millisecond, as Lambda's has
        api = TestApi.fresh(Clock.fixed(Instant.parse("2026-11-28T12:00:00.123456789Z"), ZoneOffset.UTC));
    }

    private static String post(String agreement, String status, String at) {
        Reply reply = api.postJson(NATIONAL, "/dealerships/V1/agreements/" + agreement + "/status",
                "{\"status\":\"" + status + "\",\"occurredAt\":\"" + at + "\"}");
        assertEquals(201, reply.status(), reply.toString());
        return (String) reply.json().get("eventId");
    }

    private static Reply voidUpdate(Caller caller, String agreement, String eventId, String body) {
        return api.send(caller, "POST", "/dealerships/V1/agreements/" + agreement + "/updates/" + eventId + "/void", null,
                Map.of("content-type", "application/json"), body, false);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> milestones(Reply view) {
        return (Map<String, Object>) view.json().get("milestones");
    }

    @Test
    void aMistakenSoldIsUndoneAndTheEarlierMilestonesComeBack() {
        post("m1", "Contacted", "2026-03-01T10:00:00Z");
        String sold = post("m1", "Sold", "2026-02-01T10:00:00Z");   // a mis-click, back-dated
        assertEquals("2026-02-01T10:00:00Z", ((Map<?, ?>) milestones(api.get(NATIONAL, "/dealerships/V1/agreements/m1")).get("CONTACTED")).get("at"));

        Reply voided = voidUpdate(NATIONAL, "m1", sold, "{\"reason\":\"clicked Sold on the wrong customer\"}");
        assertEquals(200, voided.status(), voided.toString());
        assertEquals(Map.of("CONTACTED", Map.of("at", "2026-03-01T10:00:00Z", "backfilled", false)), milestones(voided));
        assertEquals(List.of("CONTACTED"), voided.list("history").stream().map(h -> h.get("status")).toList());
        Map<String, Object> entry = voided.list("voided").get(0);
        assertEquals(sold, entry.get("eventId"));
        assertEquals("SOLD", entry.get("status"));
        assertEquals("clicked Sold on the wrong customer", entry.get("reason"));
        assertEquals("national-user", entry.get("voidedBy"));
        assertEquals("2026-11-28T12:00:00.123Z", entry.get("voidedAt"), "to the millisecond, as every moment");
        assertEquals("CONTACTED", voided.json().get("currentStatus"));

        Reply usage = api.get(NATIONAL, "/dealerships/V1/usage?from=2026-02-01&to=2026-02-28");
        assertEquals(0L, ((Number) usage.json().get("total")).longValue(), "usage no longer counts it");
        Reply kpi = api.get(NATIONAL, "/dealerships/V1/kpi?from=2026-02-01&to=2026-02-28");
        assertEquals(0L, ((Number) ((Map<?, ?>) kpi.json().get("counts")).get("sold")).longValue());

        Reply again = voidUpdate(NATIONAL, "m1", sold, "{\"reason\":\"another reason\"}");
        assertEquals(200, again.status());
        assertEquals(voided.json(), again.json(), "voiding again answers the same and changes nothing");
    }

    @Test
    void voidingTheOnlyUpdateRemovesEveryMilestone() {
        String sold = post("m2", "Sold", "2026-04-01T10:00:00Z");
        Reply voided = voidUpdate(NATIONAL, "m2", sold, "{\"reason\":\"test record\"}");
        assertEquals(Map.of(), milestones(voided));
        assertEquals(List.of(), voided.list("history"));
        assertEquals(null, voided.json().get("currentStatus"));
        Reply drill = api.get(NATIONAL, "/dealerships/V1/kpi/sold/agreements?from=2026-04-01&to=2026-04-30");
        assertFalse(drill.list("items").stream().anyMatch(i -> "m2".equals(i.get("agreementId"))));
    }

    @Test
    void onlyNationalVoidsAndBadRequestsChangeNothing() {
        String contacted = post("m3", "Contacted", "2026-05-01T10:00:00Z");
        var before = api.snapshot();
        assertEquals(403, voidUpdate(Caller.dealer("V1"), "m3", contacted, "{\"reason\":\"mine\"}").status());
        assertEquals(404, voidUpdate(NATIONAL, "m3", "0193a1f2-7c00-7abc-8def-0123456789ab", "{\"reason\":\"x\"}").status());
        assertEquals(404, voidUpdate(NATIONAL, "other", contacted, "{\"reason\":\"x\"}").status(), "an update of another agreement");
        for (String bad : List.of("{}", "{\"reason\":\"\"}", "{\"reason\":\"" + "x".repeat(501) + "\"}", "{\"reason\":3}",
                "{\"reason\":\"ok\",\"extra\":1}", "{\"reason\":\"line\\nbreak\"}")) {
            Reply reply = voidUpdate(NATIONAL, "m3", contacted, bad);
            assertEquals(400, reply.status(), bad);
            assertTrue(reply.isProblem());
        }
        assertTrue(voidUpdate(NATIONAL, "m3", contacted, "{\"reason\":\"  \"}").body().contains("must not be blank"));
        assertTrue(voidUpdate(NATIONAL, "m3", contacted, "{\"reason\":\"" + "x".repeat(501) + "\"}").body()
                .contains("at most 500 characters (it has 501)"));
        assertEquals(before, api.snapshot());
    }

    @Test
    void aSameInstantRealSetBeatsABackFillInEitherOrderAndAfterAVoid() {
        String at = "2026-06-01T09:00:00Z";
        String appointed = post("tie-a", "Appointed", at);     // back-fills CONTACTED at the instant
        post("tie-a", "Contacted", at);                        // really sets it at the same instant
        post("tie-b", "Contacted", at);
        post("tie-b", "Appointed", at);
        for (String agreement : List.of("tie-a", "tie-b")) {
            assertEquals(Map.of("at", at, "backfilled", false),
                    milestones(api.get(NATIONAL, "/dealerships/V1/agreements/" + agreement)).get("CONTACTED"), agreement);
        }
        Reply afterVoid = voidUpdate(NATIONAL, "tie-a", appointed, "{\"reason\":\"wrong stage\"}");
        assertEquals(Map.of("CONTACTED", Map.of("at", at, "backfilled", false)), milestones(afterVoid));
    }

    @Test
    void voidsRacingUpdatesOnOneAgreementEndAsIfTheVoidedNeverHappened() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(8);
        for (int round = 0; round < 10; round++) {
            String agreement = "race-" + round;
            String first = post(agreement, "Sold", "2026-07-10T10:00:00Z");
            String second = post(agreement, "Attended", "2026-07-05T10:00:00Z");
            List<Future<Reply>> racing = List.of(
                    clients.submit(() -> voidUpdate(NATIONAL, agreement, second, "{\"reason\":\"r\"}")),
                    clients.submit(() -> voidUpdate(NATIONAL, agreement, first, "{\"reason\":\"r\"}")),
                    clients.submit(() -> api.postJson(NATIONAL, "/dealerships/V1/agreements/" + agreement + "/status",
                            "{\"status\":\"Appointed\",\"occurredAt\":\"2026-07-08T10:00:00Z\"}")),
                    clients.submit(() -> api.postJson(NATIONAL, "/dealerships/V1/agreements/" + agreement + "/status",
                            "{\"status\":\"Contacted\",\"occurredAt\":\"2026-07-09T10:00:00Z\"}")));
            for (Future<Reply> reply : racing) {
                assertTrue(reply.get().status() == 200 || reply.get().status() == 201, reply.get().toString());
            }
            // what remains: Appointed on the 8th (back-filling Contacted) and Contacted on the 9th
            assertEquals(Map.of("CONTACTED", Map.of("at", "2026-07-08T10:00:00Z", "backfilled", true),
                            "APPOINTED", Map.of("at", "2026-07-08T10:00:00Z", "backfilled", false)),
                    milestones(api.get(NATIONAL, "/dealerships/V1/agreements/" + agreement)), agreement);
        }
        clients.shutdown();
    }
}
