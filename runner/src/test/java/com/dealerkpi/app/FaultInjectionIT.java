package com.dealerkpi.app;

import com.dealerkpi.app.counts.Verification;
import com.dealerkpi.store.DynamoStores;
import com.dealerkpi.support.Backend;
import com.dealerkpi.support.Caller;
import com.dealerkpi.support.FaultInjector;
import com.dealerkpi.support.FaultInjector.Fault;
import com.dealerkpi.support.KpiModel;
import com.dealerkpi.support.Reply;
import com.dealerkpi.support.TestApi;
import com.dealerkpi.support.TestBackend;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Faults at every request of a status update, through the SDK: the API answers 503 with Retry-After while the
 * store fails, a client retrying with the same Idempotency-Key converges to exactly one update, and a request
 * the SDK retried after it had succeeded is never reported as an error or as the wrong outcome.
 */
class FaultInjectionIT {
    private static final FaultInjector FAULTS = new FaultInjector();
    /**
     * The requests of a keyed SOLD on a new agreement once its dealership is registered in the execution environment:
     * the key claim, the history entry and the aggregate config (at once; read by every update here, so that its
     * faults are tried too), 4 milestones and the day's usage, the
     * agreement read back, the month of the aggregates, then its copy for the network and its summary, 4 outbox flags
     * cleared, the answer (which clears the usage flag).
     */
    private static final int REQUESTS = 17;
    private static TestApi noSdkRetries;
    private static TestApi withSdkRetries;
    private static TestApi clean;
    private static DynamoStores cleanStores;

    @BeforeAll
    static void start() {
        DynamoDbClient single = Backend.get().client(1, Duration.ofSeconds(10), FAULTS);
        String table = Backend.get().freshTable(single);
        noSdkRetries = on(single, table);
        withSdkRetries = on(Backend.get().client(3, Duration.ofSeconds(10), FAULTS), table);
        cleanStores = new DynamoStores(Backend.get().client(), table, Clock.systemUTC());
        clean = new TestApi(TestBackend.current(), cleanStores, Clock.systemUTC());
        // each environment registers a dealership once, with its first update: done here, so every planned fault
        // below falls on the same request of a keyed SOLD
        for (TestApi api : List.of(noSdkRetries, withSdkRetries, clean)) {
            assertEquals(201, api.postJson(Caller.dealer("F1"), path("warm-" + System.nanoTime()), SOLD).status());
        }
    }

    private static TestApi on(DynamoDbClient db, String table) {
        return new TestApi(TestBackend.current(), new DynamoStores(db, table, Clock.systemUTC()), Clock.systemUTC());
    }

    private static String path(String agreement) {
        return "/dealerships/F1/agreements/" + agreement + "/status";
    }

    private static final String SOLD = "{\"status\":\"Sold\",\"occurredAt\":\"2026-05-01T10:00:00Z\"}";

    /** What one clean SOLD on a new agreement leaves and answers, with ids blanked out. */
    private static Map<String, Object> outcomeOfCleanRun() {
        String agreement = "clean-" + System.nanoTime();
        Reply reply = clean.postJson(Caller.dealer("F1"), path(agreement), SOLD, "k-" + agreement);
        assertEquals(201, reply.status());
        return comparable(reply, clean.get(Caller.dealer("F1"), "/dealerships/F1/agreements/" + agreement));
    }

    private static Map<String, Object> comparable(Reply answer, Reply view) {
        Map<String, Object> result = new HashMap<>();
        result.put("kpi", answer.list("kpi"));
        result.put("status", answer.json().get("status"));
        result.put("occurredAt", answer.json().get("occurredAt"));
        result.put("milestones", view.map("milestones"));
        result.put("history", view.list("history").stream().map(h -> h.get("status") + "@" + h.get("occurredAt")).toList());
        return result;
    }

    @TestFactory
    List<DynamicTest> aFailureAtAnyRequestThenARetryConvergesToOneSuccessfulRequest() {
        Map<String, Object> expected = outcomeOfCleanRun();
        List<DynamicTest> tests = new ArrayList<>();
        for (int request = 1; request <= REQUESTS; request++) {
            for (Fault fault : FaultInjector.kinds()) {
                int failing = request;
                tests.add(DynamicTest.dynamicTest("request " + request + ": " + fault, () -> {
                    String agreement = "crash-" + failing + "-" + fault + "-" + System.nanoTime();
                    FAULTS.plan(n -> n == failing ? fault : Fault.NONE);
                    Reply first = noSdkRetries.postJson(Caller.dealer("F1"), path(agreement), SOLD, "k-" + agreement);
                    FAULTS.heal();
                    assertEquals(503, first.status(), first.toString());
                    assertTrue(first.isProblem());
                    assertEquals("2", first.headers().get("Retry-After"));

                    Reply retry = noSdkRetries.postJson(Caller.dealer("F1"), path(agreement), SOLD, "k-" + agreement);
                    // if the last write (the answer) was applied, the request was in fact complete: the retry is a
                    // replay of that answer
                    boolean completedUnseen = failing == REQUESTS && (fault == Fault.APPLIED_RESPONSE_LOST || fault == Fault.APPLIED_TIMED_OUT);
                    assertEquals(completedUnseen ? 200 : 201, retry.status(), "the retry completes the request: " + retry);
                    Reply replay = noSdkRetries.postJson(Caller.dealer("F1"), path(agreement), SOLD, "k-" + agreement);
                    assertEquals(200, replay.status());
                    assertEquals(retry.json(), replay.json());
                    assertEquals(expected, comparable(retry, clean.get(Caller.dealer("F1"), "/dealerships/F1/agreements/" + agreement)));
                    assertAggregatesExactAfter("a fault at request " + failing + " (" + fault + ") and a retry");
                }));
            }
        }
        if (!VERIFY_EACH) {
            tests.add(aggregatesExactAfterEveryFault());
        }
        return tests;
    }

    @TestFactory
    List<DynamicTest> aRequestTheSdkRetriedAfterItSucceededIsNotAnError() {
        Map<String, Object> expected = outcomeOfCleanRun();
        List<DynamicTest> tests = new ArrayList<>();
        for (int request = 1; request <= REQUESTS; request++) {
            for (Fault fault : FaultInjector.kinds()) {
                int failing = request;
                tests.add(DynamicTest.dynamicTest("request " + request + ": " + fault + ", SDK retries", () -> {
                    String agreement = "sdk-" + failing + "-" + fault + "-" + System.nanoTime();
                    FAULTS.plan(n -> n == failing ? fault : Fault.NONE);
                    Reply reply = withSdkRetries.postJson(Caller.dealer("F1"), path(agreement), SOLD, "k-" + agreement);
                    FAULTS.heal();
                    assertEquals(201, reply.status(), reply.toString());
                    assertEquals(expected, comparable(reply, clean.get(Caller.dealer("F1"), "/dealerships/F1/agreements/" + agreement)));
                    assertAggregatesExactAfter("a fault at request " + failing + " (" + fault + ") that the SDK retried");
                }));
            }
        }
        if (!VERIFY_EACH) {
            tests.add(aggregatesExactAfterEveryFault());
        }
        return tests;
    }

    /**
     * Whether the aggregates are recounted after each fault ({@code -Dfaults.verifyEach=false}: once after all of a
     * factory's, where a recount is slow, as on moto, whose every index query walks the table; a mismatch then names
     * no request, and a rerun with it true does).
     */
    private static final boolean VERIFY_EACH = Boolean.parseBoolean(System.getProperty("faults.verifyEach", "true"));

    /** After each fault, or once after the last of them: see {@link #VERIFY_EACH}. */
    private static void assertAggregatesExactAfter(String fault) {
        if (VERIFY_EACH) {
            assertAggregatesExact("after " + fault);
        }
    }

    private static DynamicTest aggregatesExactAfterEveryFault() {
        return DynamicTest.dynamicTest("the aggregates after every fault above", () -> assertAggregatesExact("after every fault"));
    }

    /** Every count of the aggregates equals the recount of the milestones, with no sweep: the requests completed them. */
    private static void assertAggregatesExact(String when) {
        Verification.Report report = clean.verifyAggregates();
        assertEquals(List.of(), report.mismatches(), when);
        assertEquals(0, cleanStores.counts().pending(), when + ": nothing is left flagged");
    }

    @Test
    void whileTheStoreIsDownTheApiSays503WithRetryAfterAndReportsNothingDone() {
        FAULTS.down();
        try {
            for (Reply reply : List.of(
                    noSdkRetries.postJson(Caller.dealer("F1"), path("down-1"), SOLD, "k-down-1"),
                    noSdkRetries.postJson(Caller.dealer("F1"), path("down-2"), SOLD),
                    noSdkRetries.get(Caller.dealer("F1"), "/dealerships/F1/kpi"),
                    noSdkRetries.get(Caller.dealer("F1"), "/dealerships/F1/agreements/down-1"))) {
                assertEquals(503, reply.status(), reply.toString());
                assertEquals("2", reply.headers().get("Retry-After"));
                assertTrue(reply.isProblem());
                assertTrue(!reply.body().contains("Exception") && !reply.body().contains("injected"), reply.body());
            }
        } finally {
            FAULTS.heal();
        }
        assertEquals(404, clean.get(Caller.dealer("F1"), "/dealerships/F1/agreements/down-1").status());
    }

    @Test
    void randomFaultsUnderParallelClientsLeaveExactlyTheModelsState() throws Exception {
        long seed = Long.getLong("seed", System.nanoTime());
        String context = "seed=" + seed + " (rerun with -Dseed=" + seed + ")";
        Random random = new Random(seed);
        Random faults = new Random(seed + 1);
        FAULTS.plan(n -> {
            synchronized (faults) {
                return faults.nextInt(100) < 15 ? FaultInjector.ALL.get(faults.nextInt(FaultInjector.ALL.size())) : Fault.NONE;
            }
        });
        KpiModel model = new KpiModel();
        List<String> statuses = List.of("Contacted", "Appointed", "Attended", "Sold", "Not Sold", "No Answer");
        ExecutorService clients = Executors.newFixedThreadPool(8);
        List<Future<?>> done = new ArrayList<>();
        int updates = Integer.getInteger("faults.updates", 600);
        for (int i = 0; i < updates; i++) {
            String agreement = "R" + random.nextInt(40);
            String status = statuses.get(random.nextInt(statuses.size()));
            Instant at = Instant.parse("2026-01-01T00:00:00Z").plusSeconds(random.nextInt(20_000_000));
            String body = "{\"status\":\"" + status + "\",\"occurredAt\":\"" + at + "\"}";
            String key = "rk-" + i;
            done.add(clients.submit(() -> {
                // a real client: retry the same request with the same key until it is answered
                for (int attempt = 1; ; attempt++) {
                    Reply reply = withSdkRetries.postJson(Caller.dealer("F1"), path(agreement), body, key);
                    if (reply.status() == 201 || reply.status() == 200) {
                        model.accept(new KpiModel.Event("F1", agreement, (String) reply.json().get("eventId"),
                                KpiModel.canonical(status), at, "user-F1"));
                        return null;
                    }
                    assertEquals(503, reply.status(), context + " " + reply);
                    assertTrue(attempt < 50, context + " never answered: " + key);
                }
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        clients.shutdown();
        FAULTS.heal();
        for (int a = 0; a < 40; a++) {
            String agreement = "R" + a;
            Reply view = clean.get(Caller.dealer("F1"), "/dealerships/F1/agreements/" + agreement);
            List<KpiModel.Event> history = model.history("F1", agreement);
            if (history.isEmpty()) {
                assertEquals(404, view.status(), context);
                continue;
            }
            assertEquals(history.stream().map(e -> e.eventId() + " " + e.status() + " " + e.at()).toList(),
                    view.list("history").stream().map(h -> h.get("eventId") + " " + h.get("status") + " " + h.get("occurredAt")).toList(),
                    context + " history of " + agreement + ": no lost and no doubled update");
            Map<String, Object> expected = new HashMap<>();
            model.milestones("F1", agreement).forEach((stage, mark) ->
                    expected.put(stage, Map.of("at", mark.at().toString(), "backfilled", mark.backfilled())));
            assertEquals(expected, view.map("milestones"), context + " milestones of " + agreement);
        }
    }
}
