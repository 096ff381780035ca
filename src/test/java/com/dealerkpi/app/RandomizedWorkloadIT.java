package com.dealerkpi.app;

import com.dealerkpi.support.Caller;
import com.dealerkpi.support.KpiModel;
import com.dealerkpi.support.Reply;
import com.dealerkpi.support.TestApi;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Thousands of updates across dealerships: shuffled arrival, back-dated moments, spellings, replays, key
 * reuse, 8 parallel clients. Afterwards every agreement's history and milestones equal the model's.
 * Seeded: {@code -Dseed=N} reruns a failure exactly (up to thread interleaving).
 */
class RandomizedWorkloadIT {
    private static final List<String> STATUSES = List.of("Contacted", "appointed", "ATTENDED", "Sold", "Not Sold",
            "not-sold", "No Answer", "call_back", "LOST", "Did Not Attend", "selected for contact", "contacted");
    private static final Instant START = Instant.parse("2024-01-01T00:00:00Z");

    record Request(int id, String dealershipId, String agreementId, String body, String key, String variant) {
    }

    @Test
    void everyAgreementEndsExactlyAsTheModelSays() throws Exception {
        long seed = Long.getLong("seed", System.nanoTime());
        String context = "seed=" + seed + " (rerun with -Dseed=" + seed + ")";
        Random random = new Random(seed);
        TestApi api = TestApi.fresh();
        Instant now = Instant.now();
        long span = ChronoUnit.SECONDS.between(START, now);

        List<Request> requests = new ArrayList<>();
        int originals = Integer.getInteger("workload.updates", 3000);
        for (int i = 0; i < originals; i++) {
            String dealership = "D" + (1 + random.nextInt(4));
            String agreement = "A" + random.nextInt(50);
            String status = STATUSES.get(random.nextInt(STATUSES.size()));
            String at = random.nextInt(10) == 0 ? null : START.plusSeconds((long) (random.nextDouble() * span)).toString();
            String user = random.nextInt(3) == 0 ? "u" + random.nextInt(5) : null;
            String key = random.nextInt(3) == 0 ? "key-" + i : null;
            String body = body(status, at, user);
            requests.add(new Request(i, dealership, agreement, body, key, "original"));
            if (key != null && random.nextInt(4) == 0) {
                requests.add(new Request(i, dealership, agreement, body, key, "original")); // a replay
            }
            if (key != null && random.nextInt(8) == 0) {
                String other = body(STATUSES.get(random.nextInt(STATUSES.size())), "2025-01-01T00:00:0" + random.nextInt(9) + "Z", "other");
                requests.add(new Request(i, dealership, agreement, other, key, "reuse"));
            }
        }
        Collections.shuffle(requests, random);

        ExecutorService clients = Executors.newFixedThreadPool(8);
        ConcurrentLinkedQueue<Map.Entry<Request, Reply>> answers = new ConcurrentLinkedQueue<>();
        List<Future<?>> done = new ArrayList<>();
        for (Request r : requests) {
            done.add(clients.submit(() -> {
                Caller caller = r.id() % 2 == 0 ? Caller.national() : Caller.dealer(r.dealershipId());
                Reply reply = api.postJson(caller, "/dealerships/" + r.dealershipId() + "/agreements/" + r.agreementId()
                        + "/status", r.body(), r.key());
                answers.add(Map.entry(r, reply));
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        clients.shutdown();

        KpiModel model = new KpiModel();
        Map<String, List<Map.Entry<Request, Reply>>> byKey = new HashMap<>();
        for (Map.Entry<Request, Reply> answer : answers) {
            Request r = answer.getKey();
            Reply reply = answer.getValue();
            if (r.key() != null) {
                byKey.computeIfAbsent(r.dealershipId() + "/" + r.key(), k -> new ArrayList<>()).add(answer);
                continue;
            }
            assertEquals(201, reply.status(), context + " " + r + " -> " + reply);
            acceptInto(model, r, reply, context);
        }
        for (List<Map.Entry<Request, Reply>> group : byKey.values()) {
            Set<String> acceptedBodies = new HashSet<>();
            Set<Object> eventIds = new HashSet<>();
            int created = 0;
            for (Map.Entry<Request, Reply> answer : group) {
                int status = answer.getValue().status();
                assertTrue(status == 201 || status == 200 || status == 422, context + " " + answer);
                if (status != 422) {
                    acceptedBodies.add(answer.getKey().body());
                    eventIds.add(answer.getValue().json().get("eventId"));
                    created += status == 201 ? 1 : 0;
                }
            }
            assertEquals(1, acceptedBodies.size(), context + " one body per key " + group);
            assertEquals(1, eventIds.size(), context + " one event per key " + group);
            assertEquals(1, created, context + " exactly one 201 per key " + group);
            Map.Entry<Request, Reply> winner = group.stream().filter(a -> a.getValue().status() == 201).findFirst().orElseThrow();
            acceptInto(model, winner.getKey(), winner.getValue(), context);
        }

        int checked = 0;
        for (String dealership : List.of("D1", "D2", "D3", "D4")) {
            for (int a = 0; a < 50; a++) {
                String agreement = "A" + a;
                Reply view = api.get(Caller.national(), "/dealerships/" + dealership + "/agreements/" + agreement);
                List<KpiModel.Event> history = model.history(dealership, agreement);
                if (history.isEmpty()) {
                    assertEquals(404, view.status(), context);
                    continue;
                }
                assertEquals(200, view.status(), context);
                List<String> expectedHistory = history.stream()
                        .map(e -> e.eventId() + " " + e.status() + " " + e.at() + " " + e.userId()).toList();
                List<String> actualHistory = view.list("history").stream()
                        .map(h -> h.get("eventId") + " " + h.get("status") + " " + h.get("occurredAt") + " " + h.get("userId"))
                        .toList();
                assertEquals(expectedHistory, actualHistory, context + " history of " + dealership + "/" + agreement);
                Map<String, Object> expectedMilestones = new HashMap<>();
                model.milestones(dealership, agreement).forEach((stage, mark) ->
                        expectedMilestones.put(stage, Map.of("at", mark.at().toString(), "backfilled", mark.backfilled())));
                assertEquals(expectedMilestones, view.map("milestones"), context + " milestones of " + dealership + "/" + agreement);
                assertEquals(history.get(history.size() - 1).status(), view.json().get("currentStatus"), context);
                checked++;
            }
        }
        assertTrue(checked > 150, "the workload reached most agreements: " + checked);
    }

    private static void acceptInto(KpiModel model, Request r, Reply reply, String context) {
        Map<String, Object> json = reply.json();
        String status = (String) json.get("status");
        assertEquals(KpiModel.canonical(statusOf(r.body())), status, context);
        Set<String> touched = new HashSet<>();
        reply.list("kpi").forEach(e -> touched.add((String) e.get("stage")));
        assertEquals(KpiModel.marks(status).keySet(), touched, context + " kpi entries of " + reply);
        model.accept(new KpiModel.Event(r.dealershipId(), r.agreementId(), (String) json.get("eventId"), status,
                Instant.parse((String) json.get("occurredAt")), (String) json.get("userId")));
    }

    private static String body(String status, String at, String user) {
        StringBuilder body = new StringBuilder("{\"status\":\"").append(status).append('"');
        if (at != null) {
            body.append(",\"occurredAt\":\"").append(at).append('"');
        }
        if (user != null) {
            body.append(",\"userId\":\"").append(user).append('"');
        }
        return body.append('}').toString();
    }

    private static String statusOf(String body) {
        int start = body.indexOf("\"status\":\"") + 10;
        return body.substring(start, body.indexOf('"', start));
    }
}
