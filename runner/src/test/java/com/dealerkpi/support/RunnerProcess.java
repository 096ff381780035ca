package com.dealerkpi.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The runner jar started as a user starts it ({@code java -jar target/dealer-kpi.jar <command> ...}), its output in a
 * file (a pipe nobody reads would fill up and stall it), ready once it printed its ready line.
 */
public final class RunnerProcess implements AutoCloseable {
    public static final String JAR = Path.of("target", "dealer-kpi.jar").toString();

    private final Process process;
    private final Path output;
    private final int port;

    private RunnerProcess(Process process, Path output, int port) {
        this.process = process;
        this.output = output;
        this.port = port;
    }

    /** {@code serve} on a free port (with any further options), once it is listening. */
    public static RunnerProcess serve(String... options) throws IOException, InterruptedException {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of("serve", "--port", Integer.toString(port)));
        command.addAll(List.of(options));
        return start(port, "listening on http://127.0.0.1:" + port, command.toArray(String[]::new));
    }

    /** A command that runs to its end: its exit code and everything it printed. */
    public record Finished(int exitCode, String output) {
    }

    public static Finished run(String... command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(List.of("java", "-jar", JAR));
        line.addAll(List.of(command));
        Path output = Files.createTempFile("runner-" + command[0], ".log");
        try {
            Process process = new ProcessBuilder(line).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IOException("`" + String.join(" ", line) + "` did not finish: " + Files.readString(output));
            }
            return new Finished(process.exitValue(), Files.readString(output));
        } finally {
            Files.deleteIfExists(output);
        }
    }

    /** {@code kill -9}: the process ends on the spot, whatever it was doing. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** {@code dynamodb} (dynalite with the table) on a free port, once it answers. */
    public static RunnerProcess dynamodb() throws IOException, InterruptedException {
        int port = freePort();
        return start(port, "dynamodb on http://127.0.0.1:" + port, "dynamodb", "--port", Integer.toString(port),
                "--host", "127.0.0.1");
    }

    private static RunnerProcess start(int port, String ready, String... command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(List.of("java", "-jar", JAR));
        line.addAll(List.of(command));
        Path output = Files.createTempFile("runner-" + command[0], ".log");
        Process process = new ProcessBuilder(line).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        RunnerProcess runner = new RunnerProcess(process, output, port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (Files.readAllLines(output, StandardCharsets.UTF_8).stream().noneMatch(l -> l.startsWith(ready))) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                String printed = Files.readString(output);
                runner.close();
                throw new IOException("`" + String.join(" ", line) + "` did not get ready: " + printed);
            }
            Thread.sleep(50);
        }
        return runner;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    public int port() {
        return port;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            Files.deleteIfExists(output);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException ignored) {
            // a temp file left behind
        }
    }
}
