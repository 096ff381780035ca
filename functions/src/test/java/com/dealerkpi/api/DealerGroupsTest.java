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
import static org.junit.jupiter.api.Assertions.assertFalse;
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
    void everyLeagueTableNamesEachDealershipsGroup() {
        Map<String, Object> groups = new java.util.HashMap<>();
        groups.put("AC1", "Arnold Clark");
        groups.put("LK1", "Lookers");
        groups.put("IND", null);
        // a region's and a brand's dealerships come from an index that does not hold the group
        for (String path : List.of("/kpi", "/regions/North/kpi", "/regions/scotland/kpi", "/brands/FORD/kpi")) {
            Reply table = api.get(NATIONAL, path);
            assertEquals(200, table.status(), table.toString());
            assertFalse(table.list("dealerships").isEmpty(), path);
            for (Map<String, Object> row : table.list("dealerships")) {
                if (groups.containsKey(row.get("dealershipId"))) {
                    assertEquals(groups.get(row.get("dealershipId")), row.get("group"), path + " " + row.get("dealershipId"));
                }
            }
        }
    }

    @Test
    void aGroupsManagersReadTheirDealershipsAndNothingElse() {
        for (String path : List.of("/dealerships/AC1/kpi", "/dealerships/AC2/usage", "/dealerships/AC1/kpi/cohorts",
                "/dealerships/AC1/kpi/sold/agreements", "/dealerships/AC1/agreements/A1")) {
            assertEquals(200, api.get(ARNOLD, path).status(), path);
            assertEquals(403, api.get(ARNOLD, path.replace("AC1", "LK1").replace("AC2", "LK1")).status(), path + " of another group");
            assertEquals(403, api.get(ARNOLD, path.replace("AC1", "IND").replace("AC2", "IND")).status(), path + " of no group");
        }
        assertEquals("AC Glasgow", api.get(ARNOLD, "/dealerships/AC1/kpi").json().get("name"),
                "the report names the dealership whose profile its reader may not read");
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
        assertEquals(200, api.get(Caller.withGroups("u", "group-Arnold_Clark", "group-arnold_clark"), "/dealerships/AC1/kpi").status(),
                "one group in two spellings is one group");
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

    /** A read of a dealership's page by one group's managers: when it started and ended, and what it was answered. */
    private record Read(Caller by, long started, long ended, int status) {
    }

    /** A move of the dealership to a group: when it was sent and answered, and whose it is after. */
    private record Move(long sent, long answered, Caller owner) {
    }

    @Test
    void aDealershipThatChangesGroupChangesHandsAtOnceWhileItsPagesAreRead() throws Exception {
        profile("MOV", "{\"name\":\"Moving\",\"group\":\"Arnold Clark\"}");
        post("MOV", "A1", "Sold", "2026-03-02T10:00:00Z");
        Caller lookers = Caller.groupManager("Lookers");
        AtomicBoolean moving = new AtomicBoolean(true);
        java.util.Queue<Read> reads = new java.util.concurrent.ConcurrentLinkedQueue<>();
        List<Move> moves = new ArrayList<>(List.of(new Move(0, 0, ARNOLD)));
        ExecutorService readers = Executors.newFixedThreadPool(4);
        List<Future<?>> running = new ArrayList<>();
        for (Caller reader : List.of(ARNOLD, lookers, ARNOLD, lookers)) {
            running.add(readers.submit(() -> {
                while (moving.get()) {
                    long started = System.nanoTime();
                    int status = api.get(reader, "/dealerships/MOV/kpi").status();
                    reads.add(new Read(reader, started, System.nanoTime(), status));
                }
                return null;
            }));
        }
        try {
            for (int move = 0; move < 10; move++) {
                boolean toLookers = move % 2 == 0;
                Caller from = toLookers ? ARNOLD : lookers;
                Caller to = toLookers ? lookers : ARNOLD;
                long sent = System.nanoTime();
                profile("MOV", "{\"group\":\"" + (toLookers ? "Lookers" : "Arnold Clark") + "\"}");
                moves.add(new Move(sent, System.nanoTime(), to));
                assertEquals(403, api.get(from, "/dealerships/MOV/kpi").status(), "the group it left, at once");
                assertEquals(200, api.get(to, "/dealerships/MOV/kpi").status(), "the group it joined, at once");
                assertTrue(rows(to, toLookers ? "Lookers" : "Arnold%20Clark").contains("MOV"), "in its new group's table");
                assertTrue(!rows(from, toLookers ? "Arnold%20Clark" : "Lookers").contains("MOV"), "out of its old group's table");
            }
        } finally {
            moving.set(false);
            for (Future<?> read : running) {
                read.get();
            }
            readers.shutdown();
        }
        // every read made wholly between one move's answer and the next move's sending saw the owner of that time
        int settled = 0;
        for (Read read : reads) {
            for (int m = 0; m < moves.size(); m++) {
                long until = m + 1 < moves.size() ? moves.get(m + 1).sent() : Long.MAX_VALUE;
                if (read.started() > moves.get(m).answered() && read.ended() < until) {
                    settled++;
                    assertEquals(read.by().equals(moves.get(m).owner()) ? 200 : 403, read.status(),
                            "a read by " + read.by().claims().get("sub") + " after move " + m);
                }
            }
        }
        assertTrue(settled > 0, "some reads fell between moves");

        profile("MOV", "{\"group\":\"\"}");
        assertEquals(403, api.get(ARNOLD, "/dealerships/MOV/kpi").status(), "out of every group");
        assertEquals(403, api.get(lookers, "/dealerships/MOV/kpi").status());
        assertEquals(null, api.get(NATIONAL, "/dealerships/MOV/profile").json().get("group"));
    }

    /** The dealerships of a group's league table, as its own managers see it. */
    private static List<Object> rows(Caller managers, String group) {
        Reply table = api.get(managers, "/groups/" + group + "/kpi");
        assertEquals(200, table.status(), table.toString());
        return table.list("dealerships").stream().map(row -> row.get("dealershipId")).toList();
    }

    @Test
    void aGroupManagersTokenCannotBeWidenedOrBent() {
        var before = api.snapshot();
        assertEquals(403, api.send(ARNOLD, "GET", "/dealerships/LK1/kpi", "role=national&dealershipId=AC1", Map.of(), null, false).status());
        assertEquals(403, api.send(ARNOLD, "GET", "/dealerships/LK1/kpi", null, Map.of("x-local-principal", "group:Lookers"), null, false).status());
        assertEquals(403, api.send(ARNOLD, "PUT", "/dealerships/AC1/profile", null, Map.of("content-type", "application/json"),
                "{\"role\":\"national\",\"group\":\"Arnold Clark\"}", false).status());
        assertEquals(403, api.get(ARNOLD, "/dealerships/" + "a".repeat(1100) + "/kpi").status(), "refused before any read");
        assertEquals(401, api.get(Caller.withClaims(Map.of("sub", "u", "cognito:groups", "group-a dealer-AC1")), "/dealerships/AC1/kpi").status(),
                "an unsplit list is no group's name");
        assertEquals(401, api.get(Caller.withGroups("u", "\"group-Arnold Clark\""), "/dealerships/AC1/kpi").status(),
                "a user pool writes a group's spaces as underscores");
        assertEquals(401, api.get(Caller.withClaims(Map.of("sub", "u", "cognito:groups", "[\"group-Arnold_Clark\"]")),
                "/dealerships/AC1/kpi").status(), "a name with quotes is no dealer group's (the authorizer never quotes them)");
        assertEquals(200, api.get(Caller.withClaims(Map.of("sub", "u", "cognito:groups", "group-Arnold_Clark")),
                "/dealerships/AC2/kpi").status(), "one name");
        assertEquals(403, api.get(Caller.withClaims(Map.of("sub", "u", "custom:role", "dealer", "custom:dealershipId", "LK1",
                "cognito:groups", "[group-Arnold_Clark]")), "/dealerships/AC1/kpi").status(), "the role claims decide: dealer LK1");
        assertEquals(before, api.snapshot());
    }

    private static void put(String path, String body) {
        Reply reply = api.send(NATIONAL, "PUT", path, null, Map.of("content-type", "application/json"), body, false);
        assertEquals(200, reply.status(), reply.toString());
    }
}
