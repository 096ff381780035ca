package com.dealerkpi.app;

import com.dealerkpi.support.Caller;
import com.dealerkpi.support.KpiModel;
import com.dealerkpi.support.ModelChecks;
import com.dealerkpi.support.Reply;
import com.dealerkpi.support.TestApi;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
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
 * The model-based suite: 10,000 updates (by default) across dealerships: every status and spelling, shuffled
 * arrival, back-dated moments, replays with the same Idempotency-Key, key reuse with another body, 8 parallel
 * clients, some on the same agreement. Afterwards every agreement view, the KPI counts of many random ranges,
 * usage, drill-down lists and region roll-ups equal the independent model. Seeded: {@code -Dseed=N} reruns
 * a failure's workload ({@code -Dworkload.updates=N} sizes it).
 */
@Tag("stores")
class RandomizedWorkloadTest {
    private static final List<String> STATUSES = List.of("Contacted", "appointed", "ATTENDED", "Sold", "Not Sold",
            "not-sold", "No Answer", "call_back", "LOST", "Did Not Attend", "selected for contact", "contacted",
            "Left Message", "not interested", "RESCHEDULED", "wrong-number", "Do Not Contact");
    private static final Instant START = Instant.parse("2024-01-01T00:00:00Z");
    private static final List<String> DEALERSHIPS = List.of("D1", "D2", "D3", "D4");
    private static final Map<String, ZoneId> ZONES = Map.of("D1", ZoneId.of("Europe/London"), "D2", ZoneId.of("Australia/Sydney"),
            "D3", ZoneId.of("America/Chicago"), "D4", ZoneId.of("Europe/London"));
    private static final Map<String, String> REGIONS = Map.of("D1", "North", "D2", "South", "D3", "North", "D4", "South");
    private static final int AGREEMENTS = 60;

    record Request(int id, String dealershipId, String agreementId, String body, String key) {
    }

    @Test
    void everyAgreementAndReportEndsExactlyAsTheModelSays() throws Exception {
        long seed = Long.getLong("seed", System.nanoTime());
        String context = "seed=" + seed + " (rerun with -Dseed=" + seed + ")";
        Random random = new Random(seed);
        TestApi api = TestApi.fresh();
        for (String d : DEALERSHIPS) {
            Reply profile = api.send(Caller.national(), "PUT", "/dealerships/" + d + "/profile", null,
                    Map.of("content-type", "application/json"),
                    "{\"timezone\":\"" + ZONES.get(d).getId() + "\",\"region\":\"" + REGIONS.get(d) + "\"}", false);
            assertEquals(201, profile.status(), profile.toString());
        }
        Instant now = Instant.now();
        long span = ChronoUnit.SECONDS.between(START, now);

        List<Request> requests = new ArrayList<>();
        int originals = Integer.getInteger("workload.updates", 10_000);
        for (int i = 0; i < originals; i++) {
            String dealership = DEALERSHIPS.get(random.nextInt(DEALERSHIPS.size()));
            // a few hot agreements get many concurrent updates
            String agreement = "A" + (random.nextInt(5) == 0 ? random.nextInt(3) : random.nextInt(AGREEMENTS));
            String status = STATUSES.get(random.nextInt(STATUSES.size()));
            String at = random.nextInt(10) == 0 ? null : START.plusSeconds((long) (random.nextDouble() * span)).toString();
            String user = random.nextInt(3) == 0 ? "u" + random.nextInt(5) : null;
            String key = random.nextInt(3) == 0 ? "key-" + i : null;
            String body = body(status, at, user);
            requests.add(new Request(i, dealership, agreement, body, key));
            if (key != null && random.nextInt(4) == 0) {
                requests.add(new Request(i, dealership, agreement, body, key)); // a replay, racing or later
            }
            if (key != null && random.nextInt(8) == 0) {
                String other = body(STATUSES.get(random.nextInt(STATUSES.size())), "2025-01-01T00:00:0" + random.nextInt(9) + "Z", "other");
                requests.add(new Request(i, dealership, agreement, other, key)); // key reuse with another body
            }
        }
        Collections.shuffle(requests, random);

        long started = System.nanoTime();
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
            if (r.key() != null) {
                byKey.computeIfAbsent(r.dealershipId() + "/" + r.key(), k -> new ArrayList<>()).add(answer);
                continue;
            }
            assertEquals(201, answer.getValue().status(), context + " " + r + " -> " + answer.getValue());
            acceptInto(model, r, answer.getValue(), context);
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

        long written = System.nanoTime();
        ModelChecks.agreements(api, model, DEALERSHIPS, AGREEMENTS, context);
        long viewed = System.nanoTime();
        Map<String, ZoneId> zones = new HashMap<>(ZONES);
        ModelChecks.reports(api, model, zones, REGIONS, Map.of(),
                ModelChecks.randomRanges(random, LocalDate.of(2024, 1, 1), LocalDate.now(ZoneId.of("Pacific/Kiritimati")).minusDays(2),
                        Integer.getInteger("workload.ranges", 10)),
                now, random, context);
        System.out.printf("model-based suite: %d requests in %.1f s, agreement views checked in %.1f s, reports in %.1f s%n",
                requests.size(), (written - started) / 1e9, (viewed - written) / 1e9, (System.nanoTime() - viewed) / 1e9);
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
