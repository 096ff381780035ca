package com.dealerkpi.api;

import com.dealerkpi.api.http.Route;
import com.dealerkpi.support.Caller;
import com.dealerkpi.support.Reply;
import com.dealerkpi.support.TestApi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * OWASP API1/API5: for every route of the contract (generated from the route table, so a new route cannot be
 * forgotten) and every kind of caller, the expected status; after every refused call the store is unchanged. OWN is
 * in the dealer group Arnold Clark, OTHER in Lookers, LONE in none.
 */
@Tag("stores")
@Tag("matrix")
class SecurityMatrixTest {
    static final String OWN = "OWN";
    static final String OTHER = "OTHER";
    static final String LONE = "LONE";
    static final String OWN_GROUP = "Arnold Clark";
    private static final Map<String, String> GROUPS = Map.of(OWN, OWN_GROUP, OTHER, "Lookers");
    /** The update each seeded dealership's agreement A1 got (the void route needs a real one). */
    private static final Map<String, String> EVENT_IDS = new java.util.HashMap<>();
    private static TestApi api;

    @BeforeAll
    static void seed() {
        api = TestApi.fresh();
        for (String d : List.of(OWN, OTHER, LONE)) {
            Reply sold = api.postJson(Caller.national(), "/dealerships/" + d + "/agreements/A1/status", "{\"status\":\"Sold\"}");
            assertEquals(201, sold.status());
            EVENT_IDS.put(d, (String) sold.json().get("eventId"));
            String group = GROUPS.containsKey(d) ? ",\"group\":\"" + GROUPS.get(d) + "\"" : "";
            assertEquals(201, api.send(Caller.national(), "PUT", "/dealerships/" + d + "/profile", null,
                    Map.of("content-type", "application/json"), "{\"region\":\"North\",\"brand\":\"Ford\"" + group + "}", false).status());
        }
    }

    /** A valid request for a route, aimed at a dealership (and at its dealer group, or the OWN one's). */
    record Sample(String method, String path, String body) {
    }

    static Sample sample(Route route, String dealershipId) {
        String path = route.path().replace("{dealershipId}", dealershipId).replace("{agreementId}", "A1")
                .replace("{stage}", "sold").replace("{region}", "North").replace("{brand}", "Ford")
                .replace("{group}", GROUPS.getOrDefault(dealershipId, OWN_GROUP).replace(" ", "%20"))
                .replace("{eventId}", EVENT_IDS.getOrDefault(dealershipId, "0190c5a8-0000-7000-8000-000000000000"));
        String body = switch (route.method()) {
            case "GET", "DELETE" -> null;
            case "POST" -> switch (route) {
                case POST_STATUS -> "{\"status\":\"Contacted\"}";
                case VOID_UPDATE -> "{\"reason\":\"set on the wrong agreement\"}";
                default -> throw new AssertionError("no sample body for " + route + ": add one here");
            };
            case "PUT" -> route == Route.PUT_PROFILE ? "{\"name\":\"Renamed\"}" : "{\"soldRate\":0.75}";
            default -> throw new AssertionError("no sample for " + route);
        };
        return new Sample(route.method(), path, body);
    }

    static Reply send(Caller caller, Sample sample, String query, Map<String, String> extraHeaders) {
        Map<String, String> headers = new LinkedHashMap<>(extraHeaders);
        if (sample.body() != null) {
            headers.put("content-type", "application/json");
        }
        return api.send(caller, sample.method(), sample.path(), query, headers, sample.body(), false);
    }

    static List<Caller> malformedClaims() {
        return List.of(
                Caller.withClaims(Map.of()),
                Caller.withClaims(Map.of("custom:role", "national")),                                   // no subject
                Caller.withClaims(Map.of("sub", "u", "custom:role", "superuser")),
                Caller.withClaims(Map.of("sub", "u", "custom:role", "National ")),
                Caller.withClaims(Map.of("sub", "u", "custom:role", "dealer")),                          // no dealership
                Caller.withClaims(Map.of("sub", "u", "custom:role", "dealer", "custom:dealershipId", "OWN#A#A1")),
                Caller.withClaims(Map.of("sub", "u", "custom:dealershipId", "")),
                Caller.withClaims(Map.of("sub", " ", "custom:role", "national")));
    }

    @TestFactory
    List<DynamicTest> everyRouteForEveryKindOfCaller() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Route route : Route.values()) {
            boolean dealershipRoute = route.admitted().contains(com.dealerkpi.domain.access.Caller.Kind.DEALERSHIP);
            tests.add(DynamicTest.dynamicTest(route + " as its own dealership", () ->
                    expect(route, Caller.dealer(OWN), sample(route, OWN), null, Map.of(), dealershipRoute ? 200 : 403)));
            tests.add(DynamicTest.dynamicTest(route + " as another dealership", () ->
                    expect(route, Caller.dealer(OTHER), sample(route, OWN), null, Map.of(), 403)));
            tests.add(DynamicTest.dynamicTest(route + " as national", () ->
                    expect(route, Caller.national(), sample(route, OWN), null, Map.of(), 200)));
            boolean groupRoute = route.admitted().contains(com.dealerkpi.domain.access.Caller.Kind.GROUP);
            tests.add(DynamicTest.dynamicTest(route + " as its own group's managers", () ->
                    expect(route, Caller.groupManager(OWN_GROUP), sample(route, OWN), null, Map.of(), groupRoute ? 200 : 403)));
            tests.add(DynamicTest.dynamicTest(route + " as another group's managers", () ->
                    expect(route, Caller.groupManager("Lookers"), sample(route, OWN), null, Map.of(), 403)));
            tests.add(DynamicTest.dynamicTest(route + " as a group's managers, for a dealership in no group", () ->
                    expect(route, Caller.groupManager(OWN_GROUP), sample(route, LONE), null, Map.of(),
                            groupRoute && !route.path().contains("{dealershipId}") ? 200 : 403)));
            tests.add(DynamicTest.dynamicTest(route + " as a group's managers, widened by a header", () ->
                    expect(route, Caller.groupManager("Lookers"), sample(route, OWN), null,
                            Map.of("x-local-principal", "group:" + OWN_GROUP), 403)));
            tests.add(DynamicTest.dynamicTest(route + " without claims", () ->
                    expect(route, Caller.anonymous(), sample(route, OWN), null, Map.of(), 401)));
            for (Caller malformed : malformedClaims()) {
                tests.add(DynamicTest.dynamicTest(route + " with claims " + malformed.claims(), () ->
                        expect(route, malformed, sample(route, OWN), null, Map.of(), 401)));
            }
            // nothing a caller sends can widen its claims: a header, a query parameter, a body field
            tests.add(DynamicTest.dynamicTest(route + " with X-Local-Principal: national", () ->
                    expect(route, Caller.dealer(OTHER), sample(route, OWN), null, Map.of("x-local-principal", "national"), 403)));
            tests.add(DynamicTest.dynamicTest(route + " with ?role=national", () ->
                    expect(route, Caller.dealer(OTHER), sample(route, OWN), "role=national&dealershipId=" + OTHER, Map.of(), 403)));
            Sample sample = sample(route, OWN);
            if (route.method().equals("GET")) {
                // every format and option goes through the same check (decided before the query is read)
                for (String query : List.of("format=csv", "format=html", "compare=previous", "range=all&sort=sold")) {
                    tests.add(DynamicTest.dynamicTest(route + " as another group's managers, ?" + query, () ->
                            expect(route, Caller.groupManager("Lookers"), sample, query, Map.of(), 403)));
                    tests.add(DynamicTest.dynamicTest(route + " as another dealership, ?" + query, () ->
                            expect(route, Caller.dealer(OTHER), sample, query, Map.of(), 403)));
                }
            }
            if (sample.body() != null) {
                String widened = sample.body().replaceFirst("\\{", "{\"role\":\"national\",\"dealershipId\":\"" + OTHER + "\",");
                tests.add(DynamicTest.dynamicTest(route + " with national-looking body fields", () ->
                        expect(route, Caller.dealer(OTHER), new Sample(sample.method(), sample.path(), widened), null, Map.of(), 403)));
                tests.add(DynamicTest.dynamicTest(route + " with national-looking body fields, own dealership", () ->
                        expect(route, Caller.dealer(OWN), new Sample(sample.method(), sample.path(), widened), null, Map.of(),
                                dealershipRoute ? 400 : 403)));
            }
        }
        return tests;
    }

    private static void expect(Route route, Caller caller, Sample sample, String query, Map<String, String> headers, int expected) {
        var before = api.snapshot();
        Reply reply = send(caller, sample, query, headers);
        if (expected == 200) {
            assertTrue(reply.status() >= 200 && reply.status() < 300, route + " -> " + reply);
            return;
        }
        assertEquals(expected, reply.status(), route + " -> " + reply);
        assertTrue(reply.isProblem(), reply.toString());
        assertEquals(before, api.snapshot(), route + ": a refused call changed the store");
    }
}
