package com.dealerkpi.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The embedded DynamoDB: dynalite (npm, open source) run by node from {@code tools/dynalite} on a free
 * loopback port. It exits when its stdin closes, so it never outlives the JVM that started it, even
 * one killed with SIGKILL.
 */
public final class Dynalite implements AutoCloseable {
    private final Process process;
    private final URI endpoint;

    private Dynalite(Process process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    /** Starts dynalite in memory, or on LevelDB files in {@code dataDir}, on a free loopback port. */
    public static Dynalite start(Optional<Path> dataDir) throws IOException {
        return start(dataDir, 0, "127.0.0.1");
    }

    /** Starts dynalite on the given port (0 = any free one) and address. */
    public static Dynalite start(Optional<Path> dataDir, int port, String host) throws IOException {
        Path tools = toolsDirectory().resolve("dynalite");
        if (!Files.isRegularFile(tools.resolve("node_modules/dynalite/package.json"))) {
            throw new NotInstalled("dynalite is not installed in " + tools.toAbsolutePath()
                    + ": run `npm ci --prefix " + tools + "` (or any Maven build with node on the PATH). The project's"
                    + " tools/ folder is looked for beside the jar, then in the working directory; DEALER_KPI_TOOLS or"
                    + " -Ddealerkpi.tools names another");
        }
        List<String> command = new ArrayList<>(List.of("node", tools.resolve("start.js").toString(),
                "--port", Integer.toString(port), "--host", host));
        if (dataDir.isPresent()) {
            Files.createDirectories(dataDir.get());
            command.add("--path");
            command.add(dataDir.get().toAbsolutePath().toString());
        }
        Process process;
        try {
            process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException e) {
            throw new NotInstalled("node could not be started (" + e.getMessage() + "): the embedded store needs"
                    + " Node.js on the PATH, or point the runner at a DynamoDB with --dynamodb-endpoint");
        }
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (line == null || !line.startsWith("DYNALITE_PORT=")) {
            process.destroyForcibly();
            throw new IOException("dynalite did not start (node " + tools.resolve("start.js") + " said: " + line + ")");
        }
        int listening = Integer.parseInt(line.substring("DYNALITE_PORT=".length()).trim());
        Dynalite dynalite = new Dynalite(process, URI.create("http://127.0.0.1:" + listening));
        Runtime.getRuntime().addShutdownHook(new Thread(dynalite::close, "dynalite-stop"));
        return dynalite;
    }

    /** The embedded store cannot start here: what to do about it is the message, no stack trace needed. */
    public static final class NotInstalled extends IOException {
        NotInstalled(String message) {
            super(message);
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    /** The node process serving it (a benchmark reads its CPU time). */
    public ProcessHandle process() {
        return process.toHandle();
    }

    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        try {
            process.getOutputStream().close();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The project's {@code tools} folder: {@code -Ddealerkpi.tools}, else {@code DEALER_KPI_TOOLS}, else next
     * to the folder holding the jar ({@code target/..}), else {@code ./tools}.
     */
    static Path toolsDirectory() {
        String configured = System.getProperty("dealerkpi.tools", System.getenv("DEALER_KPI_TOOLS"));
        if (configured != null) {
            return Path.of(configured);
        }
        try {
            Path code = Path.of(Dynalite.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path dir = code; dir != null; dir = dir.getParent()) {
                if (Files.isDirectory(dir.resolve("tools/dynalite"))) {
                    return dir.resolve("tools");
                }
            }
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            // fall back to the working directory
        }
        return Path.of("tools");
    }
}
