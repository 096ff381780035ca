package com.dealerkpi.local;

import com.dealerkpi.support.RunnerProcess;

import java.io.BufferedReader;
import java.io.InputStreamReader;
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
}
