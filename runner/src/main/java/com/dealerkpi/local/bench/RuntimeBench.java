package com.dealerkpi.local.bench;

import com.dealerkpi.api.Json;
import com.dealerkpi.local.SamTemplate;
import com.dealerkpi.local.runtime.AwsDouble;
import com.dealerkpi.local.runtime.FloorFunction;
import com.dealerkpi.local.runtime.LambdaEnvironments;
import com.dealerkpi.local.runtime.LambdaProcess;
import com.dealerkpi.local.runtime.RuntimeApi;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Each function the way Lambda runs it: AWS's runtime interface client, the {@code sam build} layout, the managed
 * runtime's JVM flags, the environment the template gives it. Cold start is a fresh JVM to the first response,
 * against the same client running {@link FloorFunction} (one GetItem) beside the same lib/; under SnapStart, the
 * first request after the restore hooks against a warm one.
 */
final class RuntimeBench {
    private static final Duration ANSWER = Duration.ofSeconds(60);
    private static final int WARM_REQUESTS = 20;
    private static final Duration PAUSE = Duration.ofMillis(1000);

    /** A function and the events/ file it is measured with (the seeded table makes each answer 2xx). */
    private record Measured(String function, String eventFile, int status) {
    }

    private static final List<Measured> FUNCTIONS = List.of(
            new Measured("StatusFunction", "status-sold.json", 201),
            new Measured("ReportFunction", "kpi-ytd.json", 200),
            new Measured("AdminFunction", "targets-get-national.json", 200));

    private final SamTemplate template;
    private final Path task;
    private final Path floorTask;
    private final URI dynamodb;
    private final String table;
    private final Report out;

    private RuntimeBench(SamTemplate template, Path task, Path floorTask, URI dynamodb, String table, Report out) {
        this.template = template;
        this.task = task;
        this.floorTask = floorTask;
        this.dynamodb = dynamodb;
        this.table = table;
        this.out = out;
    }

    /** Lays out both task folders in {@code work}; the table must exist. */
    static RuntimeBench prepare(Path work, URI dynamodb, String table, Report out) throws IOException {
        for (String built : List.of("functions/target/classes", "functions/target/dependency", "runner/target/lambda-runtime")) {
            if (!Files.isDirectory(Path.of(built))) {
                throw new IllegalStateException(built + " is missing: run bench from the project root after mvn package");
            }
        }
        SamTemplate template = SamTemplate.load(Path.of("template.yaml"));
        Path task = LambdaProcess.samBuildLayout(Files.createDirectories(work.resolve("task")));
        Path floorTask = Files.createDirectories(work.resolve("floor"));
        String floorClass = FloorFunction.class.getName().replace('.', '/') + ".class";
        Path target = floorTask.resolve(floorClass);
        Files.createDirectories(target.getParent());
        try (InputStream bytes = FloorFunction.class.getClassLoader().getResourceAsStream(floorClass)) {
            Files.copy(bytes, target);
        }
        Files.createSymbolicLink(floorTask.resolve("lib"), task.resolve("lib").toAbsolutePath());
        return new RuntimeBench(template, task, floorTask, dynamodb, table, out);
    }

    void coldStarts(int runs) throws Exception {
        for (Measured measured : FUNCTIONS) {
            double[] ours = new double[runs];
            double[] floor = new double[runs];
            for (int run = 0; run < runs; run++) {
                // alternate the two sides, so drift on a shared machine hits both alike
                ours[run] = coldStart(measured, task, handler(measured.function()), measured.status());
                floor[run] = coldStart(measured, floorTask, FloorFunction.class.getName() + "::handleRequest", 200);
            }
            out.line("cold start under the runtime client, " + measured.function() + " (" + measured.eventFile()
                    + ", median of " + runs + ")", median(ours), "trivial GetItem handler", median(floor));
        }
    }

    void snapStartRestores(int runs) throws Exception {
        for (Measured measured : FUNCTIONS) {
            double[] first = new double[runs];
            double[] warm = new double[runs];
            double[] paused = new double[runs];
            for (int run = 0; run < runs; run++) {
                double[] sample = afterRestore(measured);
                first[run] = sample[0];
                warm[run] = sample[1];
                paused[run] = sample[2];
            }
            out.line("SnapStart: first request after restore, " + measured.function() + " (median of " + runs + ")",
                    median(first), "warm request (median of " + WARM_REQUESTS + ")", median(warm));
            // what an idle moment alone costs on this machine, to read the line above by
            out.line("SnapStart: warm request after a " + PAUSE.toMillis() + " ms pause, " + measured.function(),
                    median(paused), "warm request", median(warm));
        }
    }

    private double coldStart(Measured measured, Path taskRoot, String handler, int expectedStatus) throws Exception {
        try (RuntimeApi runtime = new RuntimeApi();
             AwsDouble aws = new AwsDouble(dynamodb, () -> false)) {
            Map<String, String> env = LambdaEnvironments.onDemandCredentials(deployed(measured, taskRoot, runtime, aws,
                    "on-demand"));
            String event = event(measured);
            long start = System.nanoTime();
            try (LambdaProcess lambda = LambdaProcess.start("bench-cold-" + measured.function(), taskRoot, handler, env)) {
                answer(runtime, event, expectedStatus, lambda);
                return (System.nanoTime() - start) / 1e6;
            }
        }
    }

    /** {first request after the restore, median warm request, warm request after a pause} in ms. */
    private double[] afterRestore(Measured measured) throws Exception {
        try (RuntimeApi runtime = new RuntimeApi();
             AwsDouble aws = new AwsDouble(dynamodb, () -> runtime.restored().isDone())) {
            Map<String, String> env = LambdaEnvironments.snapStartCredentials(deployed(measured, task, runtime, aws,
                    "snap-start"), aws.endpoint());
            String event = event(measured);
            try (LambdaProcess lambda = LambdaProcess.start("bench-snap-" + measured.function(), task,
                    handler(measured.function()), env)) {
                runtime.restored().get(ANSWER.toSeconds(), TimeUnit.SECONDS);
                runtime.awaitPoll(ANSWER);
                double first = timed(runtime, event, measured.status(), lambda);
                double[] warm = new double[WARM_REQUESTS];
                for (int i = 0; i < WARM_REQUESTS; i++) {
                    warm[i] = timed(runtime, event, measured.status(), lambda);
                }
                Thread.sleep(PAUSE.toMillis());
                return new double[]{first, median(warm), timed(runtime, event, measured.status(), lambda)};
            }
        }
    }

    private static double timed(RuntimeApi runtime, String event, int expectedStatus, LambdaProcess lambda) throws Exception {
        long start = System.nanoTime();
        answer(runtime, event, expectedStatus, lambda);
        return (System.nanoTime() - start) / 1e6;
    }

    private static void answer(RuntimeApi runtime, String event, int expectedStatus, LambdaProcess lambda) throws Exception {
        RuntimeApi.Result result = runtime.invoke(event, ANSWER);
        Object status = result.ok() ? Json.readObject(result.body()).get("statusCode") : null;
        if (!(status instanceof Number n) || n.intValue() != expectedStatus) {
            throw new IllegalStateException("expected " + expectedStatus + ", got " + result + "\n"
                    + String.join("\n", lambda.lines()));
        }
    }

    private Map<String, String> deployed(Measured measured, Path taskRoot, RuntimeApi runtime, AwsDouble aws,
                                         String initializationType) {
        return LambdaEnvironments.deployed(template, template.function(measured.function()).orElseThrow(), taskRoot,
                runtime.address(), initializationType, LambdaEnvironments.resources(table), aws.endpoint());
    }

    private String handler(String function) {
        return template.function(function).orElseThrow().handler();
    }

    private static String event(Measured measured) throws IOException {
        return Files.readString(Path.of("events", measured.eventFile()));
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
