package com.dealerkpi.api;

import com.dealerkpi.support.Caller;
import com.dealerkpi.support.Reply;
import com.dealerkpi.support.TestApi;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Comparison, pace, time to convert and cohorts through the handlers (docs/contract.md, "The KPI report" and "Drill-down, usage, cohorts"), on a fixed
 * "today" of 2026-11-28, for a London dealership (GMT in October's last days and November).
 */
@Tag("stores")
class InsightApiTest {
    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    private static final Caller NATIONAL = Caller.national();
    private static TestApi api;

    @BeforeAll
    static void start() {
        api = TestApi.fresh(Clock.fixed(NOW, ZoneOffset.UTC));
        Reply profile = api.putJson(NATIONAL, "/dealerships/INS/profile",
                "{\"name\":\"Insight Motors\",\"region\":\"Insight\",\"brand\":\"Kia\",\"timezone\":\"Europe/London\"}");
        assertEquals(201, profile.status(), profile.toString());
        // a1: the whole funnel from 1 October, sold on 2 November
        post("a1", "CONTACTED", "2026-10-01T10:00:00Z");
        post("a1", "APPOINTED", "2026-10-03T10:00:00Z");
        post("a1", "ATTENDED", "2026-10-05T10:00:00Z");
        post("a1", "SOLD", "2026-11-02T10:00:00Z");
        // a2: contacted 1 November, sold 5 November (Appointed and Attended back-filled then)
        post("a2", "CONTACTED", "2026-11-01T10:00:00Z");
        post("a2", "SOLD", "2026-11-05T10:00:00Z");
        post("a3", "CONTACTED", "2025-11-10T10:00:00Z");
        post("a4", "CONTACTED", "2026-11-20T10:00:00Z");
    }

    private static void post(String agreement, String status, String at) {
        post("INS", agreement, status, at);
    }

    private static void post(String dealership, String agreement, String status, String at) {
        Reply reply = api.postJson(NATIONAL, "/dealerships/" + dealership + "/agreements/" + agreement + "/status",
                "{\"status\":\"" + status + "\",\"occurredAt\":\"" + at + "\"}");
        assertEquals(201, reply.status(), reply.toString());
    }

    private static Reply get(String pathAndQuery) {
        Reply reply = api.get(NATIONAL, pathAndQuery);
        assertEquals(200, reply.status(), pathAndQuery + " -> " + reply);
        return reply;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> at(Map<String, Object> body, String... path) {
        Map<String, Object> node = body;
        for (String field : path) {
            node = (Map<String, Object>) node.get(field);
        }
        return node;
    }

    private static Map<String, Object> counts(long contacted, long appointed, long attended, long sold) {
        return Map.of("contacted", contacted, "appointed", appointed, "attended", attended, "sold", sold);
    }

    private static Map<String, Object> longs(Map<String, Object> numbers) {
        Map<String, Object> longs = new java.util.HashMap<>();
        numbers.forEach((field, value) -> longs.put(field, ((Number) value).longValue()));
        return longs;
    }

    @Test
    void comparisonWithThePreviousPeriodCountsTheSameNumberOfDaysBefore() {
        Map<String, Object> body = get("/dealerships/INS/kpi?range=mtd&compare=previous").json();
        assertEquals(counts(2, 1, 1, 2), longs(at(body, "counts")));
        assertEquals(Map.of("kind", "custom", "from", "2026-10-04", "to", "2026-10-31", "timezone", "Europe/London"),
                at(body, "comparison", "range"), "28 days ending the day before 1 November");
        assertEquals(counts(0, 0, 1, 0), longs(at(body, "comparison", "counts")), "only a1's Attended on 5 October");
        assertEquals("n/a", at(body, "comparison", "contactToSale").get("label"));
    }

    @Test
    void comparisonWithLastYearCountsTheSameDatesAYearEarlier() {
        Map<String, Object> body = get("/dealerships/INS/kpi?compare=LAST-YEAR").json();
        assertEquals(Map.of("kind", "custom", "from", "2025-01-01", "to", "2025-11-28", "timezone", "Europe/London"),
                at(body, "comparison", "range"));
        assertEquals(counts(1, 0, 0, 0), longs(at(body, "comparison", "counts")));
        assertFalse(get("/dealerships/INS/kpi").json().containsKey("comparison"), "only when asked for");
    }

    @Test
    void paceProjectsTheMonthToItsLastDay() {
        Map<String, Object> pace = at(get("/dealerships/INS/kpi?range=mtd").json(), "pace");
        assertEquals("2026-11-30", pace.get("until"));
        // 2 × 30 days ÷ 28 days
        assertEquals(Map.of("contacted", 2.1, "appointed", 1.1, "attended", 1.1, "sold", 2.1), pace.get("counts"));
        assertFalse(get("/dealerships/INS/kpi?range=last-month").json().containsKey("pace"), "only year and month to date");
        assertEquals("2026-12-31", at(get("/dealerships/INS/kpi?range=ytd").json(), "pace").get("until"));
    }

    @Test
    void timeToConvertIsTheMedianOverTheRangesSales() {
        Map<String, Object> time = at(get("/dealerships/INS/kpi?range=mtd").json(), "timeToConvert");
        // a1: 2, 2, 28 and 32 days; a2: 4, 0, 0 and 4 days (its back-fills share the Sold moment)
        assertEquals(3.0, time.get("contactedToAppointed"));
        assertEquals(1.0, time.get("appointedToAttended"));
        assertEquals(14.0, time.get("attendedToSold"));
        assertEquals(18.0, time.get("contactedToSold"));
        Map<String, Object> none = at(get("/dealerships/INS/kpi?range=last-month").json(), "timeToConvert");
        assertTrue(none.containsKey("contactedToSold") && none.get("contactedToSold") == null, "October had no sale: " + none);
    }

    @Test
    void cohortsFollowEachMonthsContactsToWhereverTheyGot() {
        Map<String, Object> body = get("/dealerships/INS/kpi/cohorts?from=2026-10-01&to=2026-11-28").json();
        assertEquals("INS", body.get("dealershipId"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rows = (List<Map<String, Object>>) body.get("cohorts");
        assertEquals(List.of("2026-10", "2026-11"), rows.stream().map(row -> row.get("month")).toList());
        assertEquals(counts(1, 1, 1, 1), longs(withoutMonth(rows.get(0))), "a1, sold in November, counts in October's cohort");
        assertEquals(counts(2, 1, 1, 1), longs(withoutMonth(rows.get(1))), "a2 sold, a4 only contacted");

        Reply csv = get("/dealerships/INS/kpi/cohorts?from=2026-10-01&to=2026-11-28&format=csv");
        assertEquals("month,contacted,appointed,attended,sold\r\n2026-10,1,1,1,1\r\n2026-11,2,1,1,1\r\n", csv.body());
        Reply html = get("/dealerships/INS/kpi/cohorts?range=ytd&format=html");
        assertTrue(html.contentType().startsWith("text/html") && html.body().contains("Contact cohorts"), html.toString());
    }

    /** A cohort row's four counts (without its month and share). */
    private static Map<String, Object> withoutMonth(Map<String, Object> row) {
        Map<String, Object> counts = new java.util.HashMap<>(row);
        counts.remove("month");
        counts.remove("soldPerContacted");
        return counts;
    }

    @Test
    void aSaleWhoseFirstContactIsYearsOldCountsInFullAndSoDoesAnOldCohortsLaterProgress() {
        Reply profile = api.putJson(NATIONAL, "/dealerships/OLD/profile", "{\"name\":\"Old Motors\",\"timezone\":\"Europe/London\"}");
        assertEquals(201, profile.status(), profile.toString());
        post("OLD", "o1", "CONTACTED", "2024-06-01T10:00:00Z");    // before any window a report looks back over
        post("OLD", "o1", "SOLD", "2026-11-25T10:00:00Z");         // 907 days later; Appointed and Attended back-filled
        post("OLD", "o2", "CONTACTED", "2026-11-20T10:00:00Z");
        post("OLD", "o2", "SOLD", "2026-11-22T10:00:00Z");
        Map<String, Object> time = at(get("/dealerships/OLD/kpi?range=mtd").json(), "timeToConvert");
        assertEquals(454.5, time.get("contactedToSold"), "the median of 907 and 2 days");
        assertEquals(454.5, time.get("contactedToAppointed"));
        assertEquals(0.0, time.get("attendedToSold"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> june = (List<Map<String, Object>>) get("/dealerships/OLD/kpi/cohorts?from=2024-06-01&to=2024-06-30")
                .json().get("cohorts");
        assertEquals(counts(1, 1, 1, 1), longs(withoutMonth(june.get(0))), "sold two and a half years after the contact");
    }

    @Test
    void aRollUpComparesEachDealershipOverItsOwnRange() {
        Map<String, Object> region = get("/regions/Insight/kpi?range=mtd&compare=previous").json();
        assertEquals(counts(0, 0, 1, 0), longs(at(region, "comparison", "counts")));
        assertEquals("previous", at(region, "comparison", "range").get("compareWith"));
        @SuppressWarnings("unchecked")
        Map<String, Object> row = ((List<Map<String, Object>>) region.get("dealerships")).get(0);
        assertEquals("2026-10-04", at(row, "comparison", "range").get("from"));
        assertEquals(at(row, "comparison", "range").get("from"), at(region, "comparison", "range").get("from"));
        assertEquals(at(row, "comparison", "range").get("to"), at(region, "comparison", "range").get("to"));
        assertEquals(at(row, "comparison", "range").get("timezone"), at(region, "comparison", "range").get("timezone"),
                "one dealership: its zone");
        assertFalse(get("/regions/Insight/kpi?range=mtd").json().containsKey("comparison"));
        Map<String, Object> nowhere = get("/regions/Nowhere/kpi?compare=previous").json();
        assertEquals(counts(0, 0, 0, 0), longs(at(nowhere, "comparison", "counts")), "an empty scope compares nothing");
        assertEquals(null, at(nowhere, "comparison", "range").get("from"));
    }

    @Test
    void aBadOrMisplacedCompareIsRefusedAtTheField() {
        for (String query : List.of("compare=yesterday", "compare=previous&format=csv", "compare=last-year&format=html")) {
            Reply reply = api.get(NATIONAL, "/dealerships/INS/kpi?" + query);
            assertEquals(400, reply.status(), query + " -> " + reply);
            assertTrue(reply.isProblem() && reply.body().contains("compare"), query + " -> " + reply);
        }
        assertEquals(400, api.get(NATIONAL, "/dealerships/INS/kpi/cohorts?compare=previous").status(), "cohorts compare nothing");
        assertEquals(400, api.get(NATIONAL, "/kpi?compare=previous&format=csv").status());
    }

    @Test
    void anotherDealershipsCohortsAreForbiddenAndAnUnknownDealershipHasNone() {
        assertEquals(403, api.get(Caller.dealer("OTHER"), "/dealerships/INS/kpi/cohorts").status());
        assertEquals(200, api.get(Caller.dealer("INS"), "/dealerships/INS/kpi/cohorts").status());
        assertEquals(404, api.get(NATIONAL, "/dealerships/NOBODY/kpi/cohorts").status());
    }
}
