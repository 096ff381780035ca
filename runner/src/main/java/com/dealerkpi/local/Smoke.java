package com.dealerkpi.local;

import com.dealerkpi.api.auth.LocalPrincipal;
import com.dealerkpi.json.Json;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * {@code smoke}: walks the events' story against a running API, deployed or local, and reports each step: a
 * dealer records a status (and its replay), reads the agreement, the KPI report, the drill-down and usage; national
 * reads the dealership's targets; the dealer is refused another dealership and the targets editor. It writes one
 * agreement, named {@code smoke-<time>}, to the dealer's dealership.
 *
 * <p>Callers: bearer tokens ({@code --dealer-token}, {@code --national-token}) for a deployed stack, or the local
 * runner's principal header ({@code --local true}). Exit 0 when every step answered as expected, 1 otherwise.
 */
public final class Smoke {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final URI api;
    private final String dealership;
    private final Map<String, String> dealer;
    private final Map<String, String> national;
    private final PrintStream out;
    private int failures;

    private Smoke(URI api, String dealership, Map<String, String> dealer, Map<String, String> national, PrintStream out) {
        this.api = api;
        this.dealership = dealership;
        this.dealer = dealer;
        this.national = national;
        this.out = out;
    }

    public static int run(Options options, PrintStream out) throws IOException, InterruptedException {
        String base = options.optional("--api").orElseThrow(() -> new IllegalArgumentException("smoke needs --api URL"));
        String dealership = options.value("--dealership", "D1");
        boolean local = options.flag("--local");
        Map<String, String> dealer = local ? Map.of(LocalPrincipal.HEADER, "dealer:" + dealership)
                : bearer(options, "--dealer-token");
        Map<String, String> national = local ? Map.of(LocalPrincipal.HEADER, "national") : bearer(options, "--national-token");
        Smoke smoke = new Smoke(URI.create(base.endsWith("/") ? base : base + "/"), dealership, dealer, national, out);
        smoke.walk();
        out.println(smoke.failures == 0 ? "smoke: all steps passed" : "smoke: " + smoke.failures + " step(s) failed");
        return smoke.failures == 0 ? 0 : 1;
    }

    private static Map<String, String> bearer(Options options, String name) {
        return Map.of("Authorization", "Bearer " + options.optional(name)
                .orElseThrow(() -> new IllegalArgumentException("smoke needs " + name + " (or --local true for the local runner)")));
    }

    private void walk() throws IOException, InterruptedException {
        String agreement = "smoke-" + Instant.now().toEpochMilli();
        String base = "dealerships/" + dealership;
        String status = "{\"status\":\"Sold\",\"occurredAt\":\"" + Instant.now().minusSeconds(60) + "\"}";
        String key = "smoke-" + agreement;
        step("record a Sold (back-fills three stages)", "POST", base + "/agreements/" + agreement + "/status", dealer, status, key,
                201, body -> ((List<?>) body.get("kpi")).size() == 4);
        step("replay it with the same Idempotency-Key", "POST", base + "/agreements/" + agreement + "/status", dealer, status, key,
                200, body -> true);
        step("read the agreement", "GET", base + "/agreements/" + agreement, dealer, null, null,
                200, body -> ((Map<?, ?>) body.get("milestones")).size() == 4);
        step("KPI report, year to date", "GET", base + "/kpi", dealer, null, null,
                200, body -> ((Number) ((Map<?, ?>) body.get("counts")).get("sold")).longValue() >= 1);
        step("the agreements behind the Sold count", "GET", base + "/kpi/sold/agreements?limit=500", dealer, null, null,
                200, body -> ((List<?>) body.get("items")).stream().anyMatch(i -> agreement.equals(((Map<?, ?>) i).get("agreementId"))));
        step("usage, month to date", "GET", base + "/usage?range=mtd", dealer, null, null,
                200, body -> ((Number) body.get("total")).longValue() >= 1);
        step("the dealership's targets, as national", "GET", "targets/dealerships/" + dealership, national, null, null,
                200, body -> body.containsKey("history"));
        step("the targets editor is refused to a dealer", "PUT", "targets/dealerships/" + dealership, dealer,
                "{\"soldRate\":0.9}", null, 403, body -> true);
        step("another dealership is refused to a dealer", "GET", "dealerships/" + dealership + "-other/kpi", dealer, null, null,
                403, body -> true);
    }

    private void step(String name, String method, String path, Map<String, String> caller, String body, String key,
                      int expected, Predicate<Map<String, Object>> check) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(api.resolve(path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        caller.forEach(request::header);
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        long start = System.nanoTime();
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        long millis = (System.nanoTime() - start) / 1_000_000;
        boolean ok = response.statusCode() == expected;
        if (ok && response.statusCode() < 300) {
            try {
                ok = check.test(Json.readObject(response.body()));
            } catch (RuntimeException unexpectedShape) {
                ok = false;
            }
        }
        out.printf("%-4s %-45s %s %s -> %d (expected %d, %d ms)%n", ok ? "ok" : "FAIL", name, method, path,
                response.statusCode(), expected, millis);
        if (!ok) {
            failures++;
            out.println("     " + response.body());
        }
    }
}
