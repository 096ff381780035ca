package com.dealerkpi.domain.counts;

import com.dealerkpi.domain.status.Stage;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The recount of a dealership's months: counters by local day, cohorts in the month of the contact, sales in that of the sale. */
class MonthRecountTest {
    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    @Test
    void eachMomentCountsOnItsLocalDayAndEachAgreementInItsContactsCohortAndItsSalesMonth() {
        Instant contacted = Instant.parse("2026-03-31T23:30:00Z");   // 00:30 BST, 1 April
        Instant appointed = Instant.parse("2026-04-10T09:00:00Z");
        Instant sold = Instant.parse("2026-05-02T15:00:00Z");
        Map<String, Map<Stage, Instant>> agreements = Map.of(
                "A1", Map.of(Stage.CONTACTED, contacted, Stage.APPOINTED, appointed, Stage.SOLD, sold),
                "A2", Map.of(Stage.CONTACTED, Instant.parse("2026-04-01T12:00:00Z")));
        Map<YearMonth, MonthSummary> months = MonthRecount.of(agreements, LONDON);

        assertEquals(List.of(YearMonth.of(2026, 4), YearMonth.of(2026, 5)), List.copyOf(months.keySet()));
        MonthSummary april = months.get(YearMonth.of(2026, 4));
        assertEquals(2, april.milestones().get(Stage.CONTACTED)[1]);
        assertEquals(1, april.milestones().get(Stage.APPOINTED)[10]);
        // of the two contacted on 1 April, one has been appointed and sold since (in April and May)
        assertEquals(1, april.cohorts().get(Stage.APPOINTED)[1]);
        assertEquals(1, april.cohorts().get(Stage.SOLD)[1]);
        assertEquals(0, april.cohorts().get(Stage.ATTENDED)[1]);
        assertEquals(List.of(), april.sales());
        MonthSummary may = months.get(YearMonth.of(2026, 5));
        assertEquals(1, may.milestones().get(Stage.SOLD)[2]);
        assertEquals(List.of(Map.of(Stage.CONTACTED, contacted, Stage.APPOINTED, appointed, Stage.SOLD, sold)), may.sales());
        assertEquals(0, may.cohorts().get(Stage.SOLD)[2], "a cohort is kept in the month of its contact");
    }
}
