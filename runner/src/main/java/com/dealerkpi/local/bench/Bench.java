package com.dealerkpi.local.bench;

import com.dealerkpi.local.Dynalite;
import com.dealerkpi.local.Options;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code java -jar target/dealer-kpi.jar bench}: measures each performance goal against its floor on an embedded
 * dynalite and prints {@code name: value (floor: name value, ratio: x.xx)}. Run it from the project root after
 * {@code mvn package}: the runtime part starts the functions from the {@code sam build} layout of functions/target.
 */
public final class Bench {
    private static final List<String> PARTS = List.of("status", "reports", "aggregates", "rollup", "runtime");
    /** The runtime part's halves, to run one alone. */
    private static final String COLD_START = "cold-start";
    private static final String RESTORE = "restore";

    private Bench() {
    }

    public static void run(Options options) throws Exception {
        Set<String> parts = Arrays.stream(options.value("--parts", String.join(",", PARTS)).split(","))
                .map(String::trim).collect(Collectors.toCollection(HashSet::new));
        int iterations = Integer.parseInt(options.value("--iterations", "400"));
        int runs = Integer.parseInt(options.value("--runs", "5"));
        boolean quick = options.flag("--quick");
        // the handlers' log lines go to stderr here, so stdout holds only the results
        PrintStream results = System.out;
        System.setOut(System.err);
        Report out = new Report(results);
        out.println("bench: " + Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("java.vm.name")
                + " " + System.getProperty("java.version") + ", store: dynalite (embedded, one node process)");
        try (Dynalite dynalite = Dynalite.start(Optional.empty());
             BenchTable table = new BenchTable(dynalite.endpoint())) {
            if (options.flag("--request-times")) {
                table.times.show(dynalite.process());
            }
            if (parts.contains("status")) {
                new StatusBench(table, out).run(iterations);
            }
            if (parts.contains("reports")) {
                new ReportBench(table, out).run(quick);
            }
            if (parts.contains("aggregates")) {
                new AggregateBench(table, out).run();
            }
            if (parts.contains("rollup")) {
                new RollUpBench(table, out).run(quick ? 200 : 1_000, 100);
            }
            if (parts.contains("runtime")) {
                parts.addAll(List.of(COLD_START, RESTORE));
            }
            if (parts.contains(COLD_START) || parts.contains(RESTORE)) {
                Path work = Files.createTempDirectory("dealer-kpi-bench");
                RuntimeBench runtime = RuntimeBench.prepare(work, dynalite.endpoint(), BenchTable.TABLE, out);
                out.printf("artifact (sam build layout): %d files, %.1f MB%n", files(work.resolve("task")),
                        bytes(work.resolve("task")) / 1024.0 / 1024.0);
                if (parts.contains(COLD_START)) {
                    runtime.coldStarts(runs);
                }
                if (parts.contains(RESTORE)) {
                    runtime.snapStartRestores(runs);
                }
            }
        }
    }

    private static long files(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(Files::isRegularFile).count();
        }
    }

    private static long bytes(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }
}
