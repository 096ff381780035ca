package com.dealerkpi.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.dealerkpi.app.counts.Sweep;
import com.dealerkpi.app.counts.Verification;
import com.dealerkpi.json.Json;
import com.dealerkpi.telemetry.Metric;
import com.dealerkpi.telemetry.Telemetry;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The aggregates' scheduled work (template.yaml: AggregatesFunction, invoked by EventBridge schedules with
 * {@code {"task": "sweep"}} or {@code {"task": "verify"}}): completes what requests left unfinished and builds new
 * generations, or recounts every dealership and counts the mismatches (an alarm watches them). Invoked by hand with
 * {@code {"task": "rebuild", "dealershipId": "D1"}} it starts a new generation of one dealership's aggregates (the
 * repair after a mismatch). One JSON line and one EMF record per run, as a request leaves.
 */
public final class AggregatesFunction implements RequestStreamHandler {
    public static final String LOGICAL_ID = "AggregatesFunction";
    /**
     * What a verification leaves of the function's time when it stops starting dealerships (at most half of it):
     * enough to finish the one under way (two recounts of its history, the recheck, a repair) and record the result;
     * cut off by Lambda instead, it would record nothing.
     */
    private static final Duration VERIFY_RESERVE = Duration.ofMinutes(5);
    /**
     * How long a scheduled sweep starts batches of a build: it then ends, as a rule, before the next minute's sweep
     * begins (rather than building the same batches beside it, or running into the function's timeout), and the next
     * goes on.
     */
    static final Duration SWEEP_BUILDS = Duration.ofSeconds(40);
    /**
     * How old a flag must be before a scheduled sweep takes it over (past the status function's timeout: the request
     * that set it has ended), and a new generation before it is built: past the longest traffic shift a deployment
     * may take (template.yaml, DeploymentType: 10 minutes) and the timeout, so no code that began under the generation
     * before, nor a version without aggregates, still writes, and the milestone index has caught up.
     */
    static final Sweep.Grace GRACE = new Sweep.Grace(Duration.ofMinutes(2), Duration.ofMinutes(15));
    /**
     * How long a status function uses a dealership's aggregate config again without reading it: a write it homes in a
     * generation since superseded lands at most this long plus the status function's timeout after the new
     * generation began, well before the build ({@link #GRACE}) reads the milestone index.
     */
    public static final Duration CONFIG_REUSE = Duration.ofMinutes(1);

    private final Wiring wiring;
    private final Telemetry telemetry;

    /** What Lambda calls, once per execution environment. */
    public AggregatesFunction() {
        this(Wiring.environment(), System.out::println);
    }

    /** Wired by the caller (the local runner's {@code invoke}, the tests). */
    public AggregatesFunction(Wiring wiring) {
        this(wiring, System.out::println);
    }

    private AggregatesFunction(Wiring wiring, java.util.function.Consumer<String> log) {
        this.wiring = wiring;
        this.telemetry = wiring.telemetry(LOGICAL_ID, log);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        Map<String, Object> event = Json.readObject(new String(input.readAllBytes(), StandardCharsets.UTF_8));
        Object task = event.get("task");
        Telemetry.Request run = telemetry.start(context.getAwsRequestId(), context.getAwsRequestId(),
                System.getenv("_X_AMZN_TRACE_ID"));
        run.route(String.valueOf(task));
        Map<String, Object> result = new LinkedHashMap<>();
        try {
            if ("sweep".equals(task)) {
                sweep(run, result);
            } else if ("verify".equals(task)) {
                verify(run, result, context);
            } else if ("rebuild".equals(task) && event.get("dealershipId") instanceof String dealershipId) {
                result.put("dealershipId", dealershipId);
                result.put("rebuilding", wiring.aggregates().rebuild(dealershipId));
            } else {
                throw new IllegalArgumentException("task must be \"sweep\", \"verify\" or \"rebuild\" (with a"
                        + " dealershipId), not " + task);
            }
            result.forEach(run::put);
            run.finish(200);
        } catch (RuntimeException e) {
            if ("verify".equals(task)) {
                // nothing was verified (the registry could not be read, or the result not recorded): alarmed as such
                run.count(Metric.DEALERSHIPS_NOT_VERIFIED, 1);
            }
            run.failed(e);
            run.finish(500);
            throw e;
        }
        output.write(Json.write(result).getBytes(StandardCharsets.UTF_8));
    }

    private void sweep(Telemetry.Request run, Map<String, Object> result) {
        Sweep.Result swept = wiring.sweep().run(GRACE, SWEEP_BUILDS);
        long pending = wiring.stores().counts().pending();
        run.count(Metric.AGREEMENTS_SETTLED, swept.published());
        run.count(Metric.AGGREGATE_BUILDS, swept.built());
        run.count(Metric.SWEEP_FAILURES, swept.failed());
        run.count(Metric.OUTBOX_PENDING, pending);
        result.put("configured", swept.configured());
        result.put("settled", swept.published());
        result.put("built", swept.built());
        result.put("failed", swept.failed());
        result.put("firstFailures", swept.firstFailures());
        result.put("pending", pending);
    }

    private void verify(Telemetry.Request run, Map<String, Object> result, Context context) {
        // stops starting dealerships while there is still time to record what it found (half of a short invocation's
        // time, as the local runner's 30 s)
        Duration left = Duration.ofMillis(context.getRemainingTimeInMillis());
        Duration reserve = left.dividedBy(2).compareTo(VERIFY_RESERVE) < 0 ? left.dividedBy(2) : VERIFY_RESERVE;
        Instant until = Instant.now().plus(left).minus(reserve);
        Verification.Report report = wiring.verification().run(true, until);
        run.count(Metric.DEALERSHIPS_VERIFIED, report.checked());
        run.count(Metric.DEALERSHIPS_NOT_VERIFIED, report.unchecked());
        run.count(Metric.AGGREGATE_MISMATCHES, report.mismatches().size());
        result.put("checked", report.checked());
        result.put("building", report.building());
        result.put("unchecked", report.unchecked());
        result.put("failures", report.failures());
        result.put("mismatches", report.mismatches().stream().limit(100).map(String::valueOf).toList());
        result.put("rebuilding", report.rebuilt());
    }
}
