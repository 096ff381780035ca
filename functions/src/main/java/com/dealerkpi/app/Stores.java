package com.dealerkpi.app;

import com.dealerkpi.app.counts.CountsStore;
import com.dealerkpi.app.report.ReportStore;
import com.dealerkpi.app.settings.SettingsStore;
import com.dealerkpi.app.status.StatusStore;

/** The storage a function is wired to: one implementation of each port, over one table. */
public interface Stores {
    StatusStore status();

    ReportStore reports();

    SettingsStore settings();

    CountsStore counts();
}
