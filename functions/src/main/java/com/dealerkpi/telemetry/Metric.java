package com.dealerkpi.telemetry;

/**
 * Every metric of the {@value Telemetry#NAMESPACE} namespace, with its unit: the one list the code counts by and the
 * template's alarms and operations dashboard read (a test checks that the two agree).
 */
public enum Metric {
    /** A request that was its execution environment's first. */
    COLD_STARTS("ColdStarts"),
    /** A request answered 5xx. */
    SERVER_ERRORS("ServerErrors"),
    /** A request answered 4xx (with the dimension Reason). */
    REJECTED("Rejected"),
    /** Store attempts the SDK retried within one request. */
    STORE_RETRIES("StoreRetries"),
    /** A request answered 503 because the store did not answer. */
    STORE_UNAVAILABLE("StoreUnavailable"),
    /** A roll-up refused past its time budget. */
    ROLL_UP_TIMEOUTS("RollUpTimeouts"),
    STATUS_UPDATES_RECORDED("StatusUpdatesRecorded"),
    STATUS_UPDATES_REPLAYED("StatusUpdatesReplayed"),
    MILESTONES_RECORDED("MilestonesRecorded"),
    MILESTONES_BACKFILLED("MilestonesBackfilled"),
    MILESTONES_MOVED_EARLIER("MilestonesMovedEarlier"),
    MILESTONES_UNCHANGED("MilestonesUnchanged"),
    /** An update voided (a void of no update is Rejected, not-found). */
    VOIDS("Voids"),
    /** Every request's time in the handler (with the dimensions Function, Route and the function's own). */
    LATENCY("Latency", Unit.MILLISECONDS),
    /** A report's time in the handler, by kind of report (dimension Report). */
    REPORT_LATENCY("ReportLatency", Unit.MILLISECONDS),
    /** Agreements a sweep completed: changes a request left unpublished, and agreements of a build. */
    AGREEMENTS_SETTLED("AgreementsSettled"),
    /** Generations of a dealership's aggregates a sweep finished building. */
    AGGREGATE_BUILDS("AggregateBuilds"),
    /** Agreements a sweep could not complete (the next sweep tries again). */
    SWEEP_FAILURES("SweepFailures"),
    /** Milestones still flagged after a sweep: changes the aggregates may not hold yet. */
    OUTBOX_PENDING("OutboxPending"),
    /** Dealerships a verification recounted. */
    DEALERSHIPS_VERIFIED("DealershipsVerified"),
    /** Dealerships a verification could not recount (their reads failed, or its time ran out; 1 when it failed whole). */
    DEALERSHIPS_NOT_VERIFIED("DealershipsNotVerified"),
    /**
     * Counts that differ from the recount of the milestones (a stage's or a cohort's on a day, a month's sales, a usage
     * count), and copies or summaries that differ from their month: always 0 when exact.
     */
    AGGREGATE_MISMATCHES("AggregateMismatches"),
    /**
     * A SnapStart restore that failed: counted by the template's log metric filter on the platform's restore record,
     * not by the code (a failed restore runs none of it).
     */
    RESTORE_ERRORS("RestoreErrors");

    /** CloudWatch's names of the units used. */
    public enum Unit {
        COUNT("Count"), MILLISECONDS("Milliseconds");

        private final String cloudWatchName;

        Unit(String cloudWatchName) {
            this.cloudWatchName = cloudWatchName;
        }

        public String cloudWatchName() {
            return cloudWatchName;
        }
    }

    private final String metricName;
    private final Unit unit;

    Metric(String metricName) {
        this(metricName, Unit.COUNT);
    }

    Metric(String metricName, Unit unit) {
        this.metricName = metricName;
        this.unit = unit;
    }

    /** As CloudWatch names it. */
    public String metricName() {
        return metricName;
    }

    public Unit unit() {
        return unit;
    }
}
