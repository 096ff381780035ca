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
        Route.GET_KPI.authorize(staff, Map.of("dealershipId", "D1"));
        assertEquals(403, assertThrows(ApiException.class, () -> Route.GET_KPI.authorize(staff, Map.of("dealershipId", "D2"))).status());
        assertEquals(403, assertThrows(ApiException.class, () -> Route.GET_KPI.authorize(staff, Map.of())).status(),
                "parameters without the dealership (a partial event) refuse a dealership's staff");
        assertEquals(403, assertThrows(ApiException.class, () -> Route.GET_NATIONAL_KPI.authorize(staff, Map.of())).status());
        Route.GET_KPI.authorize(Caller.national("n"), Map.of());
    }

    @Test
    void multiByteCharactersSurviveDecoding() {
        assertEquals("é✓", PathCodec.decode("%C3%A9%E2%9C%93"));
        assertEquals("100%", PathCodec.decode("100%"));
    }
}
