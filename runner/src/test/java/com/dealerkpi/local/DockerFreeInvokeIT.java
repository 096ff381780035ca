package com.dealerkpi.local;

import com.dealerkpi.json.Json;
import com.dealerkpi.support.Backend;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code java -jar target/dealer-kpi.jar invoke} prints what {@code sam local invoke} prints, on a real store. */
class DockerFreeInvokeIT {
    @Test
    void theDockerFreeInvokeRunsAsAProcess() throws Exception {
        String out = invoke("StatusFunction", Path.of("events", "status-sold.json"));
        Map<String, Object> response = Json.readObject(out);
        assertEquals(201, ((Number) response.get("statusCode")).intValue(), out);
        assertEquals(new HashSet<>(List.of("Content-Type", "Cache-Control", "X-Content-Type-Options")),
                ((Map<?, ?>) response.get("headers")).keySet());
        assertEquals("SOLD", Json.readObject((String) response.get("body")).get("status"));
    }

    @Test
    void theAggregatesTasksAnswerTheirResultsAsTheyWriteThem() throws Exception {
        Path sweep = Files.writeString(Files.createTempFile("sweep", ".json"), "{\"task\":\"sweep\"}");
        Path verify = Files.writeString(Files.createTempFile("verify", ".json"), "{\"task\":\"verify\"}");
        try {
            invoke("StatusFunction", Path.of("events", "status-sold.json"));
            assertTrue(Json.readObject(invoke("AggregatesFunction", sweep)).containsKey("pending"));
            // the runner's invocation gives 30 s: the verification keeps half of it, so it recounts, not gives up
            Map<String, Object> verified = Json.readObject(invoke("AggregatesFunction", verify));
            assertTrue(((Number) verified.get("checked")).intValue() > 0, verified.toString());
            assertEquals(0, ((Number) verified.get("unchecked")).intValue(), verified.toString());
        } finally {
            Files.delete(sweep);
            Files.delete(verify);
        }
    }

    /** What {@code invoke} prints of the function's answer to the event, on the backend's store (exit 0 checked). */
    private static String invoke(String function, Path event) throws Exception {
        Path jar = Path.of("target", "dealer-kpi.jar");
        assertTrue(Files.isRegularFile(jar), "the integration tests run after `package`");
        Process process = new ProcessBuilder("java", "-jar", jar.toString(), "invoke", function, event.toString(),
                "--dynamodb-endpoint", Backend.get().endpoint().toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), out);
        return out;
    }
}
