package com.dealerkpi.store;

import com.dealerkpi.app.Stores;
import com.dealerkpi.app.counts.CountsStore;
import com.dealerkpi.app.report.ReportStore;
import com.dealerkpi.app.settings.SettingsStore;
import com.dealerkpi.app.status.StatusStore;

import java.time.Clock;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The stores on one DynamoDB table, sharing one client. */
public final class DynamoStores implements Stores {
    private final StatusStore status;
    private final ReportStore reports;
    private final SettingsStore settings;
    private final CountsStore counts;

    /** The stores of a table in the default layout. */
    public DynamoStores(DynamoDbClient db, String table, Clock clock) {
        this(db, table, clock, TableLayout.NETWORK_SHARDS);
    }

    /** @param networkShards the items the network's month and listing are split into (one of {@link TableLayout#NETWORK_SHARD_COUNTS}) */
    public DynamoStores(DynamoDbClient db, String table, Clock clock, int networkShards) {
        this.status = new DynamoStatusStore(db, table, clock);
        this.reports = new DynamoReportStore(db, table);
        this.settings = new DynamoSettingsStore(db, table, clock);
        this.counts = new DynamoCountsStore(db, table, clock, networkShards);
    }

    @Override
    public StatusStore status() {
        return status;
    }

    @Override
    public ReportStore reports() {
        return reports;
    }

    @Override
    public SettingsStore settings() {
        return settings;
    }

    @Override
    public CountsStore counts() {
        return counts;
    }
}
