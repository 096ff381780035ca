package com.dealerkpi.domain.report;

/** How each stage converts into the next (3 decimals), each {@code null} where the stage before it has no count. */
public record StageRates(Double appointedPerContacted, Double attendedPerAppointed, Double soldPerAttended) {

    public static StageRates of(KpiCounts counts) {
        return new StageRates(KpiMaths.ratio(counts.appointed(), counts.contacted(), 3),
                KpiMaths.ratio(counts.attended(), counts.appointed(), 3),
                KpiMaths.ratio(counts.sold(), counts.attended(), 3));
    }
}
