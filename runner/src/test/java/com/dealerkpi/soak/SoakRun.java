package com.dealerkpi.soak;

import com.dealerkpi.json.Json;
import com.dealerkpi.support.KpiModel;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The soak: drives a real local runner ({@code java -jar target/dealer-kpi.jar serve}) over HTTP with N parallel
 * clients for M seconds (keyed status updates, retried on 503 like the CRM does), then checks every agreement
 * against the model and prints throughput and latency percentiles. Bounded in time; not part of CI:
 * {@code mvn -Pit verify -DskipUnitTests -Dit.test=SoakRun -Dsoak.clients=8 -Dsoak.seconds=60}.
 */
class SoakRun {
    private static final List<String> STATUSES = List.of("Contacted", "Appointed", "Attended", "Sold", "Not Sold", "No Answer", "Lost");

    @Test
    void soak() throws Exception {
        int clients = Integer.getInteger("soak.clients", 8);
        int seconds = Integer.getInteger("soak.seconds", 30);
        long seed = Long.getLong("seed", System.nanoTime());
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Process runner = new ProcessBuilder("java", "-jar", "target/dealer-kpi.jar", "serve", "--port", Integer.toString(port))
                .redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(runner.getInputStream(), StandardCharsets.UTF_8));
            for (String line = out.readLine(); line != null && !line.startsWith("listening on"); line = out.readLine()) {
                // wait for the runner
            }
            Thread drain = new Thread(() -> out.lines().forEach(l -> { }), "runner-log");
            drain.setDaemon(true);
            drain.start();
            run(URI.create("http://127.0.0.1:" + port), clients, seconds, seed);
        } finally {
            runner.destroy();
            runner.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static void run(URI base, int clients, int seconds, long seed) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        KpiModel model = new KpiModel();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger errors = new AtomicInteger();
        AtomicInteger retries = new AtomicInteger();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> done = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            done.add(pool.submit(() -> {
                Random random = new Random(seed + client);
                for (int i = 0; System.nanoTime() < deadline; i++) {
                    String dealership = "S" + random.nextInt(3);
                    String agreement = "A" + random.nextInt(200);
                    String status = STATUSES.get(random.nextInt(STATUSES.size()));
                    Instant at = Instant.parse("2026-01-01T00:00:00Z").plusSeconds(random.nextInt(25_000_000));
                    String key = "soak-" + client + "-" + i;
                    HttpRequest request = HttpRequest.newBuilder(base.resolve("/dealerships/" + dealership + "/agreements/" + agreement + "/status"))
                            .header("Content-Type", "application/json").header("Idempotency-Key", key)
                            .header("X-Local-Principal", "dealer:" + dealership)
                            .POST(HttpRequest.BodyPublishers.ofString("{\"status\":\"" + status + "\",\"occurredAt\":\"" + at + "\"}"))
                            .timeout(Duration.ofSeconds(30)).build();
                    for (int attempt = 0; ; attempt++) {
                        long start = System.nanoTime();
                        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                        latencies.add(System.nanoTime() - start);
                        if (response.statusCode() == 201 || response.statusCode() == 200) {
                            Map<String, Object> body = Json.readObject(response.body());
                            model.accept(new KpiModel.Event(dealership, agreement, (String) body.get("eventId"),
                                    KpiModel.canonical(status), at, (String) body.get("userId")));
                            break;
                        }
                        if (response.statusCode() != 503 || attempt > 20) {
                            errors.incrementAndGet();
                            System.out.println("error: " + response.statusCode() + " " + response.body());
                            break;
                        }
                        retries.incrementAndGet();
                        Thread.sleep(100);
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();

        int drift = 0;
        for (String key : model.agreements().keySet()) {
            String[] parts = key.split("/");
            HttpResponse<String> view = http.send(HttpRequest.newBuilder(base.resolve("/dealerships/" + parts[0] + "/agreements/" + parts[1]))
                    .header("X-Local-Principal", "national").build(), HttpResponse.BodyHandlers.ofString());
            Map<String, Object> body = Json.readObject(view.body());
            Map<String, Object> expected = new HashMap<>();
            model.milestones(parts[0], parts[1]).forEach((stage, mark) ->
                    expected.put(stage, Map.of("at", mark.at().toString(), "backfilled", mark.backfilled())));
            List<?> history = (List<?>) body.get("history");
            if (!expected.equals(body.get("milestones")) || history.size() != model.history(parts[0], parts[1]).size()) {
                drift++;
                System.out.println("drift in " + key + ": " + body);
            }
        }
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf("soak: %d clients x %d s: %d updates (%.0f/s), %d retried 503s, %d errors, %d agreements drifted; "
                        + "latency p50 %.1f ms, p99 %.1f ms, max %.1f ms (seed %d)%n",
                clients, seconds, model.agreements().values().stream().mapToInt(List::size).sum(),
                model.agreements().values().stream().mapToInt(List::size).sum() / (double) seconds, retries.get(), errors.get(),
                drift, pct(sorted, 0.50), pct(sorted, 0.99), sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1) / 1e6, seed);
        assertEquals(0, errors.get(), "errors");
        assertEquals(0, drift, "agreements that differ from the model");
    }

    private static double pct(List<Long> sorted, double q) {
        return sorted.isEmpty() ? 0 : sorted.get((int) Math.min(sorted.size() - 1, Math.floor(q * sorted.size()))) / 1e6;
    }
}
