package com.dealerkpi.support;

import com.dealerkpi.app.Stores;
import com.dealerkpi.app.counts.CountsStore;
import com.dealerkpi.app.report.ReportStore;
import com.dealerkpi.app.settings.SettingsStore;
import com.dealerkpi.app.status.StatusStore;

/** Some stores with one of them swapped for another (a fault-injecting or racing wrapper of it, in a test). */
public record SwappedStores(StatusStore status, ReportStore reports, SettingsStore settings, CountsStore counts)
        implements Stores {

    public static Stores withSettings(Stores stores, SettingsStore settings) {
        return new SwappedStores(stores.status(), stores.reports(), settings, stores.counts());
    }

    public static Stores withCounts(Stores stores, CountsStore counts) {
        return new SwappedStores(stores.status(), stores.reports(), stores.settings(), counts);
    }
}
