package com.dealerkpi.local;

import com.dealerkpi.json.Json;
import com.dealerkpi.support.RunnerProcess;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The import command against the local runner, both as processes: killed half-way and run again, every valid row
 * ends up exactly once, the bad rows are listed with the API's reasons, and the exit code says some were rejected.
 */
@Tag("backend-free")
class ImportIT {
    private static final List<String> STATUSES = List.of("Contacted", "Appointed", "Attended", "Sold", "Not Sold", "No Answer");

    @TempDir
    Path work;

    @Test
    void anImportKilledHalfWayAndRunAgainCreatesEveryRowExactlyOnce() throws Exception {
        try (RunnerProcess serve = RunnerProcess.serve()) {
            int port = serve.port();
            Random random = new Random(42);
            List<String> lines = new ArrayList<>(List.of("dealershipId,agreementId,status,occurredAt,userId"));
            Map<String, Integer> rowsPerAgreement = new HashMap<>();
            Instant start = Instant.parse("2023-01-01T00:00:00Z");
            for (int i = 0; i < 1500; i++) {
                String dealership = "IMP" + random.nextInt(3);
                String agreement = "old-" + random.nextInt(400);
                String at = start.plusSeconds(random.nextInt(90_000_000)).toString();
                lines.add(String.join(",", dealership, agreement, STATUSES.get(random.nextInt(STATUSES.size())), at,
                        "\"crm, user " + random.nextInt(5) + "\""));
                rowsPerAgreement.merge(dealership + "/" + agreement, 1, Integer::sum);
            }
            lines.add(2, "IMP0,old-1,Bought,2024-01-01T00:00:00Z,u");        // not a status
            lines.add(5, "IMP0,old-2,Sold,yesterday,u");                      // not a moment
            lines.add(9, "IMP0,old-3,Sold");                                   // too few cells
            Path file = work.resolve("history.csv");
            Files.write(file, lines);

            Process first = importProcess(port, file).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            Path checkpoint = Path.of(file + ".checkpoint");
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (!(Files.exists(checkpoint) && Long.parseLong(Files.readString(checkpoint).trim()) > 200)
                    && first.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertTrue(first.isAlive(), "the first run should still be going when it is killed");
            first.destroyForcibly().waitFor(10, TimeUnit.SECONDS);

            Process second = importProcess(port, file).start();
            String output = new String(second.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(second.waitFor(180, TimeUnit.SECONDS));
            assertEquals(2, second.exitValue(), "some rows were rejected: " + output);
            assertTrue(output.contains("resuming after line"), output);
            List<String> rejected = Files.readAllLines(Path.of(file + ".rejected.csv"));
            assertEquals(4, rejected.size(), String.join("\n", rejected));
            assertTrue(rejected.get(1).startsWith("3,") && rejected.get(1).contains("not a known status"), rejected.get(1));
            assertTrue(rejected.get(2).startsWith("6,") && rejected.get(2).contains("occurredAt"), rejected.get(2));
            assertTrue(rejected.get(3).startsWith("10,") && rejected.get(3).contains("3 cells"), rejected.get(3));

            HttpClient http = HttpClient.newHttpClient();
            for (Map.Entry<String, Integer> agreement : rowsPerAgreement.entrySet()) {
                String[] ids = agreement.getKey().split("/");
                HttpResponse<String> view = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/dealerships/" + ids[0] + "/agreements/" + ids[1])).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, view.statusCode(), view.body());
                assertEquals(agreement.getValue(), ((List<?>) Json.readObject(view.body()).get("history")).size(),
                        agreement.getKey() + " has each of its rows exactly once");
            }
            System.out.println("ImportIT second run: " + output.lines().filter(l -> l.startsWith("import: ") && l.contains("rows:"))
                    .findFirst().orElse(output));
        }
    }

    private static ProcessBuilder importProcess(int port, Path file) {
        return new ProcessBuilder("java", "-jar", RunnerProcess.JAR, "import", file.toString(), "--api", "http://127.0.0.1:" + port,
                "--parallel", "8").redirectErrorStream(true);
    }
}
