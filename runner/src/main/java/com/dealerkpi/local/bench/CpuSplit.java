package com.dealerkpi.local.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * In AWS a function runs on a CPU share of its own (a 1,024 MB function gets about 0.58 of a vCPU) and DynamoDB on
 * other machines, so the store's latency does not depend on how busy the function is. Here the store (dynalite) and
 * the harness share the machine with the function's JVM, and left to the scheduler a cold function starves the
 * store it waits for (its first PutItem took 120 ms at dynalite; pinned, 16). So the runtime part pins each function's JVM
 * to CPU 0, and this JVM and its children (dynalite) to the other CPUs, with util-linux's {@code taskset}.
 *
 * @param taskset      the taskset program
 * @param functionCpus the CPU list the function processes run on, as taskset takes it
 * @param harnessCpus  the CPU list of this JVM and the store
 */
record CpuSplit(Path taskset, String functionCpus, String harnessCpus) {
    /** Pins this JVM and its descendants now; empty (nothing pinned) on one CPU or without taskset. */
    static Optional<CpuSplit> apply() throws IOException, InterruptedException {
        int cpus = Runtime.getRuntime().availableProcessors();
        Optional<Path> taskset = Stream.of("/usr/bin/taskset", "/bin/taskset").map(Path::of).filter(Files::isExecutable).findFirst();
        if (cpus < 2 || taskset.isEmpty()) {
            return Optional.empty();
        }
        CpuSplit split = new CpuSplit(taskset.get(), "0", cpus == 2 ? "1" : "1-" + (cpus - 1));
        List<ProcessHandle> harness = Stream.concat(Stream.of(ProcessHandle.current()), ProcessHandle.current().descendants()).toList();
        for (ProcessHandle process : harness) {
            Process pin = new ProcessBuilder(taskset.get().toString(), "--all-tasks", "--cpu-list", "--pid",
                    split.harnessCpus(), Long.toString(process.pid()))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (pin.waitFor() != 0) {
                throw new IllegalStateException("taskset could not pin process " + process.pid());
            }
        }
        return Optional.of(split);
    }

    /** What a function's command line starts with, to run on {@link #functionCpus}. */
    List<String> functionLauncher() {
        return List.of(taskset.toString(), "--cpu-list", functionCpus);
    }

    @Override
    public String toString() {
        return "each function's JVM on CPU " + functionCpus + ", the store and the harness on CPU " + harnessCpus + " (taskset)";
    }
}
