package com.dealerkpi.domain.report;

import com.dealerkpi.domain.Moments;
import com.dealerkpi.domain.status.Stage;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Comparison ranges, pace, time to convert and contact cohorts (docs/contract.md, "The KPI report" and "Drill-down, usage, cohorts"), and index moments. */
class InsightTest {
    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    private static DateRange range(String from, String to) {
        return DateRange.custom(LocalDate.parse(from), LocalDate.parse(to), LONDON);
    }

    @Test
    void previousIsAsManyDaysEndingTheDayBeforeFrom() {
        assertEquals(range("2026-02-01", "2026-02-28"), CompareWith.PREVIOUS.rangeFor(range("2026-03-01", "2026-03-28")));
        assertEquals(range("2026-03-02", "2026-03-02"), CompareWith.PREVIOUS.rangeFor(range("2026-03-03", "2026-03-03")));
        assertEquals(range("2025-01-01", "2025-12-31"), CompareWith.PREVIOUS.rangeFor(range("2026-01-01", "2026-12-31")));
    }

    @Test
    void lastYearIsTheSameDatesAndTheTwentyNinthOfFebruaryBecomesTheTwentyEighth() {
        assertEquals(range("2025-01-01", "2025-11-28"), CompareWith.LAST_YEAR.rangeFor(range("2026-01-01", "2026-11-28")));
        assertEquals(range("2023-02-28", "2023-02-28"), CompareWith.LAST_YEAR.rangeFor(range("2024-02-29", "2024-02-29")));
        assertEquals(range("2023-02-01", "2023-02-28"), CompareWith.LAST_YEAR.rangeFor(range("2024-02-01", "2024-02-29")));
    }

    @Test
    void compareIsParsedCaseInsensitivelyAndOnlyItsTwoValues() {
        assertEquals(Optional.of(CompareWith.LAST_YEAR), CompareWith.parse(" Last-Year "));
        assertEquals(Optional.of(CompareWith.PREVIOUS), CompareWith.parse("previous"));
        assertEquals(Optional.empty(), CompareWith.parse("last_year"));
    }

    @Test
    void paceProjectsTheYearAndTheMonthToTheirLastDay() {
        KpiCounts counts = new KpiCounts(100, 50, 33, 7);
        // 1 January to 10 February 2026: 41 days of 365
        DateRange ytd = DateRange.resolve(RangeKind.YTD, LocalDate.parse("2026-02-10"), LONDON, null);
        Pace year = Pace.of(ytd, counts).orElseThrow();
        assertEquals(LocalDate.parse("2026-12-31"), year.until());
        assertEquals(Math.round(100 * 365 / 41.0 * 10) / 10.0, year.counts().get(Stage.CONTACTED));
        assertEquals(Math.round(7 * 365 / 41.0 * 10) / 10.0, year.counts().get(Stage.SOLD));
        // 1 to 10 February 2024: 10 days of 29
        DateRange mtd = DateRange.resolve(RangeKind.MTD, LocalDate.parse("2024-02-10"), LONDON, null);
        Pace month = Pace.of(mtd, counts).orElseThrow();
        assertEquals(LocalDate.parse("2024-02-29"), month.until());
        assertEquals(290.0, month.counts().get(Stage.CONTACTED));
        assertEquals(20.3, month.counts().get(Stage.SOLD));
    }

    @Test
    void onlyYearAndMonthToDateHaveAPace() {
        LocalDate today = LocalDate.parse("2026-02-10");
        for (RangeKind kind : List.of(RangeKind.LAST_MONTH, RangeKind.ALL)) {
            assertTrue(Pace.of(DateRange.resolve(kind, today, LONDON, LocalDate.parse("2025-01-01")), KpiCounts.of(new long[4])).isEmpty(),
                    kind.wire());
        }
        assertTrue(Pace.of(range("2026-01-01", "2026-02-10"), KpiCounts.of(new long[4])).isEmpty(), "custom");
    }

    private static Map<Stage, Instant> moments(String contacted, String appointed, String attended, String sold) {
        Map<Stage, Instant> moments = new EnumMap<>(Stage.class);
        String[] at = {contacted, appointed, attended, sold};
        for (Stage stage : Stage.values()) {
            if (at[stage.ordinal()] != null) {
                moments.put(stage, Instant.parse(at[stage.ordinal()]));
            }
        }
        return moments;
    }

    @Test
    void timeToConvertIsTheMedianOfEachStepOverTheAgreementsThatHaveBothEnds() {
        TimeToConvert odd = TimeToConvert.of(List.of(
                moments("2026-03-01T00:00:00Z", "2026-03-02T00:00:00Z", "2026-03-05T00:00:00Z", "2026-03-05T12:00:00Z"),
                moments("2026-03-01T00:00:00Z", "2026-03-11T00:00:00Z", null, "2026-03-20T00:00:00Z"),
                moments("2026-03-01T00:00:00Z", "2026-03-04T00:00:00Z", "2026-03-06T00:00:00Z", "2026-03-07T06:00:00Z")));
        assertEquals(3.0, odd.contactedToAppointed(), "1, 10 and 3 days");
        assertEquals(2.5, odd.appointedToAttended(), "3 and 2 days: the mean of the middle two");
        assertEquals(0.9, odd.attendedToSold(), "0.5 and 1.25 days");
        assertEquals(6.3, odd.contactedToSold(), "4.5, 19 and 6.25 days");
    }

    @Test
    void timeToConvertIsNullWhereNoAgreementHasBothMilestones() {
        TimeToConvert none = TimeToConvert.of(List.of(moments(null, null, null, "2026-03-05T00:00:00Z")));
        assertNull(none.contactedToAppointed());
        assertNull(none.contactedToSold());
        assertNull(TimeToConvert.of(List.of()).attendedToSold());
    }

    @Test
    void indexMomentsReadBackExactlyAsWrittenAndAnythingElseAsInstantParseReadsIt() {
        Random random = new Random(7);
        for (int i = 0; i < 10_000; i++) {
            Instant at = Instant.ofEpochMilli(946_684_800_000L + (long) (random.nextDouble() * 3_155_760_000_000L));
            assertEquals(at, Moments.parseFixedWidth(Moments.fixedWidth(at)), Moments.fixedWidth(at));
        }
        assertEquals(Instant.parse("2024-02-29T23:59:59.999Z"), Moments.parseFixedWidth("2024-02-29T23:59:59.999Z"));
        assertEquals(Instant.parse("2026-03-01T10:00:00Z"), Moments.parseFixedWidth("2026-03-01T10:00:00Z"), "not fixed width");
        assertThrows(DateTimeParseException.class,
                () -> Moments.parseFixedWidth("2026-13-01T10:00:00.000Z"));
        assertThrows(DateTimeException.class,
                () -> Moments.parseFixedWidth("2026-02-30T10:00:00.000Z"));
    }

    @Test
    void cohortsCountEachMonthsFirstContactsAndHowFarTheyGotInFunnelOrder() {
        DateRange range = range("2026-01-15", "2026-03-31");
        Map<String, Instant> contactedAt = Map.of(
                "jan", Instant.parse("2026-01-20T10:00:00Z"),
                "jan-sold", Instant.parse("2026-01-31T23:30:00Z"),     // 31 January in London (GMT)
                "apr-local", Instant.parse("2026-03-31T23:30:00Z"),    // 1 April in London (BST): outside the range
                "mar", Instant.parse("2026-03-01T00:00:00Z"));
        Map<String, Set<Stage>> reached = Map.of(
                "jan", Set.of(Stage.CONTACTED, Stage.APPOINTED),
                "jan-sold", Set.of(Stage.CONTACTED, Stage.APPOINTED, Stage.ATTENDED, Stage.SOLD),
                "apr-local", Set.of(Stage.CONTACTED, Stage.SOLD),
                "mar", Set.of(Stage.CONTACTED));
        List<Cohorts.Row> rows = Cohorts.of(range, contactedAt, reached);
        assertEquals(List.of(YearMonth.of(2026, 1), YearMonth.of(2026, 2), YearMonth.of(2026, 3)),
                rows.stream().map(Cohorts.Row::month).toList());
        assertEquals(new KpiCounts(2, 2, 1, 1), rows.get(0).counts());
        assertEquals(new KpiCounts(0, 0, 0, 0), rows.get(1).counts());
        assertEquals(new KpiCounts(1, 0, 0, 0), rows.get(2).counts());
    }
}
