package com.dealerkpi.app;

import com.dealerkpi.app.counts.Verification;
import com.dealerkpi.support.Caller;
import com.dealerkpi.support.KpiModel;
import com.dealerkpi.support.ModelChecks;
import com.dealerkpi.support.Reply;
import com.dealerkpi.support.TargetModel;
import com.dealerkpi.support.TestApi;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
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
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

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
    /** D5 never gets a profile: it is known from its updates only. */
    private static final List<String> DEALERSHIPS = List.of("D1", "D2", "D3", "D4", "D5");
    private static final Map<String, ZoneId> ZONES = Map.of("D1", ZoneId.of("Europe/London"), "D2", ZoneId.of("Australia/Sydney"),
            "D3", ZoneId.of("America/Chicago"), "D4", ZoneId.of("Europe/London"), "D5", ZoneId.of("Europe/London"));
    private static final Map<String, String> REGIONS = Map.of("D1", "North", "D2", "South", "D3", "north ", "D4", "South");
    private static final Map<String, String> BRANDS = Map.of("D1", "Ford", "D2", "Kia", "D3", "FORD", "D4", "Kia");
    /** Dealer groups across regions and brands (D3 is in none), spelled as their profiles spell them. */
    private static final Map<String, String> GROUPS = Map.of("D1", "Owner One", "D2", "owner_one", "D4", "Owner Two");
    private static final Map<String, LocalDate> GO_LIVE = Map.of("D1", LocalDate.of(2024, 3, 10), "D4", LocalDate.of(2025, 1, 1));
    private static final List<String> SCOPES = List.of("national", "regions/North", "regions/south", "brands/Ford", "brands/KIA",
            "groups/OWNER_ONE", "groups/Owner%20Two",
            "dealerships/D1", "dealerships/D2", "dealerships/D3");
    private static final int AGREEMENTS = 60;

    record Request(int id, String dealershipId, String agreementId, String body, String key) {
    }

    @Test
    void everyAgreementAndReportEndsExactlyAsTheModelSays() throws Exception {
        long seed = Long.getLong("seed", System.nanoTime());
        String context = "seed=" + seed + " (rerun with -Dseed=" + seed + ")";
        Random random = new Random(seed);
        TestApi api = TestApi.fresh();
        TargetModel targets = new TargetModel();
        Map<String, TargetModel.Dealer> dealers = new HashMap<>();
        for (String d : DEALERSHIPS) {
            dealers.put(d, new TargetModel.Dealer(d, REGIONS.get(d), BRANDS.get(d), GROUPS.get(d), ZONES.get(d), GO_LIVE.get(d)));
            if (REGIONS.containsKey(d)) {
                Reply profile = api.putJson(Caller.national(), "/dealerships/" + d + "/profile",
                        "{\"timezone\":\"" + ZONES.get(d).getId() + "\",\"region\":\"" + REGIONS.get(d) + "\",\"brand\":\""
                                + BRANDS.get(d) + "\"" + (GROUPS.containsKey(d) ? ",\"group\":\"" + GROUPS.get(d) + "\"" : "")
                                + (GO_LIVE.containsKey(d) ? ",\"goLiveDate\":\"" + GO_LIVE.get(d) + "\"" : "") + "}");
                assertEquals(201, profile.status(), profile.toString());
            }
        }
        changeTargetsAndDatabaseSizes(api, targets, random, context);
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

        int voids = voidsRacingUpdates(api, model, random, context);

        long written = System.nanoTime();
        ModelChecks.agreements(api, model, DEALERSHIPS, AGREEMENTS, context);
        long viewed = System.nanoTime();
        Map<String, ZoneId> zones = new HashMap<>(ZONES);
        Set<String> withProfile = new HashSet<>(REGIONS.keySet());
        ModelChecks.reports(api, model, zones, REGIONS, GROUPS, GO_LIVE, new ModelChecks.Targets(targets, dealers, withProfile),
                ModelChecks.randomRanges(random, LocalDate.of(2024, 1, 1), LocalDate.now(ZoneId.of("Pacific/Kiritimati")).minusDays(2),
                        Integer.getInteger("workload.ranges", 10)),
                Clock.systemUTC(), random, context);
        Verification.Report aggregates = api.verifyAggregates();
        assertEquals(List.of(), aggregates.mismatches(), context + ": every aggregate count equals the recount, with no sweep");
        assertEquals(0, api.stores().counts().pending(), context + ": every change published by its own request");
        assertEquals(0, aggregates.building(), context + ": every dealership's aggregates were complete from the start");
        System.out.printf("model-based suite: %d voids racing updates%n", voids);
        System.out.printf("model-based suite: %d requests in %.1f s, agreement views checked in %.1f s, reports in %.1f s%n",
                requests.size(), (written - started) / 1e9, (viewed - written) / 1e9, (System.nanoTime() - viewed) / 1e9);
    }

    /**
     * Target changes on every kind of scope (spelt in any case) and database size changes, each with an effective
     * month or without one (then it takes effect from the month it was made in, in each dealership's zone).
     */
    private static void changeTargetsAndDatabaseSizes(TestApi api, TargetModel targets, Random random, String context) {
        for (int i = 0; i < 16; i++) {
            String scope = SCOPES.get(random.nextInt(SCOPES.size()));
            String month = random.nextInt(4) == 0 ? null : YearMonth.of(2024, 1).plusMonths(random.nextInt(36)).toString();
            Map<String, Double> values = new HashMap<>();
            Reply reply;
            if (random.nextInt(6) == 0) {
                reply = api.send(Caller.national(), "DELETE", "/targets/" + scope, month == null ? null : "effectiveFrom=" + month,
                        Map.of(), null, false);
                values = null;
            } else {
                StringBuilder body = new StringBuilder("{");
                for (String field : TargetModel.FIELDS) {
                    if (random.nextInt(3) == 0 || (body.length() == 1 && field.equals("soldRate"))) {
                        double value = Math.round((field.equals("contactRatePerMonth") ? 0.01 + random.nextDouble() * 0.06
                                : 0.5 + random.nextDouble() * 0.5) * 1000) / 1000.0;
                        values.put(field, value);
                        body.append(body.length() == 1 ? "" : ",").append('"').append(field).append("\":").append(value);
                    }
                }
                if (month != null) {
                    body.append(",\"effectiveFrom\":\"").append(month).append('"');
                }
                reply = api.putJson(Caller.national(), "/targets/" + scope, body.append('}').toString());
            }
            assertEquals(200, reply.status(), context + " " + reply);
            List<Map<String, Object>> history = reply.list("history");
            if (!history.isEmpty()) {
                Instant at = Instant.parse((String) history.get(history.size() - 1).get("at"));
                targets.target(scope.replace("regions/", "region:").replace("brands/", "brand:").replace("groups/", "group:")
                                .replace("%20", " ").replace("dealerships/", "dealership:"),
                        new TargetModel.Change(month == null ? null : YearMonth.parse(month), at, values));
            }
        }
        for (String d : REGIONS.keySet()) {
            for (int i = 0; i < 1 + random.nextInt(3); i++) {
                String month = random.nextInt(4) == 0 ? null : YearMonth.of(2023, 6).plusMonths(random.nextInt(40)).toString();
                long size = 100 + random.nextInt(2000);
                Reply reply = api.putJson(Caller.national(), "/dealerships/" + d + "/profile", "{\"databaseSize\":" + size
                        + (month == null ? "" : ",\"effectiveFrom\":\"" + month + "\"") + "}");
                assertEquals(200, reply.status(), context + " " + reply);
                List<Map<String, Object>> history = reply.list("history");
                Instant at = Instant.parse((String) history.get(history.size() - 1).get("at"));
                targets.databaseSize(d, new TargetModel.Change(month == null ? null : YearMonth.parse(month), at, Map.of("size", (double) size)));
            }
        }
    }

    /**
     * Voids of accepted updates, some of them twice, racing new updates on the hottest agreements (8 clients):
     * afterwards the voided count nowhere, the rest exactly as the rule says.
     */
    private static int voidsRacingUpdates(TestApi api, KpiModel model, Random random, String context) throws Exception {
        List<KpiModel.Event> accepted = new ArrayList<>();
        model.agreements().values().forEach(accepted::addAll);
        Collections.shuffle(accepted, random);
        List<Callable<Void>> work = new ArrayList<>();
        int voids = 0;
        for (KpiModel.Event event : accepted) {
            boolean hot = event.agreementId().equals("A0") || event.agreementId().equals("A1");
            if (random.nextInt(hot ? 3 : 25) != 0) {
                continue;
            }
            voids++;
            int copies = random.nextInt(5) == 0 ? 2 : 1;
            for (int c = 0; c < copies; c++) {
                work.add(() -> {
                    Reply reply = api.send(Caller.national(), "POST", "/dealerships/" + event.dealershipId() + "/agreements/"
                                    + event.agreementId() + "/updates/" + event.eventId() + "/void", null,
                            Map.of("content-type", "application/json"), "{\"reason\":\"model-based void\"}", false);
                    assertEquals(200, reply.status(), context + " void " + event + " -> " + reply);
                    return null;
                });
            }
            model.voidEvent(event.eventId());
        }
        for (int i = 0; i < 400; i++) {
            String dealership = DEALERSHIPS.get(random.nextInt(DEALERSHIPS.size()));
            String agreement = "A" + random.nextInt(2);
            String status = STATUSES.get(random.nextInt(STATUSES.size()));
            String at = START.plusSeconds(random.nextInt(60_000_000)).toString();
            work.add(() -> {
                Reply reply = api.postJson(Caller.national(), "/dealerships/" + dealership + "/agreements/" + agreement + "/status",
                        body(status, at, null));
                assertEquals(201, reply.status(), context + " " + reply);
                acceptInto(model, new Request(-1, dealership, agreement, body(status, at, null), null), reply, context);
                return null;
            });
        }
        Collections.shuffle(work, random);
        ExecutorService clients = Executors.newFixedThreadPool(8);
        for (Future<Void> done : clients.invokeAll(work)) {
            done.get();
        }
        clients.shutdown();
        return voids;
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
