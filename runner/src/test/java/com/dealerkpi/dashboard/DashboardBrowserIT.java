package com.dealerkpi.dashboard;

import com.dealerkpi.json.Json;
import com.dealerkpi.support.Chromium;
import com.dealerkpi.support.RunnerProcess;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dashboard in a real browser (Debian's chromium and chromium-driver, headless) against {@code serve} on its
 * embedded store, signed in with the local principal picker. Every number on screen is checked against what the
 * JSON API answers for the same query. Screenshots of the main views go to {@code runner/target/screenshots/}.
 * Skipped where no chromium is installed, unless {@code -Ddashboard.browser.required=true} (CI sets it).
 */
@Tag("backend-free")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserIT {
    private static final Path SCREENSHOTS = Path.of("runner", "target", "screenshots");
    private static final String[] STAGES = {"contacted", "appointed", "attended", "sold"};

    private final HttpClient http = HttpClient.newHttpClient();
    private RunnerProcess serve;
    private WebDriver browser;
    private WebDriverWait wait;
    /** Browser console lines a test expects (the 403 of a refused screen); any other error fails the test. */
    private final List<String> expectedConsoleErrors = new ArrayList<>();

    @BeforeAll
    void start() throws Exception {
        browser = Chromium.start();
        serve = RunnerProcess.serve();
        seed();
        wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (serve != null) {
            serve.close();
        }
    }

    @AfterEach
    void noConsoleErrors() {
        Chromium.assertNoConsoleErrors(browser, expectedConsoleErrors);
    }

    // ---- the data: two dealerships of region North, D1 with sales this year and last, D2 with an appointment

    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Europe/London"));
    private static final YearMonth LAST_YEAR_MARCH = YearMonth.of(TODAY.getYear() - 1, 3);

    private void seed() throws Exception {
        api("PUT", "/dealerships/D1/profile", "national", "{\"name\":\"Leeds Ford\",\"region\":\"North\",\"brand\":\"Ford\","
                + "\"timezone\":\"Europe/London\",\"databaseSize\":400,\"effectiveFrom\":\"" + LAST_YEAR_MARCH + "\"}");
        api("PUT", "/dealerships/D2/profile", "national", "{\"name\":\"York Kia\",\"region\":\"North\",\"brand\":\"Kia\","
                + "\"databaseSize\":300}");
        // last year's March: three contacts, one sale
        for (int i = 1; i <= 3; i++) {
            status("D1", "L" + i, "Contacted", LAST_YEAR_MARCH.atDay(i + 1) + "T10:00:00Z");
        }
        status("D1", "L1", "Sold", LAST_YEAR_MARCH.atDay(20) + "T10:00:00Z");
        // this year: today's month and the days before it
        status("D1", "N1", "Contacted", thisMonth(TODAY.withDayOfMonth(1) + "T09:00:00Z"));
        status("D1", "N2", "Appointed", thisMonth(TODAY.withDayOfMonth(1) + "T11:00:00Z"));
        status("D1", "N3", "Sold", thisMonth(TODAY.withDayOfMonth(1) + "T12:00:00Z"));
        status("D1", "N1", "Attended", thisMonth(TODAY + "T00:30:00Z"));
        status("D2", "B1", "Appointed", thisMonth(TODAY + "T00:30:00Z"));
    }

    /**
     * The moment, or, if it has not come yet (early on the first of a month, or just after midnight), a minute ago:
     * but never before today began in London, so it stays in today's month (the API refuses future moments).
     */
    private static String thisMonth(String moment) {
        Instant now = Instant.now();
        Instant startOfToday = TODAY.atStartOfDay(ZoneId.of("Europe/London")).toInstant();
        Instant latest = now.minusSeconds(60).isBefore(startOfToday) ? startOfToday : now.minusSeconds(60);
        Instant wanted = Instant.parse(moment);
        return (wanted.isAfter(latest) ? latest : wanted).toString();
    }

    private void status(String dealership, String agreement, String status, String at) throws Exception {
        api("POST", "/dealerships/" + dealership + "/agreements/" + agreement + "/status", "dealer:" + dealership,
                "{\"status\":\"" + status + "\",\"occurredAt\":\"" + at + "\"}");
    }

    private Map<String, Object> api(String method, String path, String principal, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(serve.url() + path)).header("X-Local-Principal", principal);
        request = body == null ? request.GET() : request.method(method, HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(answer.statusCode() < 300, method + " " + path + " -> " + answer.statusCode() + " " + answer.body());
        return Json.readObject(answer.body());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> body, String field) {
        return (Map<String, Object>) body.get(field);
    }

    // ---- browser helpers

    private void open(String hash) {
        browser.get(serve.url() + "/" + hash);
    }

    private WebElement find(String css) {
        try {
            return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError(css + " did not appear at " + browser.getCurrentUrl() + "; the page says:\n"
                    + browser.findElement(By.tagName("body")).getText() + "\nconsole: "
                    + browser.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::getMessage).toList(), e);
        }
    }

    private void signIn(String principal) {
        open("");
        // signed in already (the session keeps the picked principal), or the sign-in form
        wait.until(ExpectedConditions.or(ExpectedConditions.presenceOfElementLocated(By.id("sign-out")),
                ExpectedConditions.presenceOfElementLocated(By.id("sign-in"))));
        if (!browser.findElements(By.id("sign-out")).isEmpty()) {
            browser.findElement(By.id("sign-out")).click();
        }
        if (principal.startsWith("dealer:")) {
            find("#as-dealer").click();
            type("#dealership-id", principal.substring("dealer:".length()));
        } else if (principal.startsWith("group:")) {
            find("#as-group").click();
            type("#group-name", principal.substring("group:".length()));
        } else {
            find("#as-national").click();
        }
        find("#sign-in").click();
        find("#who");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("who"), "Signed in as"));
    }

    /** Replaces an input's text with what a user types. */
    private WebElement type(String css, String text) {
        WebElement input = find(css);
        input.clear();
        input.sendKeys(text);
        return input;
    }

    private void screenshot(String name) throws Exception {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    /** The funnel as the screen shows it: stage → its count. */
    private Map<String, Object> funnelOnScreen() {
        Map<String, Object> counts = new java.util.HashMap<>();
        for (String stage : STAGES) {
            String text = find("#funnel tr[data-stage='" + stage + "'] td a").getText().replace(",", "");
            counts.put(stage, Long.parseLong(text));
        }
        return counts;
    }

    private static Map<String, Object> longs(Map<String, Object> numbers) {
        Map<String, Object> longs = new java.util.HashMap<>();
        numbers.forEach((field, value) -> longs.put(field, ((Number) value).longValue()));
        return longs;
    }

    private void waitForRange(Map<String, Object> range) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("range-shown"), range.get("from") + " to " + range.get("to")));
    }

    /** The dealership screen agrees with the API's answer to the same query: range, funnel, ratio, cohorts. */
    private void screenMatchesApi(String dealership, String query) throws Exception {
        Map<String, Object> kpi = api("GET", "/dealerships/" + dealership + "/kpi?" + query, "national", null);
        waitForRange(map(kpi, "range"));
        assertEquals(longs(map(kpi, "counts")), funnelOnScreen(), query);
        assertTrue(find("#contact-to-sale").getText().contains((String) map(kpi, "contactToSale").get("label")), query);
        List<WebElement> times = browser.findElements(By.cssSelector("#time-to-convert .big"));
        List<String> steps = List.of("contactedToAppointed", "appointedToAttended", "attendedToSold", "contactedToSold");
        for (int i = 0; i < steps.size(); i++) {
            Object days = map(kpi, "timeToConvert").get(steps.get(i));
            assertEquals(days == null ? "–" : shown(days) + " days", times.get(i).getText(), query + " " + steps.get(i));
        }
        if (kpi.containsKey("pace")) {
            for (String stage : STAGES) {
                List<WebElement> cells = find("#funnel tr[data-stage='" + stage + "']").findElements(By.cssSelector("td"));
                assertEquals(shown(map(map(kpi, "pace"), "counts").get(stage)), cells.get(cells.size() - 1).getText().replace(",", ""),
                        query + " pace of " + stage);
            }
        }
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> cohorts = (List<Map<String, Object>>) api("GET",
                "/dealerships/" + dealership + "/kpi/cohorts?" + query, "national", null).get("cohorts");
        List<WebElement> rows = browser.findElements(By.cssSelector("#cohorts tbody tr"));
        assertEquals(cohorts.size(), rows.size(), query);
        for (int i = 0; i < rows.size(); i++) {
            List<WebElement> cells = rows.get(i).findElements(By.cssSelector("th, td"));
            assertEquals(cohorts.get(i).get("month"), cells.get(0).getText());
            for (int s = 0; s < STAGES.length; s++) {
                assertEquals(String.valueOf(cohorts.get(i).get(STAGES[s])), cells.get(s + 1).getText(), query + " cohort " + i);
            }
        }
    }

    /** A number as the page prints it (JavaScript's way: 3, not 3.0). */
    private static String shown(Object number) {
        double value = ((Number) number).doubleValue();
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    // ---- the suite

    @Test
    @Order(1)
    void aDealerSignsInAndSeesTheirDealershipAsTheApiAnswersIt() throws Exception {
        signIn("dealer:D1");
        find("#funnel");
        screenMatchesApi("D1", "range=ytd");
        assertTrue(find("#pace").getText().contains(TODAY.getYear() + "-12-31"), "year to date has a pace");
        assertEquals(1, browser.findElements(By.cssSelector("#nav a")).size(), "a dealer's navigation: their dealership only");
        assertFalse(find("#nav").getText().contains("Targets"));
        screenshot("dealership-ytd");
    }

    @Test
    @Order(2)
    void theKpiSwitchAndACustomRangeChangeTheNumbersToWhatTheApiSays() throws Exception {
        find("button[data-range='all']").click();
        screenMatchesApi("D1", "range=all");
        find("button[data-range='mtd']").click();
        screenMatchesApi("D1", "range=mtd");
        WebElement from = find("#range-from");
        WebElement to = find("#range-to");
        ((JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[2]; arguments[1].value = arguments[3];",
                from, to, LAST_YEAR_MARCH.atDay(1).toString(), LAST_YEAR_MARCH.atEndOfMonth().toString());
        find("form[aria-label='Custom range'] button[type='submit']").click();
        String custom = "from=" + LAST_YEAR_MARCH.atDay(1) + "&to=" + LAST_YEAR_MARCH.atEndOfMonth();
        screenMatchesApi("D1", custom);
        assertEquals(Map.of("contacted", 3L, "appointed", 1L, "attended", 1L, "sold", 1L), funnelOnScreen(),
                "last year's March as seeded");
        new org.openqa.selenium.support.ui.Select(find("#compare")).selectByValue("previous");
        Map<String, Object> compared = map(api("GET", "/dealerships/D1/kpi?" + custom + "&compare=previous", "national", null),
                "comparison");
        assertTrue(find("#comparison h2").getText().contains(map(compared, "range").get("from") + " to "
                + map(compared, "range").get("to")));
        List<WebElement> comparedRows = browser.findElements(By.cssSelector("#comparison tbody tr"));
        for (int s = 0; s < STAGES.length; s++) {
            assertEquals(String.valueOf(map(compared, "counts").get(STAGES[s])),
                    comparedRows.get(s).findElements(By.cssSelector("td")).get(1).getText(), "compared " + STAGES[s]);
        }
        screenshot("dealership-custom-compared");
    }

    @Test
    @Order(3)
    void aCountOpensItsAgreementsAndAnAgreementItsHistoryAndMilestones() throws Exception {
        find("#funnel tr[data-stage='contacted'] td a").click();
        String range = "from=" + LAST_YEAR_MARCH.atDay(1) + "&to=" + LAST_YEAR_MARCH.atEndOfMonth();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> items = (List<Map<String, Object>>) api("GET",
                "/dealerships/D1/kpi/contacted/agreements?" + range, "national", null).get("items");
        find("#agreements tbody tr");
        List<WebElement> rows = browser.findElements(By.cssSelector("#agreements tbody tr"));
        assertEquals(items.stream().map(item -> item.get("agreementId")).toList(),
                rows.stream().map(row -> row.findElement(By.cssSelector("th")).getText()).toList(), "newest first, as the API pages them");
        browser.findElement(By.linkText("L1")).click();
        find("#milestones");
        assertEquals(4, browser.findElements(By.cssSelector("#milestones tbody tr")).size(), "L1 was contacted, then sold");
        assertEquals(2, browser.findElements(By.cssSelector("#history tbody tr")).size());
        screenshot("agreement");

        open("#/d/D1/usage?range=all");
        Map<String, Object> usage = api("GET", "/dealerships/D1/usage?range=all", "national", null);
        find("#by-status");
        for (String table : List.of("byStatus", "byUser")) {
            Map<String, Object> onScreen = new java.util.HashMap<>();
            for (WebElement row : browser.findElements(By.cssSelector("#" + (table.equals("byStatus") ? "by-status" : "by-user") + " tbody tr"))) {
                onScreen.put(row.findElement(By.cssSelector("th")).getText(), Long.parseLong(row.findElement(By.cssSelector("td")).getText()));
            }
            assertEquals(longs(map(usage, table)), onScreen, table);
        }
        assertTrue(find("main .sub").getText().endsWith(usage.get("total") + " updates"));
    }

    @Test
    @Order(4)
    void aDealerCannotReachAnotherDealershipOrTheNationalScreens() throws Exception {
        expectedConsoleErrors.add("status of 403");
        open("#/d/D2");
        assertTrue(find(".error").getText().contains("403"), browser.findElement(By.id("main")).getText());
        assertTrue(browser.findElements(By.id("funnel")).isEmpty());
        open("#/targets?scope=dealership%3AD1");
        assertTrue(find(".error").getText().contains("Only national management"));
        assertTrue(browser.findElements(By.id("targets-form")).isEmpty());
        open("#/league");
        assertTrue(find(".error").getText().contains("Only national management"));
        open("#/d/D2/a/B1");
        assertTrue(find(".error").getText().contains("403"));
    }

    @Test
    @Order(5)
    void nationalSeesTheLeagueTableAgainstTargetAndClicksThroughToADealership() throws Exception {
        signIn("national");
        find("#league");
        Map<String, Object> rollUp = api("GET", "/kpi?range=ytd", "national", null);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rows = (List<Map<String, Object>>) rollUp.get("dealerships");
        List<WebElement> onScreen = browser.findElements(By.cssSelector("#league tbody tr"));
        assertEquals(rows.size(), onScreen.size());
        for (Map<String, Object> row : rows) {
            WebElement tr = find("#league tr[data-dealership='" + row.get("dealershipId") + "']");
            List<WebElement> cells = tr.findElements(By.cssSelector("td"));
            assertEquals(String.valueOf(map(row, "counts").get("sold")), cells.get(cells.size() - 1).getText());
            assertEquals(map(row, "contactToSale").get("label"), cells.get(3).getText());
        }
        find("button[data-sort='sold']").click();
        wait.until(ExpectedConditions.attributeToBe(By.cssSelector("th:has(button[data-sort='sold'])"), "aria-sort", "ascending"));
        new org.openqa.selenium.support.ui.Select(find("#scope")).selectByValue("brand:Kia");
        wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "League table: Kia (brand)"));
        assertEquals(1, browser.findElements(By.cssSelector("#league tbody tr")).size(), "only York Kia");
        screenshot("league-brand");
        String sorted = find("th:has(button[data-sort='sold'])").getAttribute("aria-sort");
        assertEquals("ascending", sorted, "the sort clicked above outlives the change of scope");
        find("#league a").click();
        find("#funnel");
        screenMatchesApi("D2", "range=ytd");
        // through its usage and back, the way to the table stays
        browser.findElement(By.linkText("Usage")).click();
        find("#by-status");
        find("main p a").click();
        find("#funnel");
        WebElement back = find("main p a");
        assertEquals("← League table: Kia (brand)", back.getText(), "back to the table it was opened from");
        back.click();
        wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "League table: Kia (brand)"));
        assertEquals(sorted, find("th:has(button[data-sort='sold'])").getAttribute("aria-sort"), "in the order it was left");
        wait.until(driver -> String.valueOf(driver.switchTo().activeElement().getAttribute("href")).contains("#/d/D2?"));
        assertTrue(!browser.getCurrentUrl().contains("from="), "the row was focused once: the address forgets it");
    }

    @Test
    @Order(6)
    void targetsAndProfilesChangedByNationalShowInTheDealershipsViewAndBadValuesAreShownAtTheirField() throws Exception {
        open("#/targets?scope=dealership%3AD1");
        find("#targets-form");
        WebElement appointed = type("#f-appointedRate", "1.5");
        find("#targets-form button[type='submit']").click();
        expectedConsoleErrors.add("status of 400");
        assertTrue(find("#e-appointedRate").getText().contains("appointedRate"), find("#main").getText());
        assertEquals("true", appointed.getAttribute("aria-invalid"));
        screenshot("targets-field-error");

        find("#f-appointedRate").clear();
        type("#f-soldRate", "0.5");
        find("#targets-form button[type='submit']").click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("p.ok"), "Targets saved."));
        wait.until(driver -> "saved".equals(driver.switchTo().activeElement().getAttribute("id")));
        assertTrue(find("#timeline").getText().contains(YearMonth.from(TODAY).toString()));
        assertTrue(find("#history").getText().contains("PUT"));
        assertTrue(find("#history tbody th").getText().contains("GMT"), "a change to D1's targets in D1's zone: "
                + find("#history tbody th").getText());
        screenshot("targets");

        open("#/profile/D1");
        type("#f-timezone", "Mars/Olympus");
        find("#profile-form button[type='submit']").click();
        assertTrue(find("#e-timezone").getText().contains("timezone"), find("#main").getText());
        type("#f-timezone", "Europe/London");
        type("#f-databaseSize", "500");
        find("#profile-form button[type='submit']").click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("p.ok"), "Profile saved."));
        assertEquals(500L, ((Number) api("GET", "/dealerships/D1/profile", "national", null).get("databaseSize")).longValue());

        signIn("dealer:D1");
        WebElement soldRow = find("#funnel tr[data-stage='sold']");
        assertEquals("50%", soldRow.findElements(By.cssSelector("td")).get(4).getText(), "the sold target rate now in force");
        assertEquals(0.5, ((Number) map(api("GET", "/dealerships/D1/kpi", "dealer:D1", null), "targets").get("soldRate")).doubleValue());
    }

    @Test
    @Order(7)
    void theMainFlowWorksFromTheKeyboardAlone() throws Exception {
        open("");
        find("#sign-out").click();
        find("#as-national");
        // the sign-in form's first control has the focus; arrow to national, tab to the button, Enter
        Actions keys = new Actions(browser);
        keys.sendKeys(Keys.ENTER).perform();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("who"), "national"));
        find("#league");
        tabTo("#league a[href^='#/d/D1']");
        new Actions(browser).sendKeys(Keys.ENTER).perform();
        find("#funnel");
        tabTo("button[data-range='all']");
        new Actions(browser).sendKeys(Keys.ENTER).perform();
        screenMatchesApi("D1", "range=all");
        tabTo("#funnel tr[data-stage='sold'] td a");
        new Actions(browser).sendKeys(Keys.ENTER).perform();
        find("#agreements tbody tr");
    }

    /** Presses Tab until the element is focused (at most 80 times): reachable from the keyboard, in order. */
    private void tabTo(String css) {
        WebElement target = find(css);
        for (int i = 0; i < 80; i++) {
            if (target.equals(browser.switchTo().activeElement())) {
                return;
            }
            new Actions(browser).sendKeys(Keys.TAB).perform();
        }
        throw new AssertionError(css + " is not reachable with Tab");
    }

    @Test
    @Order(8)
    void onAPhoneTheDealershipScreenFitsTheWidth() throws Exception {
        browser.manage().window().setSize(new Dimension(390, 844));
        open("#/d/D1?range=ytd");
        find("#funnel");
        long overflow = ((Number) ((JavascriptExecutor) browser).executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth")).longValue();
        assertEquals(0, overflow, "no sideways scrolling of the page (wide tables scroll inside their own box)");
        screenshot("dealership-phone");
        browser.manage().window().setSize(new Dimension(1280, 1000));
    }

    // ---- numbers a manager can trust at first sight: a profile made today over months of history (D3, in Sydney)

    @Test
    @Order(9)
    void theNumbersReadRightAtFirstSight() throws Exception {
        java.time.Instant aMinuteAgo = java.time.Instant.now().minusSeconds(60);
        YearMonth thisMonth = YearMonth.from(aMinuteAgo.atZone(ZoneId.of("Australia/Sydney")));
        // created today, so its size takes effect this month; it describes the months before too
        api("PUT", "/dealerships/D3/profile", "national", "{\"name\":\"Sydney Motors\",\"region\":\"South\",\"brand\":\"Kia\","
                + "\"timezone\":\"Australia/Sydney\",\"databaseSize\":1001}");
        for (int i = 0; i < 27; i++) {          // 27 contacts of a target of 30.03: 89.9 %, printed 90 %
            status("D3", "c" + i, "Contacted", thisMonth.minusMonths(3).atDay(3) + "T10:00:00Z");
        }
        for (int i = 0; i < 41; i++) {          // 41 contacts, 20 sales: 2.05, "2.1:1"
            status("D3", "f" + i, i < 20 ? "Sold" : "Contacted", thisMonth.minusMonths(2).atDay(3) + "T10:00:00Z");
        }
        for (int i = 0; i < 17; i++) {          // 17 contacts, 11 sales: 1.545..., "1.5:1"
            status("D3", "s" + i, i < 11 ? "Sold" : "Contacted", thisMonth.minusMonths(1).atDay(3) + "T10:00:00Z");
        }
        for (int i = 0; i < 4; i++) {           // sold this month, contacted three months ago
            status("D3", "c" + i, "Sold", aMinuteAgo.toString());
        }
        signIn("dealer:D3");
        open("#/d/D3?range=all");
        find("#monthly");
        assertEquals("2.1:1", monthCell(thisMonth.minusMonths(2), 5));
        assertEquals("1.5:1", monthCell(thisMonth.minusMonths(1), 5));
        assertEquals("n/a", monthCell(thisMonth, 5));
        assertTrue(monthCell(thisMonth, 7).contains("4 sold, 0 contacted — these sales come from customers contacted before the month"),
                monthCell(thisMonth, 7));
        screenshot("first-sight-all");

        open("#/d/D3?range=mtd");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("range-shown"), thisMonth.atDay(1).toString()));
        String reason = find("#ratio-reason").getText();
        assertTrue(reason.contains("fewer agreements were first contacted (0) than sold (4)"), reason);
        assertFalse(find("#contact-to-sale").getText().contains("no sales yet"));

        YearMonth amber = thisMonth.minusMonths(3);
        open("#/d/D3?from=" + amber.atDay(1) + "&to=" + amber.atEndOfMonth());
        WebElement share = find("#funnel tr[data-stage='contacted'] .rag");
        assertEquals("90%", share.getText().split(",")[0].trim());
        assertTrue(share.getAttribute("class").contains("amber"), "printed as 90 %, so amber: " + share.getAttribute("class"));
        screenshot("first-sight-amber");

        open("#/d/D3/a/c0");
        find("#history");
        assertTrue(find("main .sub").getText().contains("times in Australia/Sydney"));
        String when = browser.findElements(By.cssSelector("#history tbody td")).get(0).getText();
        assertTrue(when.matches(".*GMT\\+1[01]$"), "the dealership's zone with its offset: " + when);
        assertEquals(0, ((Number) ((JavascriptExecutor) browser).executeScript(
                "const s = getComputedStyle(document.querySelector('h1')); return s.outlineStyle === 'none' ? 0 : parseFloat(s.outlineWidth);"))
                .doubleValue(), 0.0, "the heading that took the focus shows no outline box");
    }

    /** A cell of the monthly table's row for a month (0: the month). */
    private String monthCell(YearMonth month, int cell) {
        return find("#monthly tr[data-month='" + month + "']").findElements(By.cssSelector("th, td")).get(cell).getText();
    }

    // ---- dealer groups: G1 and G2 in Arnold Clark, G3 in Lookers; a group's managers see their group and nothing else

    private static final String GROUP = "Arnold Clark";
    private static final String GROUP_PATH = "/groups/Arnold%20Clark";
    private static final YearMonth LAST_MONTH = YearMonth.from(TODAY).minusMonths(1);

    private void seedGroups() throws Exception {
        api("PUT", "/dealerships/G1/profile", "national", "{\"name\":\"Glasgow Vauxhall\",\"region\":\"Scotland\",\"brand\":\"Vauxhall\","
                + "\"group\":\"" + GROUP + "\",\"databaseSize\":200}");
        api("PUT", "/dealerships/G2/profile", "national", "{\"name\":\"Edinburgh Toyota\",\"region\":\"Scotland\",\"brand\":\"Toyota\","
                + "\"group\":\"" + GROUP + "\",\"databaseSize\":250}");
        api("PUT", "/dealerships/G3/profile", "national", "{\"name\":\"Leeds Peugeot\",\"region\":\"Yorkshire\",\"brand\":\"Peugeot\","
                + "\"group\":\"Lookers\",\"databaseSize\":150}");
        // last month, so every range but this month's holds them
        status("G1", "g1a", "Contacted", LAST_MONTH.atDay(3) + "T10:00:00Z");
        status("G1", "g1b", "Contacted", LAST_MONTH.atDay(4) + "T10:00:00Z");
        status("G1", "g1a", "Sold", LAST_MONTH.atDay(10) + "T10:00:00Z");
        for (int i = 1; i <= 3; i++) {
            status("G2", "g2" + i, "Contacted", LAST_MONTH.atDay(5) + "T10:00:00Z");
        }
        status("G2", "g21", "Appointed", LAST_MONTH.atDay(6) + "T10:00:00Z");
        status("G3", "g3a", "Contacted", LAST_MONTH.atDay(5) + "T10:00:00Z");
        status("G3", "g3a", "Sold", LAST_MONTH.atDay(7) + "T10:00:00Z");
    }

    /** The dealerships the league table on screen lists. */
    private java.util.Set<String> leagueRows() {
        return new java.util.TreeSet<>(browser.findElements(By.cssSelector("#league tbody tr")).stream()
                .map(row -> row.getAttribute("data-dealership")).toList());
    }

    /** Opens a screen the signed-in user may not use: refused with the text, and none of its content shown. */
    private void refused(String hash, String text) {
        open(hash);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#main .error"), text));
        assertTrue(browser.findElements(By.cssSelector("#funnel, #league, #targets-form, #profile-form")).isEmpty(),
                hash + ": " + find("#main").getText());
    }

    @Test
    @Order(10)
    void nationalSeesDealerGroupsBesideRegionsAndBrandsAndEditsAGroupsTargetsAndAProfilesGroup() throws Exception {
        seedGroups();
        signIn("national");
        find("#league");
        WebElement option = find("#scope option[value='group:" + GROUP + "']");
        assertEquals(GROUP + " (2)", option.getText());
        assertEquals("Dealer groups", option.findElement(By.xpath("..")).getAttribute("label"));
        assertEquals(1, browser.findElements(By.cssSelector("#scope option[value='group:Lookers']")).size());
        new org.openqa.selenium.support.ui.Select(find("#scope")).selectByValue("group:" + GROUP);
        wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "League table: " + GROUP + " (dealer group)"));
        assertEquals(new java.util.TreeSet<>(List.of("G1", "G2")), leagueRows(), "only the group's dealerships");
        for (WebElement row : browser.findElements(By.cssSelector("#league tbody tr"))) {
            assertEquals(GROUP, row.findElements(By.cssSelector("td")).get(2).getText(), "the group column");
        }
        screenshot("league-group-national");

        open("#/targets?scope=group%3AArnold%20Clark");
        find("#targets-form");
        assertEquals("group", new org.openqa.selenium.support.ui.Select(find("#scope-kind")).getFirstSelectedOption().getAttribute("value"));
        type("#f-soldRate", "0.4");
        find("#targets-form button[type='submit']").click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("p.ok"), "Targets saved."));
        assertEquals(0.4, ((Number) map(api("GET", "/targets/groups/Arnold%20Clark", "national", null), "override").get("soldRate"))
                .doubleValue());

        // the profile editor shows the group, and an emptied group takes the dealership out of it
        open("#/profile/G3");
        WebElement group = find("#f-group");
        assertEquals("Lookers", group.getAttribute("value"));
        group.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
        find("#profile-form button[type='submit']").click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("p.ok"), "Profile saved."));
        assertEquals(null, api("GET", "/dealerships/G3/profile", "national", null).get("group"), "G3 left its group");
        assertEquals("", find("#f-group").getAttribute("value"));
    }

    @Test
    @Order(11)
    void aGroupsManagersSignInToTheirLeagueTableAndOpenTheirDealershipsWithoutARefusedRequest() throws Exception {
        // no console error is expected here: a request the group's managers may not make would log its 403
        signIn("group:" + GROUP);
        find("#league");
        wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "League table: " + GROUP + " (dealer group)"));
        assertTrue(browser.findElements(By.id("scope")).isEmpty(), "one scope only: no picker");
        List<WebElement> nav = browser.findElements(By.cssSelector("#nav a"));
        assertEquals(1, nav.size(), "a group's navigation: its league table only");
        assertEquals("League table: " + GROUP, nav.get(0).getText());
        assertEquals("page", nav.get(0).getAttribute("aria-current"));
        assertTrue(find("#who").getText().contains("group " + GROUP));

        find("button[data-range='all']").click();
        wait.until(ExpectedConditions.attributeToBe(By.cssSelector("button[data-range='all']"), "aria-pressed", "true"));
        Map<String, Object> rollUp = api("GET", GROUP_PATH + "/kpi?range=all", "group:" + GROUP, null);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rows = (List<Map<String, Object>>) rollUp.get("dealerships");
        assertEquals(new java.util.TreeSet<>(List.of("G1", "G2")), leagueRows(), "exactly the group's dealerships");
        assertEquals(2, rows.size());
        for (Map<String, Object> row : rows) {
            List<WebElement> cells = find("#league tr[data-dealership='" + row.get("dealershipId") + "']").findElements(By.cssSelector("td"));
            assertEquals(String.valueOf(map(row, "counts").get("sold")), cells.get(cells.size() - 1).getText());
            assertEquals(map(row, "contactToSale").get("label"), cells.get(3).getText());
        }
        assertEquals(1L, ((Number) map(rollUp, "counts").get("sold")).longValue(), "G1's one sale; G3's is not the group's");
        assertEquals(5L, ((Number) map(rollUp, "counts").get("contacted")).longValue());
        assertEquals(shown(map(rollUp, "counts").get("sold")), find("#scope-sold").getText());
        assertEquals("2", find("#scope-dealerships").getText());
        assertEquals(map(rollUp, "contactToSale").get("label"), find("#scope-ratio").getText());
        screenshot("league-group-manager");

        find("#league a[href^='#/d/G1']").click();
        find("#funnel");
        screenMatchesApi("G1", "range=all");
        assertEquals("Glasgow Vauxhall (G1)", find("h1").getText(), "named by the report: no profile read, none refused");
        assertTrue(browser.findElements(By.linkText("Edit profile")).isEmpty());
        assertTrue(browser.findElements(By.linkText("Edit targets")).isEmpty());
        Map<String, Object> targets = map(api("GET", "/dealerships/G1/kpi?range=all", "group:" + GROUP, null), "targets");
        assertEquals(0.4, ((Number) targets.get("soldRate")).doubleValue(), "the group's target, set by national");
        List<WebElement> sold = find("#funnel tr[data-stage='sold']").findElements(By.cssSelector("td"));
        assertEquals("40%", sold.get(4).getText());
        assertEquals(map(targets, "source").get("soldRate"), sold.get(5).getText());
        assertTrue(sold.get(5).getText().startsWith("group:"), sold.get(5).getText());
        screenshot("dealership-group-manager");

        find("#funnel tr[data-stage='sold'] td a").click();
        find("#agreements tbody tr");
        browser.findElement(By.linkText("g1a")).click();
        find("#milestones");
        assertTrue(find("main .sub").getText().contains("times in Europe/London"), find("main .sub").getText());

        open("#/d/G2?range=all");
        find("#funnel");
        screenMatchesApi("G2", "range=all");
        find("main a[href^='#/league']").click();
        find("#league");
        assertEquals(new java.util.TreeSet<>(List.of("G1", "G2")), leagueRows(), "back to the group's league table");
    }

    @Test
    @Order(12)
    void aGroupsManagersAreRefusedDealershipsOutsideTheGroupAndNationalScreens() throws Exception {
        expectedConsoleErrors.add("status of 403");
        refused("#/d/G3", "403");
        refused("#/d/D1/usage", "403");
        refused("#/d/G3/a/g3a", "403");
        refused("#/league", "own group");
        refused("#/league?scope=group%3ALookers", "own group");
        refused("#/league?scope=brand%3AKia", "own group");
        refused("#/targets?scope=group%3AArnold%20Clark", "Only national management");
        refused("#/profile/G1", "Only national management");
        // the other spelling of the group is the same group, and so is the scope's kind in capitals
        for (String scope : List.of("group%3Aarnold_clark", "Group%3AArnold%20Clark")) {
            open("#/league?scope=" + scope);
            wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "League table: " + GROUP + " (dealer group)"));
            assertEquals(new java.util.TreeSet<>(List.of("G1", "G2")), leagueRows(), scope);
        }
    }

    @Test
    @Order(13)
    void aUserPoolTokenIsReadAsTheApiReadsIt() {
        // the dashboard's reading of a deployed sign-in's access token (its cognito:groups), in this browser
        assertEquals("group Arnold_Clark", tokenRead("group-Arnold_Clark", "group-arnold_clark"),
                "two spellings of one dealer group are one group, as the API takes them");
        assertEquals("refused: Unusable user-pool group", tokenRead("group-Arnold&Co"),
                "a group name the API refuses (a 401 signing in again cannot cure) is named at sign-in");
        assertEquals("refused: Unusable user-pool group", tokenRead("group-Arnold&Co", "dealer-D1"),
                "not served as D1: the API refuses every request of this token");
        assertEquals("refused: Several dealerships or groups", tokenRead("group-Arnold_Clark", "group-Lookers"));
        assertEquals("refused: Several dealerships or groups", tokenRead("dealer-D1", "group-Lookers"));
        assertEquals("national", tokenRead("national", "group-Arnold&Co"), "national wins, as in the API");
        assertEquals("dealer D1", tokenRead("dealer-D1"));
    }

    @Test
    @Order(14)
    void anAgreementOpenedFromALongListComesBackToItWhereItWasLeft() throws Exception {
        // a dealership of its own (the tables above stay as they were), with more contacts in a month than a page holds
        YearMonth april = LAST_YEAR_MARCH.plusMonths(1);
        api("PUT", "/dealerships/L9/profile", "national", "{\"name\":\"Cardiff Skoda\",\"region\":\"Wales\"}");
        for (int i = 1; i <= 55; i++) {
            status("L9", String.format("w%02d", i), "Contacted", april.atDay(1 + i % 28) + "T" + String.format("%02d", 8 + i % 10) + ":00:00Z");
        }
        signIn("national");
        String range = "from=" + april.atDay(1) + "&to=" + april.atEndOfMonth();
        open("#/d/L9/agreements/contacted?" + range);
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#agreements tbody tr"), 50));
        find("#more").click();
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#agreements tbody tr"), 55));
        WebElement onSecondPage = browser.findElements(By.cssSelector("#agreements tbody th a")).get(52);
        String opened = onSecondPage.getText();
        onSecondPage.click();
        find("#milestones");
        assertEquals("← Contacted: agreements", find("main p a").getText(), "the agreement leads back to its list");

        browser.navigate().back();
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#agreements tbody tr"), 55));
        wait.until(driver -> opened.equals(driver.switchTo().activeElement().getText()));
        assertEquals(55, browser.findElements(By.cssSelector("#agreements tbody tr")).size(), "both pages, as it was left");

        browser.findElement(By.linkText(opened)).click();
        find("#milestones");
        find("main p a").click();
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#agreements tbody tr"), 55));
        wait.until(driver -> opened.equals(driver.switchTo().activeElement().getText()));

        // a new visit to the list (from the dealership's count) starts at its top, the heading announced
        find("main p a").click();
        find("#funnel tr[data-stage='contacted'] td a").click();
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#agreements tbody tr"), 50));
        wait.until(driver -> "h1".equalsIgnoreCase(driver.switchTo().activeElement().getTagName()));
    }

    @Test
    @Order(15)
    void theLeagueTableSortsWhatItReadAndADownloadSaysWhatHappened() {
        signIn("national");
        open("#/league?scope=national&range=ytd");
        find("#league");
        JavascriptExecutor page = (JavascriptExecutor) browser;
        page.executeScript("""
                window.requestsSent = [];
                window.realFetch = window.realFetch || window.fetch;
                window.fetch = (url, init) => { window.requestsSent.push(String(url)); return window.realFetch(url, init); };""");
        find("button[data-sort='sold']").click();
        wait.until(ExpectedConditions.or(
                ExpectedConditions.attributeToBe(By.cssSelector("th:has(button[data-sort='sold'])"), "aria-sort", "ascending"),
                ExpectedConditions.attributeToBe(By.cssSelector("th:has(button[data-sort='sold'])"), "aria-sort", "descending")));
        assertEquals(List.of(), page.executeScript("return window.requestsSent"), "sorted on the table already read");

        WebElement csv = wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//button[text()='Download CSV']")));
        csv.click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("download-status"), "kpi-national.csv downloaded."));

        // the service out of reach, then failing: each said in words that tell the manager what to do
        page.executeScript("window.fetch = () => Promise.reject(new TypeError('Failed to fetch'));");
        csv.click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("download-status"), "Could not reach the service"));
        assertTrue(find("#download-status").getText().contains("check your connection"), find("#download-status").getText());
        page.executeScript("""
                window.fetch = () => Promise.resolve(new Response(JSON.stringify({ title: 'Internal Server Error',
                  detail: 'java.lang.NullPointerException at RollUps.java:212' }),
                  { status: 500, headers: { 'Content-Type': 'application/problem+json' } }));""");
        csv.click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("download-status"), "Support Portal"));
        assertTrue(!find("#download-status").getText().contains("NullPointerException"), "no stack trace in a manager's face");
        page.executeScript("window.fetch = window.realFetch;");
    }

    /** How the dashboard takes an access token whose {@code cognito:groups} are these: its role, or its refusal. */
    private String tokenRead(String... groups) {
        return (String) ((JavascriptExecutor) browser).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const part = json => btoa(JSON.stringify(json)).replace(/\\+/g, '-').replace(/\\//g, '_').replace(/=+$/, '');
                import('/app/auth.js').then(auth => {
                  const session = auth.sessionFromToken(`${part({ alg: 'none' })}.${part({ sub: 'u1', 'cognito:groups': arguments[0] })}.x`, 3600);
                  done(session.refusal ? `refused: ${session.refusal.title}`
                    : session.role === 'group' ? `group ${session.group}` : session.role === 'dealer' ? `dealer ${session.dealershipId}` : session.role);
                }, e => done(`failed: ${e}`));""", List.of(groups));
    }
}
