package com.dealerkpi.telemetry;

/** The dimensions metrics are recorded under (beside Function, which every metric has). */
public enum Dimension {
    FUNCTION("Function"),
    /** The route's key, on latency. */
    ROUTE("Route"),
    /** The kind of report, on the report function's metrics. */
    REPORT("Report"),
    /** Why a request was refused, on Rejected. */
    REASON("Reason");

    private final String dimensionName;

    Dimension(String dimensionName) {
        this.dimensionName = dimensionName;
    }

    public String dimensionName() {
        return dimensionName;
    }
}
