package com.dealerkpi.local.bench;

import java.util.Arrays;

/** Medians of timed runs, in milliseconds. */
final class Timing {
    private Timing() {
    }

    static double median(Runnable task, int iterations) {
        double[] times = new double[iterations];
        for (int i = 0; i < iterations; i++) {
            times[i] = timed(task);
        }
        return median(times);
    }

    /** The medians of two tasks run alternately, so drift in the store (table growth, its GC) hits both alike. */
    static double[] medians(Runnable a, Runnable b, int iterations) {
        double[] first = new double[iterations];
        double[] second = new double[iterations];
        for (int i = 0; i < iterations; i++) {
            first[i] = timed(a);
            second[i] = timed(b);
        }
        return new double[]{median(first), median(second)};
    }

    /** The 50th and 95th percentiles of a task's runs. */
    static double[] p50p95(Runnable task, int iterations) {
        double[] times = new double[iterations];
        for (int i = 0; i < iterations; i++) {
            times[i] = timed(task);
        }
        Arrays.sort(times);
        return new double[]{times[iterations / 2], times[(int) Math.ceil(iterations * 0.95) - 1]};
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    static double timed(Runnable task) {
        long start = System.nanoTime();
        task.run();
        return (System.nanoTime() - start) / 1e6;
    }
}
