package com.dealerkpi.domain.report;

import com.dealerkpi.domain.status.Stage;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;

/**
 * How long sales took, stage to stage: over the agreements sold in a range, the median days (one decimal) between
 * their milestones; {@code null} where no agreement has both milestones of a step.
 */
public record TimeToConvert(Double contactedToAppointed, Double appointedToAttended, Double attendedToSold,
                            Double contactedToSold) {

    /** @param agreements each sold agreement's milestone moments */
    public static TimeToConvert of(Collection<Map<Stage, Instant>> agreements) {
        return new TimeToConvert(median(agreements, Stage.CONTACTED, Stage.APPOINTED),
                median(agreements, Stage.APPOINTED, Stage.ATTENDED),
                median(agreements, Stage.ATTENDED, Stage.SOLD),
                median(agreements, Stage.CONTACTED, Stage.SOLD));
    }

    private static Double median(Collection<Map<Stage, Instant>> agreements, Stage from, Stage to) {
        // primitives: the boxed days, sorted four times per report, were its largest cost of its own (JFR, README)
        long[] millis = new long[agreements.size()];
        int count = 0;
        for (Map<Stage, Instant> moments : agreements) {
            Instant start = moments.get(from);
            Instant end = moments.get(to);
            if (start != null && end != null) {
                millis[count++] = Duration.between(start, end).toMillis();
            }
        }
        if (count == 0) {
            return null;
        }
        Arrays.sort(millis, 0, count);
        int middle = count / 2;
        double median = count % 2 == 1 ? days(millis[middle]) : (days(millis[middle - 1]) + days(millis[middle])) / 2;
        return KpiMaths.round(median, 1);
    }

    private static double days(long millis) {
        return millis / 86_400_000.0;
    }
}
