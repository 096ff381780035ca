package com.dealerkpi.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
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
        List<Double> days = new ArrayList<>();
        for (Map<Stage, Instant> moments : agreements) {
            if (moments.containsKey(from) && moments.containsKey(to)) {
                days.add(Duration.between(moments.get(from), moments.get(to)).toMillis() / 86_400_000.0);
            }
        }
        if (days.isEmpty()) {
            return null;
        }
        Collections.sort(days);
        int middle = days.size() / 2;
        double median = days.size() % 2 == 1 ? days.get(middle) : (days.get(middle - 1) + days.get(middle)) / 2;
        return KpiMaths.round(median, 1);
    }
}
