package com.dealerkpi.lambda;

import com.dealerkpi.api.http.FunctionHandler;
import com.dealerkpi.api.http.HttpApiEvents;
import com.dealerkpi.lambda.priming.Priming;
import com.dealerkpi.lambda.priming.PrimingRequests;
import com.dealerkpi.support.TestBackend;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Priming warms only what its requests reach: each must get past routing, identity and validation to the endpoint
 * it is meant for (here on stores that let writes through, so the answers are the ordinary ones; in Lambda the
 * write guard turns every write into a failed condition).
 */
@Tag("stores")
class PrimingRequestsTest {
    private final Wiring wiring = Wiring.local(Config.from(Map.of()), TestBackend.current().fresh(Clock.systemUTC()), Clock.systemUTC());
    private final PrimingRequests requests = new PrimingRequests(wiring.config().claimNames());

    @Test
    void statusRequestsReachTheWritePathsTheVoidAndValidation() {
        assertEquals(List.of(201, 201, 404, 400), statuses(wiring.statusHandler(Priming.SILENT), requests.status()));
    }

    @Test
    void reportRequestsReachEachReport() {
        assertEquals(List.of(200, 200, 404, 200, 200, 400), statuses(wiring.reportHandler(Priming.SILENT),
                withStatusUpdateFirst(requests.reports())));
    }

    @Test
    void settingsRequestsReachTargetsAndProfiles() {
        assertEquals(List.of(200, 200, 201, 200, 400), statuses(wiring.adminHandler(Priming.SILENT), requests.settings()));
    }

    @Test
    void theReportsOfTheUnusedDealershipRenderWithoutIt() {
        wiring.reportHandler(Priming.SILENT).primeReports(PrimingRequests.DEALERSHIP);
    }

    /** With one update of the priming dealership stored, its reports answer 200 as a real dealership's do. */
    private List<String> withStatusUpdateFirst(List<String> reports) {
        statuses(wiring.statusHandler(Priming.SILENT), requests.status().subList(0, 1));
        return reports;
    }

    private static List<Integer> statuses(FunctionHandler handler, List<String> events) {
        List<Integer> statuses = new ArrayList<>();
        for (String event : events) {
            statuses.add(handler.handleRequest(HttpApiEvents.read(event.getBytes(StandardCharsets.UTF_8)), null).getStatusCode());
        }
        return statuses;
    }
}
