package com.dealerkpi.api;

import com.dealerkpi.support.Caller;
import com.dealerkpi.support.Reply;
import com.dealerkpi.support.TestApi;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * "Numbers a manager can trust at first sight" through the handlers, as a new user meets them: a profile created
 * today with a database size and a year of history imported, a dealership that sells more than it contacts in a
 * month, one that went live mid-year, a region spelled two ways; JSON, CSV and HTML.
 */
@Tag("stores")
class ManagerNumbersTest {
    /** "Today": 28 November 2026, in every dealership's zone. */
    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    private static final Caller NATIONAL = Caller.national();
    private static TestApi api;

    @BeforeAll
    static void start() {
        api = TestApi.fresh(Clock.fixed(NOW, ZoneOffset.UTC));
        // created today: its database size takes effect from November, and describes the months before it too
        profile("NEW", "{\"name\":\"New Motors\",\"region\":\"North\",\"brand\":\"Ford\",\"databaseSize\":400}");
        for (int month = 1; month <= 11; month++) {
            for (int i = 0; i < 12; i++) {
                post("NEW", "n" + month + "-" + i, i < 6 ? "Sold" : "Contacted", LocalDate.of(2026, month, 2) + "T10:00:00Z");
            }
        }
        // 17 contacts and 11 sales in March; 41 and 20 in April
        profile("RAT", "{\"name\":\"Ratio Cars\",\"region\":\" north \",\"brand\":\"Kia\",\"databaseSize\":1000}");
        for (int i = 0; i < 17; i++) {
            post("RAT", "m" + i, i < 11 ? "Sold" : "Contacted", "2026-03-05T10:00:00Z");
        }
        for (int i = 0; i < 41; i++) {
            post("RAT", "a" + i, i < 20 ? "Sold" : "Contacted", "2026-04-05T10:00:00Z");
        }
        // contacted in May, sold in June: June sells more than it contacts
        profile("SEL", "{\"name\":\"Seller\",\"region\":\"North\",\"brand\":\"Kia\",\"databaseSize\":500}");
        for (int i = 0; i < 4; i++) {
            post("SEL", "s" + i, "Contacted", "2026-05-10T10:00:00Z");
            post("SEL", "s" + i, "Sold", "2026-06-10T10:00:00Z");
        }
        post("SEL", "s9", "Contacted", "2026-06-11T10:00:00Z");
        // live from 1 July; contacts before then count, but carry no target
        profile("LIVE", "{\"name\":\"Live Later\",\"region\":\"East\",\"brand\":\"Ford\",\"databaseSize\":1000,\"goLiveDate\":\"2026-07-01\"}");
        for (int i = 0; i < 38; i++) {
            post("LIVE", "early" + i, "Contacted", "2026-03-03T10:00:00Z");
        }
        for (int i = 0; i < 30; i++) {
            post("LIVE", "late" + i, "Contacted", "2026-08-03T10:00:00Z");
        }
        // its first update (not a KPI status) comes before its first milestone
        post("ALL", "x", "No Answer", "2025-06-01T10:00:00Z");
        post("ALL", "x", "Contacted", "2026-02-01T10:00:00Z");
    }

    @Test
    void aDatabaseSizeGivenTodayCoversTheWholeYear() {
        Reply ytd = kpi("NEW", "");
        // 132 contacts against 400 × 3% a month for 10 months and 28 of November's 30 days: 101 %, not 1,100 %
        double target = ((Number) ((Map<?, ?>) ytd.map("targets").get("counts")).get("contacted")).doubleValue();
        assertEquals(131.2, target, 1e-9);
        assertEquals(101, ((Number) ytd.map("ofTargetPercent").get("contacted")).intValue());
        assertEquals(1.006, ((Number) ytd.map("ofTarget").get("contacted")).doubleValue());
        assertEquals(0.0302, ((Number) ytd.map("rates").get("contactRatePerMonth")).doubleValue(),
                "the year's contacts over the year's database months");
        assertEquals(400L, ((Number) ytd.map("targets").get("databaseSize")).longValue());
        for (Map<String, Object> month : ytd.list("monthly")) {
            assertNotNull(month.get("target"), month.toString());
        }
    }

    @Test
    void ratiosAreRoundedOnceFromTheExactQuotient() {
        Reply march = kpi("RAT", "from=2026-03-01&to=2026-03-31");
        assertEquals(1.55, ((Number) march.map("contactToSale").get("ratio")).doubleValue());
        assertEquals("1.5:1", march.map("contactToSale").get("label"), "17 ÷ 11 = 1.545…");
        Reply april = kpi("RAT", "from=2026-04-01&to=2026-04-30");
        assertEquals("2.1:1", april.map("contactToSale").get("label"), "41 ÷ 20 = 2.05");
        Reply both = kpi("RAT", "from=2026-03-01&to=2026-04-30");
        assertEquals(List.of("1.5:1", "2.1:1"), both.list("monthly").stream().map(m -> m.get("contactToSaleLabel")).toList());
        assertTrue(kpiAs("RAT", "from=2026-03-01&to=2026-03-31&format=html").body().contains(">1.5:1<"));
        assertEquals("2.0:1", march.map("targets").get("contactToSaleLabel"), "1 ÷ (0.7 × 0.9 × 0.8) = 1.98…");
        Reply league = api.get(NATIONAL, "/regions/north/kpi?from=2026-03-01&to=2026-03-31");
        Map<String, Object> row = league.list("dealerships").stream().filter(r -> r.get("dealershipId").equals("RAT")).findFirst().orElseThrow();
        assertEquals("1.5:1", ((Map<?, ?>) row.get("contactToSale")).get("label"));
        String html = api.get(NATIONAL, "/regions/north/kpi?from=2026-03-01&to=2026-03-31&format=html").body();
        assertTrue(html.contains("<td>1.5:1</td>"), html);
    }

    @Test
    void aMonthThatSellsMoreThanItContactsSaysWhy() {
        Reply ytd = kpi("SEL", "");
        Map<String, Object> june = month(ytd, "2026-06");
        assertNull(june.get("contactToSale"));
        assertEquals("n/a", june.get("contactToSaleLabel"));
        assertTrue(((String) june.get("contactToSaleNote")).contains("4 sold, 1 contacted"), june.toString());
        assertTrue(ytd.json().get("notes").toString().contains("2026-06: 4 sold, 1 contacted — these sales come from customers"
                + " contacted before the month"), ytd.json().get("notes").toString());
        assertEquals("contacts but no sales", month(ytd, "2026-05").get("contactToSaleNote"));
        assertNull(month(ytd, "2026-07").get("contactToSaleNote"), "no activity needs no reason");
        Reply june2 = kpi("SEL", "from=2026-06-01&to=2026-06-30");
        assertEquals("n/a", june2.map("contactToSale").get("label"));
        assertTrue(((String) june2.map("contactToSale").get("note")).contains("fewer agreements were first contacted (1) than sold (4)"));
        assertTrue(kpiAs("SEL", "format=html").body().contains("4 sold, 1 contacted"), "the HTML report says why too");
    }

    @Test
    void printedMonthlyTargetsAddUpToThePrintedTotal() {
        for (String dealership : List.of("NEW", "RAT", "SEL", "LIVE")) {
            Reply ytd = kpi(dealership, "");
            for (String stage : List.of("contacted", "appointed", "attended", "sold")) {
                double sum = ytd.list("monthly").stream().mapToDouble(m -> ((Number) ((Map<?, ?>) m.get("target")).get(stage)).doubleValue()).sum();
                assertEquals(((Number) ((Map<?, ?>) ytd.map("targets").get("counts")).get(stage)).doubleValue(), Math.round(sum * 10) / 10.0, 1e-9,
                        dealership + " " + stage);
            }
            String[] csv = kpiAs(dealership, "format=csv").body().split("\r\n");
            double sold = 0;
            for (int i = 1; i < csv.length - 1; i++) {
                sold += Double.parseDouble(csv[i].split(",")[9]);
            }
            assertEquals(Double.parseDouble(csv[csv.length - 1].split(",")[9]), Math.round(sold * 10) / 10.0, 1e-9, dealership + " CSV");
        }
    }

    @Test
    void contactsBeforeGoLiveCountButCarryNoTarget() {
        Reply ytd = kpi("LIVE", "");
        assertEquals(68L, ((Number) ytd.map("counts").get("contacted")).longValue());
        // July to 28 November: 4 months and 28 of 30 days, of 1,000 customers; only the 30 contacts since go-live count
        assertEquals(30 / (1000 * (4 + 28 / 30.0)), ((Number) ytd.map("rates").get("contactRatePerMonth")).doubleValue(), 0.00005);
        assertTrue(ytd.json().get("notes").toString().contains("38 contacts before go-live on 2026-07-01 have no target"),
                ytd.json().get("notes").toString());
        // measured against the target over the same days: 30 of 148, not 68 of 148 (found trying it: 241 % for a
        // dealership that went live in July with a half-year imported)
        assertEquals(0.203, ((Number) ytd.map("ofTarget").get("contacted")).doubleValue());
        assertEquals(20, ((Number) ytd.map("ofTargetPercent").get("contacted")).intValue());
        assertTrue(api.get(NATIONAL, "/regions/East/kpi").list("notes").contains("38 contacts before a dealership's"
                + " go-live have no target: counted in the totals, not against the targets or in the contact rate, which"
                + " start at go-live."), "the league table says so too");
    }

    @Test
    void theAllTimeViewIsNeverSmallerThanAnyOtherRange() {
        Reply all = kpi("ALL", "range=all");
        assertEquals("2025-06-01", all.map("range").get("from"), "its first update, a No Answer, starts it");
        Reply usageAll = api.get(NATIONAL, "/dealerships/ALL/usage?range=all");
        for (String range : List.of("range=ytd", "range=mtd", "range=last-month", "from=2025-01-01&to=2026-11-28")) {
            Reply usage = api.get(NATIONAL, "/dealerships/ALL/usage?" + range);
            assertTrue(((Number) usageAll.json().get("total")).longValue() >= ((Number) usage.json().get("total")).longValue(), range);
            Reply other = kpi("ALL", range);
            for (String stage : List.of("contacted", "appointed", "attended", "sold")) {
                assertTrue(((Number) all.map("counts").get(stage)).longValue() >= ((Number) other.map("counts").get(stage)).longValue(), range);
            }
        }
        assertEquals(2L, ((Number) usageAll.json().get("total")).longValue());
    }

    @Test
    void aRollUpHasRatesRangeAndNameAsTheProfilesSpellThem() {
        Reply north = api.get(NATIONAL, "/regions/NORTH/kpi");
        assertEquals("region:North", north.json().get("scope"), "two profiles spell it North, one ' north '");
        assertEquals("2026-01-01", north.map("range").get("from"));
        assertEquals("2026-11-28", north.map("range").get("to"));
        assertEquals("Europe/London", north.map("range").get("timezone"));
        assertNotNull(north.map("rates").get("contactRatePerMonth"));
        assertNotNull(north.map("ofTargetPercent").get("sold"));
        for (Map<String, Object> row : north.list("dealerships")) {
            assertNotNull(((Map<?, ?>) row.get("rates")).get("contactRatePerMonth"), row.toString());
            assertNotNull(((Map<?, ?>) row.get("ofTargetPercent")).get("contacted"), row.toString());
        }
    }

    @Test
    void aRollUpsCsvIsTheLeagueTableWithATotal() {
        Reply csv = api.get(NATIONAL, "/regions/north/kpi?format=csv&sort=sold");
        assertEquals(200, csv.status(), csv.toString());
        String[] lines = csv.body().split("\r\n");
        List<String> header = List.of(lines[0].split(","));
        assertEquals("dealershipId", header.get(0));
        assertTrue(header.containsAll(List.of("counts.sold", "ofTarget.sold", "targets.counts.sold", "rates.contactRatePerMonth",
                "contactToSale.label", "range.from")), header.toString());
        assertEquals(5, lines.length, "a header, three dealerships, TOTAL");
        assertTrue(lines[1].startsWith("NEW,"), "the order asked for: most sales first");
        assertTrue(lines[4].startsWith("TOTAL,"));
        int sold = header.indexOf("counts.sold");
        int target = header.indexOf("targets.counts.sold");
        long soldSum = 0;
        double targetSum = 0;
        for (int i = 1; i <= 3; i++) {
            soldSum += Long.parseLong(lines[i].split(",", -1)[sold]);
            targetSum += Double.parseDouble(lines[i].split(",", -1)[target]);
        }
        assertEquals(Long.parseLong(lines[4].split(",", -1)[sold]), soldSum);
        assertEquals(Double.parseDouble(lines[4].split(",", -1)[target]), Math.round(targetSum * 10) / 10.0, 1e-9,
                "the printed rows add up to the printed total");
    }

    @Test
    void aRollUpsCsvHasEveryRowsColumnsWhicheverRowComesFirst() {
        Reply csv = api.get(NATIONAL, "/kpi?format=csv&sort=name");
        String[] lines = csv.body().split("\r\n");
        assertTrue(lines[1].startsWith("ALL,"), "first by name: a dealership known only by its updates, without targets");
        List<String> header = List.of(lines[0].split(","));
        assertTrue(header.containsAll(List.of("targets.counts.contacted", "targets.counts.sold")), header.toString());
        assertFalse(header.contains("targets.counts"), header.toString());
        for (String line : lines) {
            assertEquals(header.size(), line.split(",", -1).length, line);
        }
        assertEquals("", lines[1].split(",", -1)[header.indexOf("targets.counts.sold")]);
    }

    @Test
    void anEmptyScopesCsvHasTheSameColumnsAsOneWithTargets() {
        String withTargets = api.get(NATIONAL, "/kpi?format=csv").body().split("\r\n")[0];
        String[] none = api.get(NATIONAL, "/regions/Nowhere/kpi?format=csv").body().split("\r\n");
        assertEquals(withTargets, none[0], "a spreadsheet reads the columns by position");
        assertEquals(withTargets.split(",").length, none[1].split(",", -1).length, none[1]);
    }

    @Test
    void anEmptyScopesLeagueTableSaysSoWithoutEmptyDates() {
        String page = api.get(NATIONAL, "/regions/Nowhere/kpi?format=html").body();
        assertTrue(page.contains("0 dealerships"), page);
        assertFalse(page.contains("null"), page);
    }

    @Test
    void aRollUpsHtmlIsTheLeagueTable() {
        Reply html = api.get(NATIONAL, "/kpi?format=html&sort=name");
        assertEquals(200, html.status(), html.toString());
        assertTrue(html.contentType().startsWith("text/html"));
        String page = html.body();
        assertTrue(page.contains("<h1>League table</h1>"));
        for (String name : List.of("New Motors (NEW)", "Ratio Cars (RAT)", "Seller (SEL)", "Live Later (LIVE)", "ALL")) {
            assertTrue(page.contains(name), name);
        }
        assertTrue(page.contains("<th scope=\"row\">Total</th>"));
        assertTrue(page.contains("class=\"rag "), "each stage's share of target with its colour");
        assertTrue(page.contains("<th scope=\"col\">Dealer group</th>"), "as on screen and in the CSV");
        int columns = page.split("<th scope=\"col\">", -1).length - 1;
        String body = page.substring(page.indexOf("<tbody>"), page.indexOf("</tbody>"));
        for (String row : body.split("<tr>")) {
            if (!row.contains("</tr>")) {
                continue;
            }
            assertEquals(columns, row.split("<t[dh][ >]", -1).length - 1, "a cell under every heading: " + row);
        }
        assertTrue(api.get(NATIONAL, "/kpi?format=html&compare=previous").status() == 400, "a comparison is JSON only");
    }

    @Test
    void targetsForADealershipNoOneHasSeenComeWithAWarning() {
        Reply unknown = api.putJson(NATIONAL, "/targets/dealerships/NOBODY", "{\"soldRate\":0.7}");
        assertEquals(200, unknown.status(), unknown.toString());
        assertTrue(unknown.json().get("warnings").toString().contains("NOBODY has no profile and no status updates"));
        Reply known = api.putJson(NATIONAL, "/targets/dealerships/ALL", "{\"soldRate\":0.8}");
        assertNull(known.json().get("warnings"), "a dealership with updates and no profile is known");
    }

    @Test
    void aRateChangedThisMonthJudgesTheYearByItsTargetsNotByThisMonthsRates() {
        // live all year; 4 contacts and 2 sales in March; the sold rate halved from November (this month) on
        profile("LATE", "{\"name\":\"Late Change\",\"region\":\"Solo\",\"brand\":\"Solo\",\"databaseSize\":400}");
        for (int i = 0; i < 4; i++) {
            post("LATE", "l" + i, i < 2 ? "Sold" : "Contacted", "2026-03-05T10:00:00Z");
        }
        assertEquals(200, api.putJson(NATIONAL, "/targets/dealerships/LATE", "{\"soldRate\":0.5}").status());

        Reply ytd = kpi("LATE", "");
        Map<String, Object> ratio = ytd.map("contactToSale");
        // 131.2 target contacts; target sales 10 months at 0.7 x 0.9 x 0.8 and 28 days of November at 0.7 x 0.9 x 0.5:
        // 60.48 + 3.528 = 64.008, so the year asks for 2.05 contacts a sale, not November's 3.17
        assertEquals(2.05, ratio.get("target"));
        assertEquals("2.0:1", ratio.get("targetLabel"));
        assertEquals(102, ((Number) ratio.get("ofTargetPercent")).intValue(), "2.05 asked, 2.0 achieved: fewer is better");
        assertEquals(3.17, ytd.map("targets").get("contactToSale"), "what the rates shown (November's) ask for");

        Reply region = api.get(NATIONAL, "/regions/Solo/kpi");
        Map<String, Object> row = region.list("dealerships").get(0);
        assertEquals(ratio, row.get("contactToSale"), "the league table judges the dealership as its own report does");
        assertEquals(ratio.get("ofTargetPercent"), region.map("contactToSale").get("ofTargetPercent"),
                "a region of one dealership: its total as its row");
    }

    private static Map<String, Object> month(Reply kpi, String month) {
        return kpi.list("monthly").stream().filter(m -> m.get("month").equals(month)).findFirst().orElseThrow();
    }

    private static Reply kpi(String dealership, String query) {
        Reply reply = kpiAs(dealership, query);
        assertEquals(200, reply.status(), reply.toString());
        return reply;
    }

    private static Reply kpiAs(String dealership, String query) {
        return api.get(NATIONAL, "/dealerships/" + dealership + "/kpi" + (query.isEmpty() ? "" : "?" + query));
    }

    private static void profile(String dealership, String body) {
        Reply reply = api.putJson(NATIONAL, "/dealerships/" + dealership + "/profile", body);
        assertTrue(reply.status() == 201 || reply.status() == 200, reply.toString());
    }

    private static void post(String dealership, String agreement, String status, String at) {
        Reply reply = api.postJson(NATIONAL, "/dealerships/" + dealership + "/agreements/" + agreement + "/status",
                "{\"status\":\"" + status + "\",\"occurredAt\":\"" + at + "\"}");
        assertEquals(201, reply.status(), reply.toString());
    }
}
