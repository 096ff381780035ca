package com.dealerkpi.api.auth;

import com.dealerkpi.support.Caller;
import com.dealerkpi.support.Reply;
import com.dealerkpi.support.TestApi;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Callers identified by their groups, as a Cognito access token (no custom attributes) reaches the API: national
 * management by the national group, a dealership's staff by exactly one dealer-&lt;id&gt; group.
 */
class GroupIdentityTest {
    private static final String STATUS = "{\"status\":\"Sold\",\"occurredAt\":\"2026-03-01T10:00:00Z\"}";

    private final TestApi api = TestApi.fresh();

    @Test
    void theNationalGroupIsNationalManagement() {
        Caller national = Caller.withGroups("n-1", "national");
        assertEquals(200, api.putJson(national, "/targets/national", "{\"soldRate\":0.75}").status());
        assertEquals(201, api.postJson(national, "/dealerships/D7/agreements/A1/status", STATUS).status());
        assertEquals(200, api.get(national, "/kpi").status());
    }

    @Test
    void aDealerGroupIsThatDealershipOnly() {
        Caller dealer = Caller.withGroups("d-1", "dealer-D1");
        assertEquals(201, api.postJson(dealer, "/dealerships/D1/agreements/A1/status", STATUS).status());
        assertEquals(200, api.get(dealer, "/dealerships/D1/kpi").status());
        assertProblem(403, api.postJson(dealer, "/dealerships/D2/agreements/A1/status", STATUS));
        assertProblem(403, api.get(dealer, "/dealerships/D2/kpi"));
        assertProblem(403, api.putJson(dealer, "/targets/national", "{\"soldRate\":0.1}"));
        assertProblem(403, api.get(dealer, "/kpi"));
    }

    @Test
    void twoDealershipsGroupsAreRefusedEvenForEither() {
        Caller both = Caller.withGroups("d-2", "dealer-D1", "dealer-D2");
        Reply refused = api.get(both, "/dealerships/D1/kpi");
        assertProblem(403, refused);
        assertTrue(refused.json().get("detail").toString().contains("several dealerships"), refused.toString());
        Object before = api.snapshot();
        assertProblem(403, api.postJson(both, "/dealerships/D1/agreements/A1/status", STATUS));
        assertEquals(before, api.snapshot(), "a refused update changes nothing");
    }

    @Test
    void theNationalGroupWinsOverDealerGroups() {
        assertEquals(200, api.putJson(Caller.withGroups("n-2", "dealer-D1", "national"), "/targets/national",
                "{\"soldRate\":0.75}").status());
    }

    @Test
    void groupsThatNameNoRoleOrNoValidDealershipAreNoIdentity() {
        for (Caller caller : List.of(Caller.withGroups("x", "admins", "staff"), Caller.withGroups("x"),
                Caller.withGroups("x", "dealer-"), Caller.withGroups("x", "dealer-D/1"), Caller.withGroups("x", "National"))) {
            assertProblem(401, api.get(caller, "/dealerships/D1/kpi"));
        }
    }

    @Test
    void aUserPoolGroupWhoseNameHoldsACommaOrAQuoteIsOneGroupNeverTwo() {
        // a user pool's group names may hold commas and quotes; the authorizer separates a list's names by spaces
        for (String claim : List.of("[group-Lookers,national]", "[\"national\"]", "[group-Smith,Jones]", "[dealer-D1,national]")) {
            assertProblem(401, api.get(Caller.withClaims(Map.of("sub", "x", "cognito:groups", claim)), "/kpi"));
        }
        assertEquals(Set.of("group-Lookers,national"), Authorizer.groups("[group-Lookers,national]"));
    }

    @Test
    void aTokenWhoseAttributesAndGroupsNameDifferentCallersIsRefused() {
        // an ID token carries the custom attributes and the groups; the access token of the same user, the groups
        for (List<String> disagreeing : List.of(List.of("dealer", "D1", "national"), List.of("national", "", "group-Lookers"),
                List.of("dealer", "D9", "group-Lookers"), List.of("dealer", "D1", "dealer-D2"))) {
            Caller idToken = idToken(disagreeing.get(0), disagreeing.get(1), disagreeing.get(2));
            assertProblem(403, api.get(idToken, "/kpi"));
            assertProblem(403, api.get(idToken, "/dealerships/D1/kpi"));
            assertProblem(403, api.get(idToken, "/dealerships/D9/kpi"));
        }
        Reply several = api.get(idToken("dealer", "D1", "dealer-D1 dealer-D2"), "/dealerships/D1/kpi");
        assertProblem(403, several);
        assertTrue(several.json().get("detail").toString().contains("different callers"), several.toString());
        assertEquals(200, api.get(idToken("national", "", "national"), "/kpi").status(), "they agree");
        assertEquals(404, api.get(idToken("dealer", "D1", "dealer-D1"), "/dealerships/D1/kpi").status(),
                "they agree: a dealer of D1 (no data yet)");
        assertEquals(404, api.get(idToken("dealer", "D1", "admins"), "/dealerships/D1/kpi").status(),
                "groups that name no caller leave the attributes to decide");
    }

    private static Caller idToken(String role, String dealershipId, String groups) {
        Map<String, String> claims = new java.util.LinkedHashMap<>(Caller.withGroups("id-token", groups).claims());
        claims.put("custom:role", role);
        if (!dealershipId.isEmpty()) {
            claims.put("custom:dealershipId", dealershipId);
        }
        return Caller.withClaims(claims);
    }

    @Test
    void groupsAreReadInEveryShapeTheyArrive() {
        assertEquals(Set.of("national", "dealer-D1"), Authorizer.groups("[national dealer-D1]"));
        assertEquals(Set.of("national", "dealer-D1"), Authorizer.groups("national, dealer-D1"));
        assertEquals(Set.of("dealer-D1"), Authorizer.groups("dealer-D1"));
        assertEquals(Set.of(), Authorizer.groups("[]"));
    }

    private static void assertProblem(int status, Reply reply) {
        assertEquals(status, reply.status(), reply.toString());
        assertTrue(reply.isProblem(), reply.toString());
    }
}
