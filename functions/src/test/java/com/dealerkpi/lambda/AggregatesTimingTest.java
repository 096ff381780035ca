package com.dealerkpi.lambda;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The waits the aggregates' exactness rests on in a deployed stack (docs/aggregates.md, "Completing what was cut off"). */
class AggregatesTimingTest {
    /** No request through the HTTP API runs longer: its integration timeout. */
    private static final Duration LONGEST_REQUEST = Duration.ofSeconds(30);

    @Test
    void aStatusUpdateUsingAConfigItReadBeforeANewGenerationHasLandedLongBeforeThatGenerationIsBuilt() {
        Duration lastLanding = AggregatesFunction.CONFIG_REUSE.plus(LONGEST_REQUEST);
        assertTrue(lastLanding.multipliedBy(2).compareTo(AggregatesFunction.GRACE.builds()) < 0,
                lastLanding + " against a build's wait of " + AggregatesFunction.GRACE.builds());
    }

    @Test
    void aFlagIsTakenOverOnlyAfterTheRequestThatSetItHasEnded() {
        assertTrue(LONGEST_REQUEST.compareTo(AggregatesFunction.GRACE.flags()) < 0);
    }
}
