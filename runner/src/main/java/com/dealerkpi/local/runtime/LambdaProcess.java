package com.dealerkpi.local.runtime;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One execution environment: a fresh JVM started the way the managed java21 runtime starts it (the runtime's own
 * jars on the class path, AWS's runtime interface client as main class, the function's code loaded from the task
 * folder as {@code sam build} lays it out), with exactly the environment given.
 */
public final class LambdaProcess implements AutoCloseable {
    /** The managed runtime's JVM flags (C1 only, serial GC, the org.crac bridge SnapStart uses). */
    public static final List<String> RUNTIME_FLAGS = List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC", "-Xshare:auto", "--add-opens=java.base/java.io=ALL-UNNAMED",
            "-Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac", "-XX:MaxHeapSize=870m");
    public static final String MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";

    private final Process process;
    private final Path output;

    private LambdaProcess(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    /**
     * Starts {@code handler} in {@code taskRoot} with {@code environment} and nothing else; its output goes to
     * {@code runner/target/lambda-logs/<name>.log}.
     */
    public static LambdaProcess start(String name, Path taskRoot, String handler, Map<String, String> environment) throws IOException {
        return start(name, taskRoot, handler, environment, List.of());
    }

    /** As {@link #start(String, Path, String, Map)}, the JVM started through {@code launcher} (e.g. taskset and its CPUs). */
    public static LambdaProcess start(String name, Path taskRoot, String handler, Map<String, String> environment,
                                      List<String> launcher) throws IOException {
        List<String> command = new ArrayList<>(launcher);
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(RUNTIME_FLAGS);
        command.add("-cp");
        command.add(runtimeClassPath());
        command.add(MAIN);
        command.add(handler);
        Path logs = Files.createDirectories(Path.of(System.getProperty("lambda.logs", "runner/target/lambda-logs")));
        Path output = logs.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(taskRoot.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        return new LambdaProcess(builder.start(), output);
    }

    /** The runtime's jars (runner/target/lambda-runtime, copied there by the build). */
    private static String runtimeClassPath() throws IOException {
        try (Stream<Path> jars = Files.list(Path.of(System.getProperty("lambda.runtime", "runner/target/lambda-runtime")))) {
            // absolute: the process runs in the task folder
            return String.join(File.pathSeparator, jars.map(jar -> jar.toAbsolutePath().toString()).sorted().toList());
        }
    }

    /**
     * The artifact as {@code sam build} lays it out: the contents of functions/target/classes at the root and the
     * runtime dependencies in lib/ (aws-lambda-builders' java_maven workflow).
     */
    public static Path samBuildLayout(Path into) throws IOException {
        Path classes = Path.of(System.getProperty("lambda.classes", "functions/target/classes"));
        Path lib = Path.of(System.getProperty("lambda.lib", "functions/target/dependency"));
        copyTree(classes, into);
        copyTree(lib, into.resolve("lib"));
        return into;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            files.forEach(file -> {
                try {
                    Path target = to.resolve(from.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(file, target);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public boolean exited(long seconds) throws InterruptedException {
        return process.waitFor(seconds, TimeUnit.SECONDS);
    }

    /** Everything the process wrote (stdout and stderr, as Lambda's log stream gets them). */
    public List<String> lines() {
        try {
            return Files.readAllLines(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
