package com.dealerkpi.local;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The post-deploy smoke test, run as documented against the local runner (both as processes). */
class SmokeIT {
    private static final String JAR = Path.of("target", "dealer-kpi.jar").toString();

    @Test
    void theSmokeTestWalksTheStoryAgainstTheLocalRunner() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Process serve = new ProcessBuilder("java", "-jar", JAR, "serve", "--port", Integer.toString(port))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8))) {
            String ready = out.readLine();
            assertEquals("listening on http://127.0.0.1:" + port, ready);
            Process smoke = new ProcessBuilder("java", "-jar", JAR, "smoke", "--api", "http://127.0.0.1:" + port,
                    "--local", "true", "--dealership", "SMOKE1").redirectErrorStream(true).start();
            List<String> report = new BufferedReader(new InputStreamReader(smoke.getInputStream(), StandardCharsets.UTF_8))
                    .lines().toList();
            assertTrue(smoke.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, smoke.exitValue(), String.join("\n", report));
            assertEquals(9, report.stream().filter(line -> line.startsWith("ok ")).count(), String.join("\n", report));
            assertEquals("smoke: all steps passed", report.get(report.size() - 1));
        } finally {
            serve.destroy();
            serve.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
