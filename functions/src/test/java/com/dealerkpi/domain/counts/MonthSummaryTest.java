package com.dealerkpi.domain.counts;

import com.dealerkpi.domain.status.Stage;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MonthSummaryTest {
    private static final Instant SOLD = Instant.parse("2026-03-05T16:20:00.123Z");
    private static final Instant CONTACTED = Instant.parse("2026-02-27T09:00:00Z");

    @Test
    void whatIsStoredReadsBackAsItWas() {
        Map<Stage, long[]> milestones = MonthCounts.byDay(Map.of(new MonthCounts.CounterId(Stage.CONTACTED, 3), 2L,
                new MonthCounts.CounterId(Stage.SOLD, 31), 1L));
        Map<Stage, long[]> cohorts = MonthCounts.byDay(Map.of(new MonthCounts.CounterId(Stage.APPOINTED, 3), 1L));
        // a sale whose appointment was voided away: its other moments stay, to the millisecond
        List<Map<Stage, Instant>> sales = List.of(Map.of(Stage.SOLD, SOLD, Stage.CONTACTED, CONTACTED, Stage.ATTENDED, SOLD),
                Map.of(Stage.SOLD, SOLD.plusMillis(1)));
        MonthSummary read = MonthSummary.parse(new MonthSummary(17, milestones, cohorts, sales).format());

        assertEquals(17, read.version());
        for (Stage stage : Stage.values()) {
            assertArrayEquals(milestones.get(stage), read.milestones().get(stage), stage.name());
            assertArrayEquals(cohorts.get(stage), read.cohorts().get(stage), stage.name());
        }
        assertEquals(sales, read.sales());
    }

    @Test
    void aMonthWithoutSalesOrCountsReadsBackEmpty() {
        MonthSummary read = MonthSummary.parse(MonthSummary.none().format());
        assertEquals(List.of(), read.sales());
        assertEquals(0, read.milestones().get(Stage.CONTACTED)[1]);
    }

    @Test
    void storedSummariesOrderAsTheirVersionsDo() {
        // a write's condition compares the stored text: a later version must compare greater whatever it holds
        String older = new MonthSummary(9, MonthSummary.none().milestones(), MonthSummary.none().cohorts(),
                List.of(Map.of(Stage.SOLD, SOLD))).format();
        String newer = new MonthSummary(10, MonthSummary.none().milestones(), MonthSummary.none().cohorts(), List.of()).format();
        assertTrue(older.compareTo(newer) < 0, older + " / " + newer);
        assertThrows(IllegalStateException.class, () -> new MonthSummary(NetworkRegister.MAX_VERSION + 1,
                MonthSummary.none().milestones(), MonthSummary.none().cohorts(), List.of()).format());
    }
}
