package com.dealerkpi.local;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicLong;

/** An import's progress on stderr (rows done of total, rate, time left), and its checkpoint, about once a second. */
final class ImportProgress {
    private final long total;
    private final PrintStream err;
    private final Runnable checkpoint;
    private final long started = System.nanoTime();
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong lastReport = new AtomicLong(System.nanoTime());

    ImportProgress(long total, PrintStream err, Runnable checkpoint) {
        this.total = total;
        this.err = err;
        this.checkpoint = checkpoint;
    }

    void tick() {
        long rows = done.incrementAndGet();
        long now = System.nanoTime();
        long last = lastReport.get();
        if (now - last >= 1_000_000_000L && lastReport.compareAndSet(last, now)) {
            checkpoint.run();
            report(rows, now);
        }
    }

    void done() {
        report(done.get(), System.nanoTime());
    }

    private void report(long rows, long now) {
        double seconds = (now - started) / 1e9;
        double rate = rows / Math.max(seconds, 1e-9);
        long left = rate > 0 ? Math.round((total - rows) / rate) : -1;
        err.printf("import: %d/%d rows (%d%%), %.0f rows/s, %s left%n", rows, total, total == 0 ? 100 : rows * 100 / total,
                rate, left < 0 ? "?" : left + " s");
    }
}
