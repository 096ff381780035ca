package com.dealerkpi.local;

import com.dealerkpi.support.RunnerProcess;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The local runner killed with {@code kill -9} in the middle of a concurrent load, on a store of its own (the
 * runner's {@code dynamodb}): the store survives its client's death, and once the runner is started again and a
 * sweep has run, every aggregate equals the recount of the milestones ({@code verify-aggregates} exits 0).
 */
@Tag("backend-free")
class KillRecoveryIT {
    private static final List<String> STATUSES = List.of("Contacted", "Appointed", "Attended", "Sold", "Not Sold", "No Answer");

    @Test
    void aRunnerKilledMidLoadLeavesNothingWrongOnceASweepHasRun() throws Exception {
        try (RunnerProcess store = RunnerProcess.dynamodb()) {
            String endpoint = store.url();
            RunnerProcess serve = RunnerProcess.serve("--dynamodb-endpoint", endpoint);
            AtomicInteger answered = new AtomicInteger();
            AtomicBoolean killed = new AtomicBoolean();
            ExecutorService clients = Executors.newFixedThreadPool(16);
            List<Future<?>> load = new ArrayList<>();
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            for (int c = 0; c < 16; c++) {
                Random random = new Random(c);
                load.add(clients.submit(() -> {
                    while (!killed.get()) {
                        try {
                            if (post(http, serve.url(), random) < 300) {
                                answered.incrementAndGet();
                            }
                        } catch (java.io.IOException cutOff) {
                            // the runner died under this request
                        }
                    }
                    return null;
                }));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (answered.get() < 300 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            serve.kill();
            killed.set(true);
            for (Future<?> client : load) {
                client.get();
            }
            clients.shutdown();
            assertTrue(answered.get() >= 300, "the load ran: " + answered.get() + " updates answered");
            assertTrue(store.isAlive(), "the store outlives a client killed mid-request");

            try (RunnerProcess again = RunnerProcess.serve("--dynamodb-endpoint", endpoint)) {
                RunnerProcess.Finished sweep = RunnerProcess.run("sweep", "--dynamodb-endpoint", endpoint);
                assertEquals(0, sweep.exitCode(), sweep.output());
                RunnerProcess.Finished verify = RunnerProcess.run("verify-aggregates", "--dynamodb-endpoint", endpoint);
                assertEquals(0, verify.exitCode(), verify.output());
                assertTrue(verify.output().contains(", 0 mismatches"), verify.output());
                System.out.printf("kill -9 after %d answered updates; %s; %s%n", answered.get(),
                        sweep.output().strip(), verify.output().strip());
                assertEquals(200, http.send(HttpRequest.newBuilder(URI.create(again.url() + "/dealerships/K1/kpi")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode(), "the restarted runner serves reports");
            }
        }
    }

    private static int post(HttpClient http, String api, Random random) throws java.io.IOException, InterruptedException {
        String dealership = "K" + random.nextInt(3);
        String agreement = "A" + random.nextInt(200);
        String at = Instant.parse("2026-01-01T00:00:00Z").plusSeconds(random.nextInt(20_000_000)).toString();
        String body = "{\"status\":\"" + STATUSES.get(random.nextInt(STATUSES.size())) + "\",\"occurredAt\":\"" + at + "\"}";
        HttpRequest request = HttpRequest.newBuilder(URI.create(api + "/dealerships/" + dealership + "/agreements/" + agreement
                        + "/status")).header("content-type", "application/json").timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
