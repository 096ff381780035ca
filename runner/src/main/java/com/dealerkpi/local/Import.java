package com.dealerkpi.local;

import com.dealerkpi.api.auth.LocalPrincipal;
import com.dealerkpi.domain.Digests;
import com.dealerkpi.json.Json;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code import <file> --api URL [--token T | --principal P]}: loads status history from an old CRM through the
 * public status route, so every rule, limit and permission applies unchanged. Each row is sent with an
 * Idempotency-Key derived from its content: re-running or resuming an import creates nothing twice (a row already
 * imported answers 200 and changes nothing). A checkpoint beside the file ({@code <file>.checkpoint}) lets a resumed
 * run skip the rows already done.
 *
 * <p>Rows: CSV with the header {@code dealershipId,agreementId,status,occurredAt[,userId]}, or JSON Lines (one
 * object per line with those fields). Exit 0 when nothing was rejected, 2 when some rows were (they are listed
 * with their line and the API's message in {@code <file>.rejected.csv}), 1 on a fatal error.
 */
public final class Import {
    private static final List<String> COLUMNS = List.of("dealershipId", "agreementId", "status", "occurredAt", "userId");
    private static final int MAX_ATTEMPTS = 8;

    /** One row of the file, by its line number (1-based, the header is line 1 of a CSV). */
    record Row(long line, Map<String, String> fields, String problem) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final URI api;
    private final Map<String, String> caller;
    private final PrintStream err;
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong alreadyImported = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private Path rejectedFile;
    /** Which rows of this run are finished; the checkpoint is the last row of the finished prefix. */
    private final BitSet finished = new BitSet();
    private int finishedPrefix;

    private Import(URI api, Map<String, String> caller, PrintStream err) {
        this.api = api;
        this.caller = caller;
        this.err = err;
    }

    public static int run(Options options, PrintStream out, PrintStream err) {
        try {
            if (options.positional().size() != 1) {
                throw new IllegalArgumentException("import needs <file>");
            }
            Path file = Path.of(options.positional().get(0));
            String base = options.optional("--api").orElseThrow(() -> new IllegalArgumentException("import needs --api URL"));
            Map<String, String> caller = options.optional("--token").map(t -> Map.of("Authorization", "Bearer " + t))
                    .orElseGet(() -> Map.of(LocalPrincipal.HEADER, options.value("--principal", "national")));
            int parallel = Integer.parseInt(options.value("--parallel", "16"));
            Import run = new Import(URI.create(base.endsWith("/") ? base : base + "/"), caller, err);
            return run.importFile(file, parallel, out);
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (Exception e) {
            err.println("import: fatal: " + e);
            return 1;
        }
    }

    private int importFile(Path file, int parallel, PrintStream out) throws IOException, InterruptedException {
        List<Row> rows = Rows.read(file);
        Path checkpoint = Path.of(file + ".checkpoint");
        long resumeAfter = Files.exists(checkpoint) ? Long.parseLong(Files.readString(checkpoint).trim()) : 0;
        List<Row> todo = rows.stream().filter(r -> r.line() > resumeAfter).toList();
        rejectedFile = Path.of(file + ".rejected.csv");
        if (resumeAfter > 0 && Files.exists(rejectedFile)) {
            err.printf("import: resuming after line %d (%d of %d rows left)%n", resumeAfter, todo.size(), rows.size());
            rejected.set(Files.readAllLines(rejectedFile).size() - 1L);
        } else {
            Files.writeString(rejectedFile, "line,dealershipId,agreementId,status,occurredAt,userId,reason\n");
        }
        long started = System.nanoTime();
        ExecutorService workers = Executors.newFixedThreadPool(parallel);
        Semaphore window = new Semaphore(parallel * 4);
        ImportProgress progress = new ImportProgress(todo.size(), err,
                () -> saveCheckpoint(checkpoint, finishedPrefix == 0 ? resumeAfter : todo.get(finishedPrefix - 1).line()));
        for (int i = 0; i < todo.size(); i++) {
            Row row = todo.get(i);
            int index = i;
            window.acquire();
            workers.submit(() -> {
                try {
                    send(row);
                } finally {
                    markFinished(index);
                    progress.tick();
                    window.release();
                }
            });
        }
        workers.shutdown();
        workers.awaitTermination(365, TimeUnit.DAYS);
        progress.done();
        Files.deleteIfExists(checkpoint);
        double seconds = (System.nanoTime() - started) / 1e9;
        out.printf("import: %d rows: %d accepted, %d already imported, %d rejected in %.1f s (%.0f rows/s)%n",
                todo.size(), accepted.get(), alreadyImported.get(), rejected.get(), seconds, todo.size() / Math.max(seconds, 1e-9));
        if (rejected.get() == 0) {
            Files.deleteIfExists(rejectedFile);
            return 0;
        }
        sortRejected();
        out.println("import: rejected rows (incl. earlier runs of this import), with the API's reasons: " + rejectedFile);
        return 2;
    }

    /** Posts one row, retrying what the API asks to retry (429, any 5xx) and lost connections, with backoff. */
    private void send(Row row) {
        if (row.problem() != null) {
            reject(row, row.problem());
            return;
        }
        Map<String, String> f = row.fields();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", f.get("status"));
        body.put("occurredAt", f.get("occurredAt"));
        if (f.get("userId") != null && !f.get("userId").isEmpty()) {
            body.put("userId", f.get("userId"));
        }
        String path = "dealerships/" + segment(f.get("dealershipId")) + "/agreements/" + segment(f.get("agreementId")) + "/status";
        String key = "import-" + Digests.sha256Hex(String.join("\n", f.get("dealershipId"), f.get("agreementId"),
                f.get("status"), f.get("occurredAt"), Optional.ofNullable(f.get("userId")).orElse("")));
        for (int attempt = 1; ; attempt++) {
            try {
                HttpRequest.Builder request = HttpRequest.newBuilder(api.resolve(path)).timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json").header("Idempotency-Key", key)
                        .POST(HttpRequest.BodyPublishers.ofString(Json.write(body)));
                caller.forEach(request::header);
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status == 201) {
                    accepted.incrementAndGet();
                    return;
                }
                if (status == 200) {
                    alreadyImported.incrementAndGet();
                    return;
                }
                if ((status == 429 || status == 503 || status >= 500) && attempt < MAX_ATTEMPTS) {
                    sleep(retryAfter(response, attempt));
                    continue;
                }
                reject(row, status + " " + detail(response.body()));
                return;
            } catch (IOException lost) {
                if (attempt >= MAX_ATTEMPTS) {
                    reject(row, "no answer from the API: " + lost.getMessage());
                    return;
                }
                sleep(Duration.ofMillis(200L << Math.min(attempt, 6)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                reject(row, "interrupted");
                return;
            }
        }
    }

    private static Duration retryAfter(HttpResponse<String> response, int attempt) {
        return response.headers().firstValue("Retry-After").map(s -> {
            try {
                return Duration.ofSeconds(Math.min(Long.parseLong(s.trim()), 60));
            } catch (NumberFormatException e) {
                return null;
            }
        }).orElse(Duration.ofMillis(200L << Math.min(attempt, 6)));
    }

    private static String detail(String problem) {
        try {
            Map<String, Object> json = Json.readObject(problem);
            return String.valueOf(json.getOrDefault("detail", problem));
        } catch (RuntimeException notJson) {
            return problem;
        }
    }

    private static String segment(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private synchronized void markFinished(int index) {
        finished.set(index);
        while (finished.get(finishedPrefix)) {
            finishedPrefix++;
        }
    }

    /** Written beside and moved over the old one, so a run killed at any moment leaves a whole checkpoint. */
    private void saveCheckpoint(Path checkpoint, long line) {
        try {
            Path next = Path.of(checkpoint + ".next");
            Files.writeString(next, Long.toString(line));
            Files.move(next, checkpoint, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            err.println("import: could not write the checkpoint: " + e.getMessage());
        }
    }

    /** In line order (rows are rejected in the order their requests end). */
    private void sortRejected() throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(rejectedFile));
        List<String> rows = new ArrayList<>(lines.subList(1, lines.size()));
        rows.sort(java.util.Comparator.comparingLong(l -> Long.parseLong(l.substring(0, l.indexOf(',')))));
        rows.add(0, lines.get(0));
        Files.write(rejectedFile, rows);
    }

    /** Appended as it happens, so a resumed import still reports the rows its earlier runs rejected. */
    private synchronized void reject(Row row, String reason) {
        List<String> cells = new ArrayList<>(List.of(Long.toString(row.line())));
        COLUMNS.forEach(c -> cells.add(Rows.csvCell(Optional.ofNullable(row.fields().get(c)).orElse(""))));
        cells.add(Rows.csvCell(reason));
        try {
            Files.writeString(rejectedFile, String.join(",", cells) + "\n", java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            err.println("import: could not record rejected line " + row.line() + ": " + e.getMessage());
        }
        rejected.incrementAndGet();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
