package com.dealerkpi.api;

import com.dealerkpi.support.Caller;
import com.dealerkpi.support.Reply;
import com.dealerkpi.support.TestApi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The status route and the agreement view, through the handlers, on a real DynamoDB implementation. */
@Tag("stores")
class StatusApiTest {
    private static TestApi api;
    private static final AtomicInteger AGREEMENTS = new AtomicInteger();
    private static final Caller NATIONAL = Caller.national();

    @BeforeAll
    static void start() {
        api = TestApi.fresh();
    }

    private static String newAgreement() {
        return "A-" + AGREEMENTS.incrementAndGet();
    }

    private static String statusPath(String dealership, String agreement) {
        return "/dealerships/" + dealership + "/agreements/" + agreement + "/status";
    }

    private static Reply post(String dealership, String agreement, String status, String at) {
        return api.postJson(Caller.dealer(dealership), statusPath(dealership, agreement),
                "{\"status\":\"" + status + "\",\"occurredAt\":\"" + at + "\"}");
    }

    private static Reply view(String dealership, String agreement) {
        return api.get(Caller.dealer(dealership), "/dealerships/" + dealership + "/agreements/" + agreement);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "Contacted, CONTACTED=RECORDED",
            "Appointed, CONTACTED=BACKFILLED APPOINTED=RECORDED",
            "Attended, CONTACTED=BACKFILLED APPOINTED=BACKFILLED ATTENDED=RECORDED",
            "Sold, CONTACTED=BACKFILLED APPOINTED=BACKFILLED ATTENDED=BACKFILLED SOLD=RECORDED",
            "Not Sold, CONTACTED=BACKFILLED",
            "No Answer, ''",
            "call-back, ''",
            "LOST, ''"})
    void everyStatusSetsAndBackFillsAsTheHelpPageSays(String status, String expected) {
        String agreement = newAgreement();
        Reply reply = post("D1", agreement, status, "2026-03-01T10:00:00Z");
        assertEquals(201, reply.status(), reply.toString());
        List<String> kpi = reply.list("kpi").stream().map(e -> e.get("stage") + "=" + e.get("outcome")).toList();
        assertEquals(expected.isEmpty() ? List.of() : List.of(expected.split(" ")), kpi);

        Reply view = view("D1", agreement);
        assertEquals(200, view.status(), view.toString());
        Map<String, Object> milestones = view.map("milestones");
        assertEquals(kpi.size(), milestones.size());
        for (Map<String, Object> entry : reply.list("kpi")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) milestones.get(entry.get("stage"));
            assertEquals("2026-03-01T10:00:00Z", m.get("at"));
            assertEquals(entry.get("outcome").equals("BACKFILLED"), m.get("backfilled"));
        }
        List<Map<String, Object>> history = view.list("history");
        assertEquals(1, history.size(), "back-fills never appear in the history");
        assertEquals(reply.json().get("status"), history.get(0).get("status"));
    }

    @Test
    void theEarliestMomentWinsWhateverTheArrivalOrder() {
        String a = newAgreement();
        post("D1", a, "SOLD", "2026-03-01T10:00:00Z");
        Reply contacted = post("D1", a, "Contacted", "2026-01-15T09:00:00+01:00");
        assertEquals(List.of(Map.of("stage", "CONTACTED", "outcome", "MOVED_EARLIER", "at", "2026-01-15T08:00:00Z")),
                contacted.list("kpi"));
        Reply later = post("D1", a, "Appointed", "2026-04-01T10:00:00Z");
        assertEquals("UNCHANGED", later.list("kpi").get(1).get("outcome"));
        assertEquals("2026-03-01T10:00:00Z", later.list("kpi").get(1).get("at"));

        Map<String, Object> milestones = view("D1", a).map("milestones");
        assertEquals(Map.of("at", "2026-01-15T08:00:00Z", "backfilled", false), milestones.get("CONTACTED"));
        assertEquals(Map.of("at", "2026-03-01T10:00:00Z", "backfilled", true), milestones.get("APPOINTED"));
        assertEquals(Map.of("at", "2026-03-01T10:00:00Z", "backfilled", false), milestones.get("SOLD"));
    }

    @Test
    void repeatsAreHistoryButNotNewMilestones() {
        String a = newAgreement();
        assertEquals("RECORDED", post("D1", a, "CONTACTED", "2026-02-01T10:00:00Z").list("kpi").get(0).get("outcome"));
        assertEquals("UNCHANGED", post("D1", a, "CONTACTED", "2026-02-03T10:00:00Z").list("kpi").get(0).get("outcome"));
        Reply view = view("D1", a);
        assertEquals(2, view.list("history").size());
        assertEquals(1, view.map("milestones").size());
        assertEquals("CONTACTED", view.json().get("currentStatus"));
    }

    @Test
    void theCurrentStatusIsTheLatestByMomentNotByArrival() {
        String a = newAgreement();
        post("D1", a, "APPOINTED", "2026-05-01T10:00:00Z");
        post("D1", a, "NO_ANSWER", "2026-04-01T10:00:00Z");
        Reply view = view("D1", a);
        assertEquals("APPOINTED", view.json().get("currentStatus"));
        assertEquals(List.of("NO_ANSWER", "APPOINTED"), view.list("history").stream().map(h -> h.get("status")).toList());
    }

    @Test
    void defaultsAreNowAndTheCaller() {
        String a = newAgreement();
        Reply reply = api.postJson(Caller.dealer("D1"), statusPath("D1", a), "{\"status\":\"CONTACTED\"}");
        assertEquals(201, reply.status());
        assertEquals("user-D1", reply.json().get("userId"));
        long age = java.time.Duration.between(java.time.Instant.parse((String) reply.json().get("occurredAt")),
                java.time.Instant.now()).toSeconds();
        assertTrue(age >= 0 && age < 60, "occurredAt defaults to the request time");
        Reply withUser = api.postJson(NATIONAL, statusPath("D1", a), "{\"status\":\"SOLD\",\"userId\":\"jane\"}");
        assertEquals("jane", withUser.json().get("userId"));
    }

    @Test
    void aReplayAnswersTheSameAndChangesNothing() {
        String a = newAgreement();
        String body = "{\"status\":\"Sold\",\"occurredAt\":\"2026-03-01T10:00:00Z\"}";
        Reply first = api.postJson(Caller.dealer("D1"), statusPath("D1", a), body, "key-" + a);
        assertEquals(201, first.status());
        var before = api.snapshot();
        Reply replay = api.postJson(Caller.dealer("D1"), statusPath("D1", a), body, "key-" + a);
        assertEquals(200, replay.status());
        assertEquals(first.json(), replay.json());
        // the same meaning spelled differently is the same request
        Reply respelled = api.postJson(Caller.dealer("D1"), statusPath("D1", a),
                "{\"occurredAt\":\"2026-03-01T11:00:00+01:00\",\"status\":\"SOLD\"}", "key-" + a);
        assertEquals(200, respelled.status());
        assertEquals(before, api.snapshot());
    }

    @Test
    void aReplayWithoutOccurredAtKeepsTheFirstMoment() throws InterruptedException {
        String a = newAgreement();
        Reply first = api.postJson(Caller.dealer("D1"), statusPath("D1", a), "{\"status\":\"CONTACTED\"}", "k-" + a);
        Thread.sleep(5);
        Reply replay = api.postJson(Caller.dealer("D1"), statusPath("D1", a), "{\"status\":\"CONTACTED\"}", "k-" + a);
        assertEquals(200, replay.status());
        assertEquals(first.json().get("occurredAt"), replay.json().get("occurredAt"));
    }

    @Test
    void aKeyReusedForAnotherRequestIs422AndChangesNothing() {
        String a = newAgreement();
        api.postJson(Caller.dealer("D1"), statusPath("D1", a), "{\"status\":\"CONTACTED\"}", "reuse-" + a);
        var before = api.snapshot();
        for (String other : List.of("{\"status\":\"SOLD\"}", "{\"status\":\"CONTACTED\",\"userId\":\"x\"}",
                "{\"status\":\"CONTACTED\",\"occurredAt\":\"2026-01-01T00:00:00Z\"}")) {
            Reply reply = api.postJson(Caller.dealer("D1"), statusPath("D1", a), other, "reuse-" + a);
            assertEquals(422, reply.status(), other);
            assertTrue(reply.isProblem());
        }
        Reply otherAgreement = api.postJson(Caller.dealer("D1"), statusPath("D1", newAgreement()),
                "{\"status\":\"CONTACTED\"}", "reuse-" + a);
        assertEquals(422, otherAgreement.status());
        assertEquals(before, api.snapshot());
    }

    @Test
    void keysAndAgreementsAreScopedByDealership() {
        String a = newAgreement();
        Reply d1 = api.postJson(Caller.dealer("D1"), statusPath("D1", a), "{\"status\":\"SOLD\"}", "shared-key");
        Reply d2 = api.postJson(Caller.dealer("D2"), statusPath("D2", a), "{\"status\":\"CONTACTED\"}", "shared-key");
        assertEquals(201, d1.status());
        assertEquals(201, d2.status(), "the same key at another dealership is another request");
        assertNotEquals(d1.json().get("eventId"), d2.json().get("eventId"));
        assertEquals(4, view("D1", a).map("milestones").size());
        assertEquals(1, view("D2", a).map("milestones").size());

        assertEquals(403, api.get(Caller.dealer("D2"), "/dealerships/D1/agreements/" + a).status());
        assertEquals(403, api.postJson(Caller.dealer("D2"), statusPath("D1", a), "{\"status\":\"LOST\"}").status());
        assertEquals(404, api.get(Caller.dealer("D3"), "/dealerships/D3/agreements/" + a).status());
        assertEquals(200, api.get(NATIONAL, "/dealerships/D2/agreements/" + a).status());
    }

    @Test
    void twentyConcurrentUpdatesOfOneAgreementLeaveOneMilestonePerStage() throws Exception {
        String a = newAgreement();
        List<String> statuses = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            statuses.add(List.of("CONTACTED", "APPOINTED", "ATTENDED", "SOLD", "NOT_SOLD").get(i % 5));
        }
        Collections.shuffle(statuses, new java.util.Random(7));
        ExecutorService pool = Executors.newFixedThreadPool(20);
        List<Future<Reply>> replies = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String status = statuses.get(i);
            String at = String.format("2026-06-%02dT10:00:00Z", 20 - i);
            replies.add(pool.submit(() -> post("D1", a, status, at)));
        }
        for (Future<Reply> reply : replies) {
            assertEquals(201, reply.get().status());
        }
        pool.shutdown();

        // the model: per stage, the earliest moment of any update that marks it (real beats back-fill on a tie)
        Map<String, Object> milestones = view("D1", a).map("milestones");
        for (String stage : List.of("CONTACTED", "APPOINTED", "ATTENDED", "SOLD")) {
            String expected = null;
            boolean backfilled = true;
            for (int i = 19; i >= 0; i--) { // earliest first
                var marks = com.dealerkpi.domain.status.Status.valueOf(statuses.get(i)).marks();
                for (var mark : marks) {
                    if (mark.stage().name().equals(stage) && expected == null) {
                        expected = String.format("2026-06-%02dT10:00:00Z", 20 - i);
                        backfilled = mark.backfilled();
                    }
                }
            }
            assertEquals(Map.of("at", expected, "backfilled", backfilled), milestones.get(stage), stage);
        }
        assertEquals(20, view("D1", a).list("history").size());
    }

    @Test
    void anAgreementNeverSeenIs404() {
        Reply reply = api.get(NATIONAL, "/dealerships/D1/agreements/never-seen");
        assertEquals(404, reply.status());
        assertTrue(reply.isProblem());
        assertNull(reply.json().get("errors"));
    }
}
