package com.dealerkpi.app;

/** The storage a function is wired to: one implementation of each port, over one table. */
public interface Stores {
    StatusStore status();

    ReportStore reports();

    SettingsStore settings();
}
