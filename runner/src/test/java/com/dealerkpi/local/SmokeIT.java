package com.dealerkpi.local;

import com.dealerkpi.support.RunnerProcess;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The post-deploy smoke test, run as documented against the local runner (both as processes). */
@Tag("backend-free")
class SmokeIT {
    @Test
    void theSmokeTestWalksTheStoryAgainstTheLocalRunner() throws Exception {
        try (RunnerProcess serve = RunnerProcess.serve()) {
            Process smoke = new ProcessBuilder("java", "-jar", RunnerProcess.JAR, "smoke", "--api", serve.url(),
                    "--local", "true", "--dealership", "SMOKE1").redirectErrorStream(true).start();
            List<String> report = new BufferedReader(new InputStreamReader(smoke.getInputStream(), StandardCharsets.UTF_8))
                    .lines().toList();
            assertTrue(smoke.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, smoke.exitValue(), String.join("\n", report));
            assertEquals(9, report.stream().filter(line -> line.startsWith("ok ")).count(), String.join("\n", report));
            assertEquals("smoke: all steps passed", report.get(report.size() - 1));
        }
    }

    @Test
    void aPageWhoseSiteNameWasReboundToTheLoopbackIsRefused() throws Exception {
        try (RunnerProcess serve = RunnerProcess.serve()) {
            assertEquals("HTTP/1.1 403 Forbidden", statusLine(serve.port(), "attacker.example:" + serve.port()),
                    "a browser on attacker.example, its name resolved to 127.0.0.1, reads nothing as national management");
            assertEquals("HTTP/1.1 403 Forbidden", statusLine(serve.port(), "localhost.attacker.example"));
            for (String host : List.of("localhost:" + serve.port(), "127.0.0.1:" + serve.port(), "LOCALHOST")) {
                assertEquals("HTTP/1.1 200 OK", statusLine(serve.port(), host), host);
            }
        }
    }

    /** The status line of the answer to {@code GET /kpi} sent with this Host header. */
    private static String statusLine(int port, String host) throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.getOutputStream().write(("GET /kpi HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
        }
    }
}
