package com.dealerkpi.telemetry;

/** What an endpoint may add to its request's metrics: counts, a dimension, its latency's own metric (nothing else). */
public interface RequestMetrics {
    /** Adds one to a count metric of this request. */
    void count(Metric metric);

    /** A metric dimension beside Function (the route's kind of report, the reason of a refusal). */
    void dimension(Dimension dimension, String value);

    /** Reports this request's latency under a metric of its own (report latency by kind). */
    void latencyAs(Metric metric);
}
