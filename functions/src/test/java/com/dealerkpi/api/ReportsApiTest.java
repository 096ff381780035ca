package com.dealerkpi.api;

import com.dealerkpi.api.views.KpiCsv;
import com.dealerkpi.support.Caller;
import com.dealerkpi.support.Reply;
import com.dealerkpi.support.TestApi;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** KPI, drill-down, usage, profile, targets and roll-ups through the handlers, on a fixed "today" (2026-11-28). */
@Tag("stores")
class ReportsApiTest {
    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    private static final Caller NATIONAL = Caller.national();
    private static TestApi api;

    @BeforeAll
    static void start() {
        api = TestApi.fresh(Clock.fixed(NOW, ZoneOffset.UTC));
        profile("LON", "{\"name\":\"London Ford\",\"region\":\"South\",\"brand\":\"Ford\",\"timezone\":\"Europe/London\",\"databaseSize\":1000,\"effectiveFrom\":\"2020-01\"}");
        profile("SYD", "{\"name\":\"Sydney Kia\",\"region\":\"South\",\"brand\":\"Kia\",\"timezone\":\"Australia/Sydney\",\"databaseSize\":500,\"effectiveFrom\":\"2020-01\"}");
        profile("NYC", "{\"name\":\"NY Ford\",\"region\":\"East\",\"brand\":\"Ford\",\"timezone\":\"America/New_York\"}");
    }

    private static void profile(String dealership, String body) {
        Reply reply = api.send(NATIONAL, "PUT", "/dealerships/" + dealership + "/profile", null,
                Map.of("content-type", "application/json"), body, false);
        assertTrue(reply.status() == 201 || reply.status() == 200, reply.toString());
    }

    private static void post(String dealership, String agreement, String status, String at) {
        Reply reply = api.postJson(NATIONAL, "/dealerships/" + dealership + "/agreements/" + agreement + "/status",
                "{\"status\":\"" + status + "\",\"occurredAt\":\"" + at + "\"}");
        assertEquals(201, reply.status(), reply.toString());
    }

    private static Reply kpi(String dealership, String query) {
        return api.get(NATIONAL, "/dealerships/" + dealership + "/kpi" + (query.isEmpty() ? "" : "?" + query));
    }

    @SuppressWarnings("unchecked")
    private static long count(Reply reply, String stage) {
        return ((Number) ((Map<String, Object>) reply.json().get("counts")).get(stage)).longValue();
    }

    @Test
    void localDaysFollowEachDealershipsZoneAcrossDst() {
        // London springs forward on 2026-03-29 (23-hour day)
        post("LON", "dst-1", "CONTACTED", "2026-03-29T00:00:00Z");   // 00:00 GMT, the 29th: in
        post("LON", "dst-2", "CONTACTED", "2026-03-29T22:59:59Z");   // 23:59:59 BST, the 29th: in
        post("LON", "dst-3", "CONTACTED", "2026-03-29T23:00:00Z");   // 00:00 BST, the 30th: out
        post("LON", "dst-4", "CONTACTED", "2026-03-28T23:59:59Z");   // the 28th: out
        assertEquals(2, count(kpi("LON", "from=2026-03-29&to=2026-03-29"), "contacted"));
        // Sydney leaves daylight saving on 2026-04-05 (25-hour day)
        post("SYD", "dst-1", "CONTACTED", "2026-04-04T13:00:00Z");   // 00:00 AEDT, the 5th: in
        post("SYD", "dst-2", "CONTACTED", "2026-04-05T13:59:59Z");   // 23:59:59 AEST, the 5th: in
        post("SYD", "dst-3", "CONTACTED", "2026-04-05T14:00:00Z");   // the 6th: out
        post("SYD", "dst-4", "CONTACTED", "2026-04-04T12:59:59Z");   // the 4th: out
        Reply sydney = kpi("SYD", "from=2026-04-05&to=2026-04-05");
        assertEquals(2, count(sydney, "contacted"));
        assertEquals("Australia/Sydney", sydney.map("range").get("timezone"));
        assertEquals(4, count(kpi("SYD", "from=2026-04-04&to=2026-04-06"), "contacted"));
    }

    @Test
    void theMonthlySeriesKnowsLeapYearsAndMonthEnds() {
        post("LON", "leap-1", "SOLD", "2024-01-31T00:00:00Z");
        post("LON", "leap-2", "SOLD", "2024-02-29T12:00:00Z");
        post("LON", "leap-3", "CONTACTED", "2024-03-01T23:59:59Z");
        post("LON", "leap-4", "CONTACTED", "2024-03-02T00:00:00Z");
        Reply reply = kpi("LON", "from=2024-01-31&to=2024-03-01");
        List<Map<String, Object>> monthly = reply.list("monthly");
        assertEquals(List.of("2024-01", "2024-02", "2024-03"), monthly.stream().map(m -> m.get("month")).toList());
        assertEquals(List.of(1L, 1L, 1L), monthly.stream().map(m -> ((Number) m.get("contacted")).longValue()).toList());
        assertEquals(List.of(1L, 1L, 0L), monthly.stream().map(m -> ((Number) m.get("sold")).longValue()).toList());
        assertEquals(1.0, monthly.get(0).get("contactToSale"));
        assertNull(monthly.get(2).get("contactToSale"));
        @SuppressWarnings("unchecked")
        Map<String, Object> targetCounts = (Map<String, Object>) reply.map("targets").get("counts");
        double rate = ((Number) reply.map("targets").get("contactRatePerMonth")).doubleValue();
        double contacted = 1000 * rate * (1 / 31.0 + 29 / 29.0 + 1 / 31.0);
        assertEquals(Math.round(contacted * 10) / 10.0, targetCounts.get("contacted"));
    }

    @Test
    void anEmptyDealershipHasZerosNullRatiosAndSaysWhatIsMissing() {
        profile("EMPTY", "{\"name\":\"New Dealer\"}");
        Reply reply = kpi("EMPTY", "");
        assertEquals(200, reply.status());
        assertEquals(Map.of("kind", "ytd", "from", "2026-01-01", "to", "2026-11-28", "timezone", "Europe/London"), reply.map("range"));
        assertEquals(Map.of("contacted", 0L, "appointed", 0L, "attended", 0L, "sold", 0L),
                toLongs(reply.map("counts")));
        assertNull(reply.map("contactToSale").get("ratio"));
        assertEquals("n/a", reply.map("contactToSale").get("label"));
        assertNull(reply.map("rates").get("appointedPerContacted"));
        assertNull(reply.map("targets").get("counts"));
        assertEquals(11, reply.list("monthly").size());
        assertTrue(((List<?>) reply.json().get("notes")).get(0).toString().contains("databaseSize"));
    }

    @Test
    void aSizeRestatedForThisMonthOutlastsALaterBackDatedChange() {
        profile("RESTATE", "{\"timezone\":\"Europe/London\",\"databaseSize\":1000,\"effectiveFrom\":\"2024-01\"}");
        profile("RESTATE", "{\"databaseSize\":1000}");
        profile("RESTATE", "{\"databaseSize\":2000,\"effectiveFrom\":\"2025-01\"}");
        // this month was stated explicitly (as 1000) after 2024-01 and before the back-dated 2025-01 change
        assertEquals(1000, ((Number) kpi("RESTATE", "range=mtd").map("targets").get("databaseSize")).intValue());
        Reply profile = api.get(NATIONAL, "/dealerships/RESTATE/profile");
        assertEquals(3, profile.list("history").size(), profile.toString());
    }

    @Test
    void aDealershipWithNeitherProfileNorUpdateIsUnknown() {
        for (String path : List.of("/dealerships/NOBODY/kpi", "/dealerships/NOBODY/usage", "/dealerships/NOBODY/kpi/sold/agreements")) {
            Reply reply = api.get(NATIONAL, path);
            assertEquals(404, reply.status(), path);
            assertTrue(reply.isProblem());
        }
        post("UPDATES-ONLY", "a1", "CONTACTED", "2026-05-01T10:00:00Z");
        Reply known = kpi("UPDATES-ONLY", "");
        assertEquals(200, known.status(), "an accepted update makes a dealership known");
        assertTrue(known.json().containsKey("name") && known.json().get("name") == null, "no profile: no name, and the field says so");
    }

    @Test
    void aRangeThatCutsOffEarlierContactExplainsItself() {
        post("NYC", "season-1", "CONTACTED", "2026-09-10T15:00:00Z");
        post("NYC", "season-1", "SOLD", "2026-10-10T15:00:00Z");
        Reply lastMonth = kpi("NYC", "range=last-month");
        assertEquals(0, count(lastMonth, "contacted"));
        assertEquals(1, count(lastMonth, "sold"));
        List<?> notes = (List<?>) lastMonth.json().get("notes");
        assertTrue(notes.get(0).toString().startsWith("Appointed (1) is higher than Contacted (0)."), notes.toString());
        Reply all = kpi("NYC", "range=all");
        assertEquals("2026-09-10", all.map("range").get("from"), "all-time starts at the first milestone without go-live");
        assertEquals(count(all, "contacted"), count(all, "sold"));
        assertTrue(((List<?>) all.json().get("notes")).stream().noneMatch(n -> n.toString().contains("higher")));
    }

    @Test
    void csvParsesBackToTheSameNumbers() {
        Reply json = kpi("LON", "range=all");
        Reply csv = kpi("LON", "range=all&format=csv");
        assertEquals(200, csv.status());
        assertTrue(csv.contentType().startsWith("text/csv"));
        String[] lines = csv.body().split("\r\n");
        assertEquals(KpiCsv.HEADER, lines[0]);
        List<Map<String, Object>> monthly = json.list("monthly");
        assertEquals(monthly.size() + 2, lines.length);
        for (int i = 0; i < monthly.size(); i++) {
            String[] cells = lines[i + 1].split(",", -1);
            assertEquals(monthly.get(i).get("month"), cells[0]);
            assertEquals(String.valueOf(monthly.get(i).get("contacted")), cells[1]);
            assertEquals(String.valueOf(monthly.get(i).get("sold")), cells[4]);
        }
        String[] total = lines[lines.length - 1].split(",", -1);
        assertEquals("total", total[0]);
        assertEquals(String.valueOf(count(json, "contacted")), total[1]);
        assertEquals(String.valueOf(count(json, "sold")), total[4]);
    }

    @Test
    void htmlIsOneSelfContainedPage() {
        profile("HTML", "{\"name\":\"<img src=x onerror=alert(1)> & Co\"}");
        post("HTML", "h1", "SOLD", "2026-05-01T10:00:00Z");
        Reply html = kpi("HTML", "format=html");
        assertEquals(200, html.status());
        assertTrue(html.contentType().startsWith("text/html"));
        assertTrue(html.headers().get("Content-Security-Policy").contains("default-src 'none'"));
        String page = html.body();
        assertTrue(page.startsWith("<!DOCTYPE html>"));
        assertFalse(page.contains("<img"), "the profile name is escaped");
        assertTrue(page.contains("&lt;img src=x onerror=alert(1)&gt; &amp; Co"));
        assertFalse(page.contains("<script") || page.contains("<link") || page.contains("@import"));
        assertTrue(page.contains("<svg") && page.contains("Year to date, 2026-01-01 to 2026-11-28"));
        assertFalse(page.contains("<a "), "the printable page has no links: they would navigate without the caller's token");
        for (String stage : List.of("Contacted", "Appointed", "Attended", "Sold")) {
            assertTrue(page.contains("<tr><td>" + stage + "</td>"), stage);
        }
    }

    @Test
    void drillDownPagesAddUpToTheCount() {
        for (int i = 0; i < 23; i++) {
            post("PAGE", "p-" + i, i % 2 == 0 ? "Appointed" : "Contacted", String.format("2026-07-%02dT10:00:00Z", i + 1));
        }
        long expected = count(kpi("PAGE", "range=ytd"), "contacted");
        assertEquals(23, expected);
        List<String> seen = new ArrayList<>();
        List<String> moments = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Reply page = api.get(Caller.dealer("PAGE"), "/dealerships/PAGE/kpi/contacted/agreements?limit=5"
                    + (cursor == null ? "" : "&cursor=" + cursor));
            assertEquals(200, page.status(), page.toString());
            for (Map<String, Object> item : page.list("items")) {
                seen.add((String) item.get("agreementId"));
                moments.add((String) item.get("at"));
                int index = Integer.parseInt(((String) item.get("agreementId")).substring(2));
                assertEquals(index % 2 == 0, item.get("backfilled"), "Appointed back-fills Contacted, Contacted does not");
            }
            cursor = (String) page.json().get("nextCursor");
            pages++;
        } while (cursor != null);
        assertEquals(5, pages);
        assertEquals(23, seen.size());
        assertEquals(23, new HashSet<>(seen).size());
        List<String> newestFirst = new ArrayList<>(moments);
        newestFirst.sort(java.util.Comparator.reverseOrder());
        assertEquals(newestFirst, moments);
    }

    @Test
    void cursorsOnlyOpenForTheirOwnQuery() {
        for (int i = 0; i < 3; i++) {
            post("CUR", "c-" + i, "SOLD", "2026-06-0" + (i + 1) + "T10:00:00Z");
            post("CUR2", "c-" + i, "SOLD", "2026-06-0" + (i + 1) + "T10:00:00Z");
        }
        String cursor = (String) api.get(NATIONAL, "/dealerships/CUR/kpi/sold/agreements?limit=1").json().get("nextCursor");
        assertEquals(200, api.get(NATIONAL, "/dealerships/CUR/kpi/sold/agreements?limit=1&cursor=" + cursor).status());
        var before = api.snapshot();
        for (String path : List.of(
                "/dealerships/CUR2/kpi/sold/agreements?limit=1&cursor=" + cursor,
                "/dealerships/CUR/kpi/contacted/agreements?limit=1&cursor=" + cursor,
                "/dealerships/CUR/kpi/sold/agreements?range=all&cursor=" + cursor,
                "/dealerships/CUR/kpi/sold/agreements?cursor=" + cursor.substring(0, cursor.length() - 2)
                        + (cursor.endsWith("AA") ? "BB" : "AA"),
                "/dealerships/CUR/kpi/sold/agreements?cursor=" + "x" + cursor,
                "/dealerships/CUR/kpi/sold/agreements?cursor=garbage",
                "/dealerships/CUR/kpi/sold/agreements?limit=0",
                "/dealerships/CUR/kpi/sold/agreements?limit=501",
                "/dealerships/CUR/kpi/sold/agreements?limit=ten",
                "/dealerships/CUR/kpi/bought/agreements")) {
            Reply reply = api.get(NATIONAL, path);
            assertEquals(400, reply.status(), path + " -> " + reply);
            assertTrue(reply.isProblem());
        }
        assertEquals(before, api.snapshot());
    }

    @Test
    void usageCountsEveryAcceptedUpdateOnceOnItsLocalDay() {
        String path = "/dealerships/USE/agreements/u1/status";
        api.postJson(Caller.dealer("USE"), path, "{\"status\":\"SOLD\",\"occurredAt\":\"2026-02-01T23:30:00Z\"}", "use-key");
        api.postJson(Caller.dealer("USE"), path, "{\"status\":\"SOLD\",\"occurredAt\":\"2026-02-01T23:30:00Z\"}", "use-key");
        api.postJson(Caller.dealer("USE"), path, "{\"status\":\"No Answer\",\"occurredAt\":\"2026-02-02T10:00:00Z\",\"userId\":\"amy\"}");
        api.postJson(Caller.dealer("USE"), path, "{\"status\":\"Contacted\",\"occurredAt\":\"2026-02-02T11:00:00Z\",\"userId\":\"amy\"}");
        Reply usage = api.get(Caller.dealer("USE"), "/dealerships/USE/usage?from=2026-02-01&to=2026-02-28");
        assertEquals(200, usage.status(), usage.toString());
        assertEquals(3L, ((Number) usage.json().get("total")).longValue(), "the replay and the back-fills are not updates");
        assertEquals(Map.of("SOLD", 1L, "NO_ANSWER", 1L, "CONTACTED", 1L), toLongs(usage.map("byStatus")));
        assertEquals(Map.of("user-USE", 1L, "amy", 2L), toLongs(usage.map("byUser")));
        assertEquals(List.of(Map.of("date", "2026-02-01", "total", 1L), Map.of("date", "2026-02-02", "total", 2L)),
                usage.list("daily").stream().map(d -> Map.of("date", d.get("date"), "total", ((Number) d.get("total")).longValue())).toList());
    }

    @Test
    void aRangeOfYearsHoldsTheSameDaysAsEachOfItsYears() {
        String path = "/dealerships/USL/agreements/u1/status";
        for (String at : List.of("2024-03-10T10:00:00Z", "2025-07-04T10:00:00Z", "2026-02-02T10:00:00Z")) {
            assertEquals(201, api.postJson(Caller.dealer("USL"), path, "{\"status\":\"No Answer\",\"occurredAt\":\"" + at + "\"}").status());
        }
        List<Object> byYear = new ArrayList<>();
        for (String year : List.of("2024", "2025", "2026")) {
            Reply one = api.get(Caller.dealer("USL"), "/dealerships/USL/usage?from=" + year + "-01-01&to=" + year + "-11-28");
            byYear.addAll(one.list("daily"));
        }
        // longer than a year and a month: read as the days that have an item, not day by day
        for (String range : List.of("from=2024-01-01&to=2026-11-28", "range=all")) {
            Reply years = api.get(Caller.dealer("USL"), "/dealerships/USL/usage?" + range);
            assertEquals(200, years.status(), years.toString());
            assertEquals(3L, ((Number) years.json().get("total")).longValue(), range);
            assertEquals(byYear, years.list("daily"), range);
        }
    }

    @Test
    void targetsMergeByScopeAndEveryChangeIsKept() {
        profile("MRG", "{\"region\":\"North\",\"brand\":\"Audi\",\"databaseSize\":100}");
        put("/targets/national", "{\"soldRate\":0.6,\"contactRatePerMonth\":0.04}");
        put("/targets/regions/North", "{\"appointedRate\":0.75,\"soldRate\":0.65}");
        put("/targets/brands/Audi", "{\"soldRate\":0.7}");
        put("/targets/dealerships/MRG", "{\"attendedRate\":0.95}");
        Map<String, Object> targets = kpi("MRG", "").map("targets");
        assertEquals(0.04, targets.get("contactRatePerMonth"));
        assertEquals(0.75, targets.get("appointedRate"));
        assertEquals(0.95, targets.get("attendedRate"));
        assertEquals(0.7, targets.get("soldRate"));
        assertEquals(Map.of("contactRatePerMonth", "national", "appointedRate", "region:North",
                "attendedRate", "dealership:MRG", "soldRate", "brand:Audi"), targets.get("source"));

        put("/targets/brands/Audi", "{\"soldRate\":0.72}");
        Reply del = api.send(NATIONAL, "DELETE", "/targets/brands/Audi", null, Map.of(), null, false);
        assertEquals(200, del.status());
        Reply history = api.get(NATIONAL, "/targets/brands/Audi");
        assertEquals(Map.of(), history.json().get("override"));
        List<Map<String, Object>> changes = history.list("history");
        assertEquals(List.of("PUT", "PUT", "DELETE"), changes.stream().map(c -> c.get("action")).toList());
        assertEquals(Map.of("soldRate", 0.7), changes.get(1).get("previous"));
        assertEquals(Map.of("soldRate", 0.72), changes.get(1).get("value"));
        assertEquals("national-user", changes.get(2).get("by"));
        @SuppressWarnings("unchecked")
        Map<String, Object> sources = (Map<String, Object>) kpi("MRG", "").map("targets").get("source");
        assertEquals("region:North", sources.get("soldRate"), "without the brand override, the region's applies");
        // clean up the national override so other tests see the defaults
        api.send(NATIONAL, "DELETE", "/targets/national", null, Map.of(), null, false);
    }

    @Test
    void aQueryParameterGivenTwiceIsToldSoNotReadAsTheirJoinedValues() {
        Reply twice = api.get(NATIONAL, "/dealerships/LON/kpi?range=ytd&range=all");
        assertEquals(400, twice.status(), twice.toString());
        assertTrue(twice.body().contains("is given more than once"), twice.body());
        assertEquals(200, api.get(NATIONAL, "/dealerships/LON/kpi?range=ytd").status());
    }

    @Test
    void aDeleteWithABodyIsRefusedNotReadAsThisMonth() {
        put("/targets/brands/Seat", "{\"soldRate\":0.7}");
        var before = api.snapshot();
        Reply refused = api.send(NATIONAL, "DELETE", "/targets/brands/Seat", null,
                Map.of("content-type", "application/json"), "{\"effectiveFrom\":\"2026-05\"}", false);
        assertEquals(400, refused.status(), refused.toString());
        assertTrue(refused.body().contains("?effectiveFrom=YYYY-MM"), refused.body());
        assertEquals(before, api.snapshot(), "nothing recorded");
    }

    @Test
    void onlyNationalManagementChangesTargetsAndProfiles() {
        var before = api.snapshot();
        Map<String, String> json = Map.of("content-type", "application/json");
        assertEquals(403, api.send(Caller.dealer("LON"), "PUT", "/targets/dealerships/LON", null, json, "{\"soldRate\":1}", false).status());
        assertEquals(403, api.send(Caller.dealer("LON"), "PUT", "/dealerships/LON/profile", null, json, "{\"databaseSize\":1}", false).status());
        assertEquals(403, api.get(Caller.dealer("LON"), "/targets/national").status());
        assertEquals(403, api.get(Caller.dealer("LON"), "/regions/South/kpi").status());
        assertEquals(403, api.get(Caller.dealer("LON"), "/kpi").status());
        assertEquals(200, api.get(Caller.dealer("LON"), "/dealerships/LON/profile").status());
        assertEquals(403, api.get(Caller.dealer("LON"), "/dealerships/SYD/profile").status());
        for (String bad : List.of("{\"soldRate\":1.5}", "{\"soldRate\":-0.1}", "{\"soldRate\":\"0.5\"}", "{\"soldRate\":null}",
                "{}", "{\"closeRate\":0.5}", "[0.5]")) {
            Reply reply = api.send(NATIONAL, "PUT", "/targets/national", null, json, bad, false);
            assertEquals(400, reply.status(), bad);
        }
        for (String bad : List.of("{\"timezone\":\"Mars/Olympus\"}", "{\"timezone\":\"+01:00\"}", "{\"databaseSize\":-1}",
                "{\"databaseSize\":1.5}", "{\"databaseSize\":\"10\"}", "{\"goLiveDate\":\"2026-13-01\"}",
                "{\"region\":\"a#b\"}", "{\"name\":\"\"}", "{\"owner\":\"x\"}")) {
            Reply reply = api.send(NATIONAL, "PUT", "/dealerships/LON/profile", null, json, bad, false);
            assertEquals(400, reply.status(), bad + " -> " + reply);
        }
        assertEquals(before, api.snapshot());
    }

    @Test
    void aBrandOverrideChangesExactlyThatBrandsDealershipsAndOnlyThatField() {
        Map<String, Map<String, Object>> before = new java.util.HashMap<>();
        for (String d : List.of("LON", "SYD", "NYC")) {
            before.put(d, kpi(d, "").map("targets"));
        }
        put("/targets/brands/Ford", "{\"attendedRate\":0.5}");
        for (String d : List.of("LON", "SYD", "NYC")) {
            Map<String, Object> after = kpi(d, "").map("targets");
            Set<String> changed = new HashSet<>();
            for (String field : List.of("contactRatePerMonth", "appointedRate", "attendedRate", "soldRate")) {
                if (!before.get(d).get(field).equals(after.get(field))) {
                    changed.add(field);
                }
            }
            assertEquals(d.equals("SYD") ? Set.of() : Set.of("attendedRate"), changed, d);
        }
        api.send(NATIONAL, "DELETE", "/targets/brands/Ford", null, Map.of(), null, false);
    }

    @Test
    void rollUpsAreTheSumOfTheirDealerships() {
        post("LON", "roll-1", "SOLD", "2026-06-01T10:00:00Z");
        post("SYD", "roll-1", "Appointed", "2026-06-01T10:00:00Z");
        Reply region = api.get(NATIONAL, "/regions/South/kpi?range=ytd");
        assertEquals(200, region.status(), region.toString());
        List<Map<String, Object>> rows = region.list("dealerships");
        assertEquals(List.of("LON", "SYD"), rows.stream().map(r -> r.get("dealershipId")).toList());
        for (String stage : List.of("contacted", "appointed", "attended", "sold")) {
            long sum = count(kpi("LON", "range=ytd"), stage) + count(kpi("SYD", "range=ytd"), stage);
            assertEquals(sum, count(region, stage), stage);
        }
        Reply national = api.get(NATIONAL, "/kpi?range=ytd");
        Set<Object> everyone = new HashSet<>(national.list("dealerships").stream().map(r -> r.get("dealershipId")).toList());
        assertTrue(everyone.containsAll(Set.of("LON", "SYD", "NYC")));
        Reply brand = api.get(NATIONAL, "/brands/Ford/kpi?range=all&format=csv");
        assertEquals(200, brand.status());
        assertTrue(brand.body().startsWith("dealershipId,name,region,brand,group,profile,range.from,"), "the league table: a row per dealership");
        assertTrue(brand.body().contains("\r\nTOTAL,"));
        assertEquals(404, api.get(NATIONAL, "/regions/South/kpi/extra").status());
    }

    private static void put(String path, String body) {
        Reply reply = api.send(NATIONAL, "PUT", path, null, Map.of("content-type", "application/json"), body, false);
        assertEquals(200, reply.status(), reply.toString());
    }

    private static Map<String, Long> toLongs(Map<String, Object> map) {
        Map<String, Long> result = new java.util.HashMap<>();
        map.forEach((k, v) -> result.put(k, ((Number) v).longValue()));
        return result;
    }
}
