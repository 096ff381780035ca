package com.dealerkpi.api;

import com.dealerkpi.support.Caller;
import com.dealerkpi.support.Reply;
import com.dealerkpi.support.TestApi;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Dealer groups: a group's managers see their group's league table and its dealerships, nothing of anyone else's;
 * group targets sit between the dealership's and its brand's; a dealership that changes group changes hands at once.
 */
@Tag("stores")
class DealerGroupsTest {
    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    private static final Caller NATIONAL = Caller.national();
    private static final Caller ARNOLD = Caller.groupManager("Arnold Clark");
    private static TestApi api;

    @BeforeAll
    static void start() {
        api = TestApi.fresh(Clock.fixed(NOW, ZoneOffset.UTC));
        profile("AC1", "{\"name\":\"AC Glasgow\",\"region\":\"Scotland\",\"brand\":\"Ford\",\"group\":\"Arnold Clark\",\"timezone\":\"Europe/London\"}");
        profile("AC2", "{\"name\":\"AC Sydney\",\"region\":\"South\",\"brand\":\"Kia\",\"group\":\"arnold clark \",\"timezone\":\"Australia/Sydney\"}");
        profile("LK1", "{\"name\":\"Lookers Leeds\",\"region\":\"North\",\"brand\":\"Ford\",\"group\":\"Lookers\"}");
        profile("IND", "{\"name\":\"Independent\",\"region\":\"North\",\"brand\":\"Ford\"}");
        for (String d : List.of("AC1", "AC2", "LK1", "IND")) {
            post(d, "A1", "Sold", "2026-03-02T10:00:00Z");
            post(d, "A2", "Contacted", "2026-04-02T10:00:00Z");
        }
        post("AC2", "A3", "Attended", "2026-05-02T23:30:00Z");
    }

    private static Reply profile(String dealership, String body) {
        Reply reply = api.send(NATIONAL, "PUT", "/dealerships/" + dealership + "/profile", null,
                Map.of("content-type", "application/json"), body, false);
        assertTrue(reply.status() == 201 || reply.status() == 200, reply.toString());
        return reply;
    }

    private static void post(String dealership, String agreement, String status, String at) {
        Reply reply = api.postJson(NATIONAL, "/dealerships/" + dealership + "/agreements/" + agreement + "/status",
                "{\"status\":\"" + status + "\",\"occurredAt\":\"" + at + "\"}");
        assertEquals(201, reply.status(), reply.toString());
    }

    @SuppressWarnings("unchecked")
    private static long count(Reply reply, String stage) {
        return ((Number) ((Map<String, Object>) reply.json().get("counts")).get(stage)).longValue();
    }

    @Test
    void aGroupsLeagueTableIsTheSumOfItsOwnDealershipsOnly() {
        Reply group = api.get(ARNOLD, "/groups/ARNOLD%20CLARK/kpi?range=ytd&sort=sold");
        assertEquals(200, group.status(), group.toString());
        assertEquals("group:Arnold Clark", group.json().get("scope"), "named by the spelling most profiles use");
        assertEquals(List.of("AC1", "AC2"), group.list("dealerships").stream().map(r -> r.get("dealershipId")).sorted().toList());
        assertEquals(List.of("Arnold Clark", "arnold clark"), group.list("dealerships").stream().map(r -> r.get("group")).sorted().toList());
        for (String stage : List.of("contacted", "appointed", "attended", "sold")) {
            long sum = count(api.get(ARNOLD, "/dealerships/AC1/kpi?range=ytd"), stage)
                    + count(api.get(ARNOLD, "/dealerships/AC2/kpi?range=ytd"), stage);
            assertEquals(sum, count(group, stage), stage);
        }
        assertEquals(count(group, "contacted"), count(api.get(NATIONAL, "/groups/arnold_clark/kpi?range=ytd"), "contacted"),
                "national sees the same table, the group spelled as its user pool spells it");
        assertEquals(200, api.get(ARNOLD, "/groups/Arnold_Clark/kpi?format=csv").status());
    }

    @Test
    void aGroupsManagersReadTheirDealershipsAndNothingElse() {
        for (String path : List.of("/dealerships/AC1/kpi", "/dealerships/AC2/usage", "/dealerships/AC1/kpi/cohorts",
                "/dealerships/AC1/kpi/sold/agreements", "/dealerships/AC1/agreements/A1")) {
            assertEquals(200, api.get(ARNOLD, path).status(), path);
            assertEquals(403, api.get(ARNOLD, path.replace("AC1", "LK1").replace("AC2", "LK1")).status(), path + " of another group");
            assertEquals(403, api.get(ARNOLD, path.replace("AC1", "IND").replace("AC2", "IND")).status(), path + " of no group");
        }
        for (String path : List.of("/groups/Lookers/kpi", "/kpi", "/regions/North/kpi", "/brands/Ford/kpi", "/groups",
                "/regions", "/brands", "/dealerships/AC1/profile", "/targets/groups/Arnold%20Clark", "/admin/aggregates")) {
            assertEquals(403, api.get(ARNOLD, path).status(), path);
        }
        var before = api.snapshot();
        assertEquals(403, api.postJson(ARNOLD, "/dealerships/AC1/agreements/A9/status", "{\"status\":\"Sold\"}").status());
        assertEquals(403, api.send(ARNOLD, "PUT", "/targets/groups/Arnold%20Clark", null, Map.of("content-type", "application/json"),
                "{\"soldRate\":0.9}", false).status());
        assertEquals(before, api.snapshot(), "a refused write changes nothing");
    }

    @Test
    void tokensThatNameSeveralPlacesOrNoValidGroupAreRefused() {
        assertEquals(403, api.get(Caller.withGroups("u", "group-Arnold_Clark", "group-Lookers"), "/dealerships/AC1/kpi").status());
        assertEquals(403, api.get(Caller.withGroups("u", "group-Arnold_Clark", "dealer-AC1"), "/dealerships/AC1/kpi").status());
        assertEquals(401, api.get(Caller.withGroups("u", "group-"), "/dealerships/AC1/kpi").status());
        assertEquals(401, api.get(Caller.withGroups("u", "group-a#b"), "/dealerships/AC1/kpi").status());
        assertEquals(200, api.get(Caller.withGroups("u", "national", "group-Lookers"), "/kpi").status(), "national wins");
    }

    @Test
    void nationalListsGroupsAndGroupTargetsSitBetweenTheDealershipsAndItsBrands() {
        Reply groups = api.get(NATIONAL, "/groups");
        assertEquals(200, groups.status());
        assertTrue(groups.body().startsWith("[{\"name\":\"Arnold Clark\",\"dealerships\":2},{\"name\":\"Lookers\",\"dealerships\":1}"),
                groups.body());
        put("/targets/brands/Ford", "{\"soldRate\":0.5,\"attendedRate\":0.5}");
        put("/targets/groups/Arnold_Clark", "{\"soldRate\":0.6,\"appointedRate\":0.6}");
        put("/targets/dealerships/AC1", "{\"appointedRate\":0.7}");
        Map<String, Object> sources = api.get(NATIONAL, "/dealerships/AC1/kpi").map("targets");
        assertEquals(Map.of("contactRatePerMonth", "default", "appointedRate", "dealership:AC1", "attendedRate", "brand:Ford",
                "soldRate", "group:Arnold Clark"), sources.get("source"));
        Reply stored = api.get(NATIONAL, "/targets/groups/arnold%20clark");
        assertEquals("group:arnold clark", stored.json().get("scope"));
        assertEquals(Map.of("soldRate", 0.6, "appointedRate", 0.6), stored.json().get("override"));
        for (String path : List.of("/targets/brands/Ford", "/targets/groups/Arnold_Clark", "/targets/dealerships/AC1")) {
            assertEquals(200, api.send(NATIONAL, "DELETE", path, null, Map.of(), null, false).status());
        }
    }

    @Test
    void aDealershipThatChangesGroupChangesHandsAtOnceWhileItsPagesAreRead() throws Exception {
        profile("MOV", "{\"name\":\"Moving\",\"group\":\"Arnold Clark\"}");
        post("MOV", "A1", "Sold", "2026-03-02T10:00:00Z");
        Caller lookers = Caller.groupManager("Lookers");
        AtomicBoolean moving = new AtomicBoolean(true);
        ExecutorService readers = Executors.newFixedThreadPool(4);
        List<Future<?>> reads = new ArrayList<>();
        for (Caller reader : List.of(ARNOLD, lookers, ARNOLD, lookers)) {
            reads.add(readers.submit(() -> {
                while (moving.get()) {
                    int status = api.get(reader, "/dealerships/MOV/kpi").status();
                    assertTrue(status == 200 || status == 403, "only ever allowed or refused: " + status);
                }
                return null;
            }));
        }
        try {
            for (int move = 0; move < 10; move++) {
                String to = move % 2 == 0 ? "Lookers" : "Arnold Clark";
                Caller from = move % 2 == 0 ? ARNOLD : lookers;
                Caller now = move % 2 == 0 ? lookers : ARNOLD;
                profile("MOV", "{\"group\":\"" + to + "\"}");
                assertEquals(403, api.get(from, "/dealerships/MOV/kpi").status(), "the group it left, at once");
                assertEquals(200, api.get(now, "/dealerships/MOV/kpi").status(), "the group it joined, at once");
                assertEquals(move % 2 == 0, api.get(now, "/groups/Lookers/kpi").status() == 200
                        && api.get(lookers, "/groups/Lookers/kpi").list("dealerships").stream().anyMatch(r -> "MOV".equals(r.get("dealershipId"))));
            }
            profile("MOV", "{\"group\":\"\"}");
            assertEquals(403, api.get(ARNOLD, "/dealerships/MOV/kpi").status(), "out of every group");
            assertEquals(403, api.get(lookers, "/dealerships/MOV/kpi").status());
            assertEquals(null, api.get(NATIONAL, "/dealerships/MOV/profile").json().get("group"));
        } finally {
            moving.set(false);
            for (Future<?> read : reads) {
                read.get();
            }
            readers.shutdown();
        }
    }

    private static void put(String path, String body) {
        Reply reply = api.send(NATIONAL, "PUT", path, null, Map.of("content-type", "application/json"), body, false);
        assertEquals(200, reply.status(), reply.toString());
    }
}
