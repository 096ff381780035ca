package com.dealerkpi.local.bench;

import java.io.PrintStream;

/** Where results go: one line per measurement, {@code name: value (floor: name value, ratio: x.xx)}. */
final class Report {
    private final PrintStream out;

    Report(PrintStream out) {
        this.out = out;
    }

    void line(String name, double valueMs, String floorName, double floorMs) {
        out.printf("%s: %.2f ms (floor: %s %.2f ms, ratio: %.2f)%n", name, valueMs, floorName, floorMs, valueMs / floorMs);
    }

    void printf(String format, Object... args) {
        out.printf(format, args);
    }

    void println(String text) {
        out.println(text);
    }
}
