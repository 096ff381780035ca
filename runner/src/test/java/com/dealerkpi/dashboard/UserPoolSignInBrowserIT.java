package com.dealerkpi.dashboard;

import com.dealerkpi.support.Chromium;
import com.dealerkpi.support.FakeUserPool;
import com.dealerkpi.support.RunnerProcess;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

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
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The deployed sign-in in a real browser: {@code serve --jwt-issuer} checks bearer tokens as the stack's JWT authorizer
 * does, and the dashboard signs in through a user pool's hosted page (authorization code with PKCE), here a
 * {@link FakeUserPool} on 127.0.0.1 that signs in whoever the test names. A dealer group's manager signs in and sees
 * the group's league table from the groups in the token alone.
 */
@Tag("backend-free")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UserPoolSignInBrowserIT {
    private static final FakeUserPool.User NATIONAL = new FakeUserPool.User("nia", List.of("national"));
    private static final FakeUserPool.User ARNOLD_CLARK_MANAGER = new FakeUserPool.User("amy", List.of("group-Arnold_Clark"));

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<String> expectedConsoleErrors = new ArrayList<>();
    private FakeUserPool pool;
    private RunnerProcess serve;
    private WebDriver browser;
    private WebDriverWait wait;

    @BeforeAll
    void start() throws Exception {
        browser = Chromium.start();
        wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        pool = new FakeUserPool();
        serve = RunnerProcess.serve("--jwt-issuer", pool.issuer(), "--jwt-audience", FakeUserPool.CLIENT_ID,
                "--sign-in-domain", pool.signInDomain());
        String national = pool.accessToken(NATIONAL, 600);
        send("PUT", "/dealerships/G1/profile", national, "{\"name\":\"Glasgow Vauxhall\",\"group\":\"Arnold Clark\"}", 201);
        send("PUT", "/dealerships/L1/profile", national, "{\"name\":\"Leeds Ford\",\"group\":\"Lookers\"}", 201);
        String anHourAgo = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString();
        for (String dealership : List.of("G1", "L1")) {
            send("POST", "/dealerships/" + dealership + "/agreements/a1/status", national,
                    "{\"status\":\"Sold\",\"occurredAt\":\"" + anHourAgo + "\"}", 201);
        }
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (serve != null) {
            serve.close();
        }
        if (pool != null) {
            pool.close();
        }
    }

    @AfterEach
    void noConsoleErrors() {
        Chromium.assertNoConsoleErrors(browser, expectedConsoleErrors);
    }

    @Test
    @Order(1)
    void aGroupsManagerSignsInThroughTheHostedPageAndSeesTheGroupsLeagueTable() {
        pool.signInNextAs(ARNOLD_CLARK_MANAGER);
        browser.get(serve.url() + "/");
        find("#sign-in").click();
        // the hosted page signs in at once and sends the browser back with a code, exchanged with its PKCE verifier
        wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "League table: Arnold Clark (dealer group)"));
        assertEquals("Signed in as amy (group Arnold Clark)", find("#who span").getText());
        assertEquals(Set.of("G1"), leagueRows(), "the group's dealership only: Lookers' L1 is not in it");
        assertEquals(1, pool.tokensIssued());
        assertFalse(browser.getCurrentUrl().contains("code="), "the code never stays in the address bar: " + browser.getCurrentUrl());
        String stored = (String) ((JavascriptExecutor) browser).executeScript(
                "return JSON.stringify([Object.entries(localStorage), Object.entries(sessionStorage)]);");
        assertFalse(stored.contains("eyJ") || stored.contains(FakeUserPool.REFRESH_TOKEN_PREFIX), "no token in the browser's storage: " + stored);

        expectedConsoleErrors.add("status of 403");
        browser.get(serve.url() + "/#/d/L1");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("main"), "403"));
        // a reload ends the sign-in (tokens live in memory only): the address waits behind the hosted page
        browser.navigate().refresh();
        find("#sign-in").click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("main"), "403"));
        assertEquals(2, pool.tokensIssued(), "signed in again through the hosted page");
        browser.get(serve.url() + "/#/league?scope=group%3AArnold%20Clark");
        find("#league a[href^='#/d/G1']").click();
        wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Glasgow Vauxhall (G1)"));
    }

    @Test
    @Order(2)
    void aUserPoolGroupTheApiCannotUseIsNamedAtSignIn() {
        pool.signInNextAs(new FakeUserPool.User("bob", List.of("group-Arnold&Co", "dealer-G1")));
        browser.get(serve.url() + "/");
        find("#sign-in").click();
        wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Unusable user-pool group"));
        assertTrue(find("main").getText().contains("group-Arnold&Co"), find("main").getText());
    }

    @Test
    @Order(3)
    void theApiTakesOnlyTheIssuersValidTokens() throws Exception {
        send("GET", "/groups/Arnold_Clark/kpi", pool.accessToken(ARNOLD_CLARK_MANAGER, 60), null, 200);
        send("GET", "/kpi", pool.accessToken(ARNOLD_CLARK_MANAGER, 60), null, 403);
        send("GET", "/kpi", pool.accessToken(NATIONAL, 60), null, 200);
        send("GET", "/kpi", null, null, 401);
        send("GET", "/kpi", pool.accessToken(NATIONAL, -60), null, 401);
        send("GET", "/kpi", pool.forgedToken(NATIONAL), null, 401);
        long inAMinute = Instant.now().plusSeconds(60).getEpochSecond();
        List<Map<String, Object>> refusedClaims = List.of(Map.of("iss", pool.issuer() + "-other"),
                Map.of("client_id", "another-client"), Map.of("aud", List.of("another-client")), Map.of("nbf", inAMinute),
                Map.of("iat", inAMinute), Map.of("exp", String.valueOf(inAMinute)), Map.of("exp", ""));
        for (Map<String, Object> claims : refusedClaims) {
            send("GET", "/kpi", pool.accessToken(NATIONAL, 60, claims, Map.of()), null, 401);
        }
        send("GET", "/kpi", pool.accessToken(NATIONAL, 60, Map.of("aud", List.of(FakeUserPool.CLIENT_ID)), Map.of()), null, 200);
        List<Map<String, Object>> refusedHeaders = List.of(Map.of("kid", "another-key"), Map.of("alg", "none"),
                Map.of("alg", "HS256"), Map.of("kid", ""));
        for (Map<String, Object> header : refusedHeaders) {
            send("GET", "/kpi", pool.accessToken(NATIONAL, 60, Map.of(), header), null, 401);
        }
        HttpResponse<String> asLocalPrincipal = http.send(HttpRequest.newBuilder(URI.create(serve.url() + "/kpi"))
                .header("X-Local-Principal", "national").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, asLocalPrincipal.statusCode(), "the runner's principal header means nothing here");
        assertEquals("{\"message\":\"Unauthorized\"}", asLocalPrincipal.body(), "API Gateway's own answer");
        HttpResponse<String> groupAsNational = http.send(HttpRequest.newBuilder(URI.create(serve.url() + "/kpi"))
                .header("Authorization", "Bearer " + pool.accessToken(ARNOLD_CLARK_MANAGER, 60))
                .header("X-Local-Principal", "national").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, groupAsNational.statusCode(), "the token decides, not the header: " + groupAsNational.body());
    }

    /** Sends a request with a bearer token (or none) and checks the status it is answered. */
    private void send(String method, String path, String token, String body, int expected) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(serve.url() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(expected, response.statusCode(), method + " " + path + ": " + response.body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Set<String> leagueRows() {
        find("#league");
        Set<String> rows = new TreeSet<>();
        browser.findElements(By.cssSelector("#league tbody tr")).forEach(row -> rows.add(row.getAttribute("data-dealership")));
        return rows;
    }

    private WebElement find(String css) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }
}
