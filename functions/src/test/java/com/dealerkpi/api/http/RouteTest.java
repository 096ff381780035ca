package com.dealerkpi.api.http;

import com.dealerkpi.domain.access.Caller;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RouteTest {

    @Test
    void findsTheRouteAndDecodesItsParameters() {
        Route.Matched m = Route.find("POST", "/dealerships/D%2D1/agreements/A+1%20x/status").orElseThrow();
        assertEquals(Route.POST_STATUS, m.route());
        assertEquals(Map.of("dealershipId", "D-1", "agreementId", "A+1 x"), m.pathParameters());
    }

    @Test
    void methodAndShapeMustMatch() {
        assertTrue(Route.find("GET", "/dealerships/D1/agreements/A1/status").isEmpty());
        assertTrue(Route.find("POST", "/dealerships/D1/agreements/A1/status/").isEmpty());
        assertTrue(Route.find("GET", "/dealerships//agreements/A1").isEmpty());
        assertEquals(Route.GET_AGREEMENT, Route.find("GET", "/dealerships/D1/agreements/A1").orElseThrow().route());
    }

    @Test
    void routeKeysAreApiGatewayStyle() {
        assertEquals("POST /dealerships/{dealershipId}/agreements/{agreementId}/status", Route.POST_STATUS.routeKey());
        assertEquals(Route.POST_STATUS, Route.byRouteKey(Route.POST_STATUS.routeKey()).orElseThrow());
    }

    @Test
    void authorizationFailsClosedWhenThePathNamesNoDealership() {
        Caller staff = Caller.dealership("staff", "D1");
        Route.GET_KPI.authorize(staff, Map.of("dealershipId", "D1"), NO_GROUPS);
        assertEquals(403, assertThrows(ApiException.class, () -> Route.GET_KPI.authorize(staff, Map.of("dealershipId", "D2"), NO_GROUPS)).status());
        assertEquals(403, assertThrows(ApiException.class, () -> Route.GET_KPI.authorize(staff, Map.of(), NO_GROUPS)).status(),
                "parameters without the dealership (a partial event) refuse a dealership's staff");
        assertEquals(403, assertThrows(ApiException.class, () -> Route.GET_NATIONAL_KPI.authorize(staff, Map.of(), NO_GROUPS)).status());
        Route.GET_KPI.authorize(Caller.national("n"), Map.of(), NO_GROUPS);
    }

    private static final Caller.GroupOf NO_GROUPS = Caller.GroupOf.NONE;

    @Test
    void aGroupsManagersReachTheirGroupAndItsDealershipsAsTheProfilesSayNow() {
        Caller managers = Caller.group("m", "Arnold_Clark");
        Map<String, String> groups = new java.util.HashMap<>(Map.of("D1", "Arnold Clark", "D2", "Lookers"));
        Caller.GroupOf now = id -> java.util.Optional.ofNullable(groups.get(id));
        Route.GET_KPI.authorize(managers, Map.of("dealershipId", "D1"), now);
        Route.GET_GROUP_KPI.authorize(managers, Map.of("group", "arnold clark"), now);
        assertEquals(403, assertThrows(ApiException.class, () -> Route.GET_KPI.authorize(managers, Map.of("dealershipId", "D2"), now)).status());
        assertEquals(403, assertThrows(ApiException.class, () -> Route.GET_KPI.authorize(managers, Map.of("dealershipId", "D3"), now)).status(),
                "a dealership in no group");
        assertEquals(403, assertThrows(ApiException.class, () -> Route.GET_KPI.authorize(managers, Map.of(), now)).status());
        assertEquals(403, assertThrows(ApiException.class, () -> Route.GET_GROUP_KPI.authorize(managers, Map.of("group", "Lookers"), now)).status());
        assertEquals(403, assertThrows(ApiException.class, () -> Route.GET_GROUP_KPI.authorize(managers, Map.of(), now)).status(),
                "a partial event naming no group");
        assertEquals(403, assertThrows(ApiException.class, () -> Route.POST_STATUS.authorize(managers, Map.of("dealershipId", "D1"), now)).status(),
                "no writes");
        groups.put("D1", "Lookers");
        assertEquals(403, assertThrows(ApiException.class, () -> Route.GET_KPI.authorize(managers, Map.of("dealershipId", "D1"), now)).status(),
                "a dealership moved out of the group is out of reach at once");
    }

    @Test
    void multiByteCharactersSurviveDecoding() {
        assertEquals("é✓", PathCodec.decode("%C3%A9%E2%9C%93"));
        assertEquals("100%", PathCodec.decode("100%"));
    }
}
