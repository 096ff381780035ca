package com.dealerkpi.local.bench;

import com.dealerkpi.json.Json;
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
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Each function the way Lambda runs it: AWS's runtime interface client, the {@code sam build} layout, the managed
 * runtime's JVM flags, the environment the template gives it, on a CPU of its own ({@link CpuSplit}), its DynamoDB
 * requests sent straight to the store (as a deployed function's go straight to DynamoDB; the credentials and
 * Secrets Manager are the stand-in's). Cold start is a fresh JVM to the first response, against the same client
 * running {@link FloorFunction} (one GetItem) beside the same lib/; under SnapStart, the first request after the
 * restore hooks against a warm one, and the same for the floor function primed alike.
 */
final class RuntimeBench {
    private static final Duration ANSWER = Duration.ofSeconds(60);
    private static final int WARM_REQUESTS = 20;

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
    private final List<String> launcher;

    private RuntimeBench(SamTemplate template, Path task, Path floorTask, URI dynamodb, String table, Report out,
                         List<String> launcher) {
        this.template = template;
        this.task = task;
        this.floorTask = floorTask;
        this.dynamodb = dynamodb;
        this.table = table;
        this.out = out;
        this.launcher = launcher;
    }

    /** Lays out both task folders in {@code work} and pins the processes ({@link CpuSplit}); the table must exist. */
    static RuntimeBench prepare(Path work, URI dynamodb, String table, Report out) throws IOException, InterruptedException {
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
        Optional<CpuSplit> split = CpuSplit.apply();
        out.println("runtime: " + split.map(CpuSplit::toString).orElse("not pinned (one CPU, or no taskset): the store competes with each function"));
        return new RuntimeBench(template, task, floorTask, dynamodb, table, out,
                split.map(CpuSplit::functionLauncher).orElse(List.of()));
    }

    void coldStarts(int runs) throws Exception {
        for (Measured measured : FUNCTIONS) {
            double[][] ours = new double[2][runs];
            double[][] floor = new double[2][runs];
            for (int run = 0; run < runs; run++) {
                // alternate the two sides, so drift on a shared machine hits both alike
                record(ours, run, coldStart(measured, task, handler(measured.function()), measured.status()));
                record(floor, run, coldStart(measured, floorTask, FloorFunction.class.getName() + "::handleRequest", 200));
            }
            out.line("cold start under the runtime client, " + measured.function() + " (" + measured.eventFile()
                    + ", median of " + runs + ")", median(ours[0]), "trivial GetItem handler", median(floor[0]));
            // where it goes: the runtime's init (JVM start, handler class, static set-up) and the first request
            out.line("  of which init, JVM start to the first poll", median(ours[1]), "trivial GetItem handler", median(floor[1]));
        }
    }

    private static void record(double[][] samples, int run, double[] sample) {
        samples[0][run] = sample[0];
        samples[1][run] = sample[1];
    }

    void snapStartRestores(int runs) throws Exception {
        for (Measured measured : FUNCTIONS) {
            double[][] ours = new double[2][runs];
            double[][] floor = new double[2][runs];
            double[] oursLessRuntime = new double[runs];
            for (int run = 0; run < runs; run++) {
                record(ours, run, afterRestore(measured, task, handler(measured.function()), measured.status()));
                record(floor, run, afterRestore(measured, floorTask, FloorFunction.class.getName() + "::handleRequest", 200));
                oursLessRuntime[run] = ours[0][run] - (floor[0][run] - floor[1][run]);
            }
            out.line("SnapStart: first request after restore, " + measured.function() + " (median of " + runs + ")",
                    median(ours[0]), "warm request (median of " + WARM_REQUESTS + ")", median(ours[1]));
            // what the runtime adds to any function's first request after a restore, primed or not
            out.line("  the trivial GetItem handler, primed alike: first request after restore", median(floor[0]),
                    "its warm request", median(floor[1]));
            out.line("  " + measured.function() + "'s first request less what the runtime added to the trivial handler's",
                    median(oursLessRuntime), "warm request", median(ours[1]));
        }
    }

    /** {fresh JVM to the first response, fresh JVM to the first poll} in ms. */
    private double[] coldStart(Measured measured, Path taskRoot, String handler, int expectedStatus) throws Exception {
        try (RuntimeApi runtime = new RuntimeApi();
             AwsDouble aws = new AwsDouble(dynamodb, () -> false)) {
            Map<String, String> env = LambdaEnvironments.onDemandCredentials(deployed(measured, taskRoot, runtime, aws,
                    "on-demand"));
            String event = event(measured);
            long start = System.nanoTime();
            try (LambdaProcess lambda = LambdaProcess.start(logName("bench-cold-", measured, taskRoot), taskRoot, handler, env, launcher)) {
                answer(runtime, event, expectedStatus, lambda);
                return new double[]{(System.nanoTime() - start) / 1e6, (runtime.firstPoll().join() - start) / 1e6};
            }
        }
    }

    /** {first request after the restore, median warm request} in ms. */
    private double[] afterRestore(Measured measured, Path taskRoot, String handler, int expectedStatus) throws Exception {
        try (RuntimeApi runtime = new RuntimeApi();
             AwsDouble aws = new AwsDouble(dynamodb, () -> runtime.restored().isDone())) {
            Map<String, String> env = LambdaEnvironments.snapStartCredentials(deployed(measured, taskRoot, runtime, aws,
                    "snap-start"), aws.endpoint());
            String event = event(measured);
            try (LambdaProcess lambda = LambdaProcess.start(logName("bench-snap-", measured, taskRoot), taskRoot, handler, env, launcher)) {
                runtime.restored().get(ANSWER.toSeconds(), TimeUnit.SECONDS);
                runtime.awaitPoll(ANSWER);
                double first = timed(runtime, event, expectedStatus, lambda);
                double[] warm = new double[WARM_REQUESTS];
                for (int i = 0; i < WARM_REQUESTS; i++) {
                    warm[i] = timed(runtime, event, expectedStatus, lambda);
                }
                return new double[]{first, median(warm)};
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
        Map<String, String> env = LambdaEnvironments.deployed(template, template.function(measured.function()).orElseThrow(),
                taskRoot, runtime.address(), initializationType, LambdaEnvironments.resources(table), aws.endpoint());
        // no stand-in between the function and its store: a forwarding hop would cost each request a little more
        // than it does in AWS, and a status update makes five requests to the floor's one
        env.put("AWS_ENDPOINT_URL_DYNAMODB", dynamodb.toString());
        return env;
    }

    private String logName(String prefix, Measured measured, Path taskRoot) {
        return prefix + (taskRoot.equals(floorTask) ? "floor-" : "") + measured.function();
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
