package com.dealerkpi.domain.report;

import com.dealerkpi.domain.InvalidInputException;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DateRangeTest {
    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final ZoneId SYDNEY = ZoneId.of("Australia/Sydney");

    @Test
    void relativeRangesResolveOnTheLocalToday() {
        LocalDate today = LocalDate.of(2026, 11, 28);
        assertEquals(new DateRange(RangeKind.YTD, LocalDate.of(2026, 1, 1), today, LONDON),
                DateRange.resolve(RangeKind.YTD, today, LONDON, null));
        assertEquals(new DateRange(RangeKind.MTD, LocalDate.of(2026, 11, 1), today, LONDON),
                DateRange.resolve(RangeKind.MTD, today, LONDON, null));
        assertEquals(new DateRange(RangeKind.LAST_MONTH, LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 31), LONDON),
                DateRange.resolve(RangeKind.LAST_MONTH, today, LONDON, null));
        assertEquals(new DateRange(RangeKind.ALL, LocalDate.of(2025, 6, 1), today, LONDON),
                DateRange.resolve(RangeKind.ALL, today, LONDON, LocalDate.of(2025, 6, 1)));
    }

    @Test
    void lastMonthInJanuaryIsDecemberOfTheYearBefore() {
        DateRange range = DateRange.resolve(RangeKind.LAST_MONTH, LocalDate.of(2026, 1, 3), LONDON, null);
        assertEquals(LocalDate.of(2025, 12, 1), range.from());
        assertEquals(LocalDate.of(2025, 12, 31), range.to());
    }

    @Test
    void lastMonthKnowsLeapYears() {
        assertEquals(LocalDate.of(2024, 2, 29), DateRange.resolve(RangeKind.LAST_MONTH, LocalDate.of(2024, 3, 1), LONDON, null).to());
        assertEquals(LocalDate.of(2026, 2, 28), DateRange.resolve(RangeKind.LAST_MONTH, LocalDate.of(2026, 3, 31), LONDON, null).to());
    }

    @Test
    void anAllTimeStartInTheFutureIsToday() {
        LocalDate today = LocalDate.of(2026, 11, 28);
        assertEquals(today, DateRange.resolve(RangeKind.ALL, today, LONDON, LocalDate.of(2027, 1, 1)).from());
    }

    @Test
    void daysStartAtLocalMidnightAcrossDst() {
        // London springs forward on 2026-03-29: that day has 23 hours; autumn back on 2026-10-25: 25 hours
        DateRange spring = DateRange.custom(LocalDate.of(2026, 3, 29), LocalDate.of(2026, 3, 29), LONDON);
        assertEquals(Instant.parse("2026-03-29T00:00:00Z"), spring.start());
        assertEquals(Instant.parse("2026-03-29T23:00:00Z"), spring.endExclusive());
        assertEquals(Duration.ofHours(23), Duration.between(spring.start(), spring.endExclusive()));
        DateRange autumn = DateRange.custom(LocalDate.of(2026, 10, 25), LocalDate.of(2026, 10, 25), LONDON);
        assertEquals(Duration.ofHours(25), Duration.between(autumn.start(), autumn.endExclusive()));
        // Sydney: DST ends 2026-04-05 (25 h), starts 2026-10-04 (23 h); local midnight is the previous UTC day
        DateRange sydneyApril = DateRange.custom(LocalDate.of(2026, 4, 5), LocalDate.of(2026, 4, 5), SYDNEY);
        assertEquals(Instant.parse("2026-04-04T13:00:00Z"), sydneyApril.start());
        assertEquals(Duration.ofHours(25), Duration.between(sydneyApril.start(), sydneyApril.endExclusive()));
        DateRange sydneyOctober = DateRange.custom(LocalDate.of(2026, 10, 4), LocalDate.of(2026, 10, 4), SYDNEY);
        assertEquals(Duration.ofHours(23), Duration.between(sydneyOctober.start(), sydneyOctober.endExclusive()));
    }

    @Test
    void containsIsInclusiveOfBothLocalDays() {
        DateRange range = DateRange.custom(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 31), LONDON);
        assertTrue(range.contains(Instant.parse("2026-03-01T00:00:00Z")));
        assertTrue(range.contains(Instant.parse("2026-03-31T22:59:59.999Z")));
        assertFalse(range.contains(Instant.parse("2026-03-31T23:00:00Z")), "BST: local April has begun");
        assertFalse(range.contains(Instant.parse("2026-02-28T23:59:59.999Z")));
    }

    @Test
    void monthsAreClippedToTheRange() {
        DateRange range = DateRange.custom(LocalDate.of(2024, 1, 15), LocalDate.of(2024, 3, 10), LONDON);
        List<DateRange.MonthSlice> months = range.months();
        assertEquals(List.of(YearMonth.of(2024, 1), YearMonth.of(2024, 2), YearMonth.of(2024, 3)),
                months.stream().map(DateRange.MonthSlice::month).toList());
        assertEquals(17, months.get(0).daysInRange());
        assertEquals(29, months.get(1).daysInRange(), "2024 is a leap year");
        assertEquals(months.get(1).month().lengthOfMonth(), months.get(1).daysInRange());
        assertEquals(10, months.get(2).daysInRange());
        List<java.time.Instant> days = range.dayBoundaries();
        assertEquals(56 + 1, days.size(), "each local day's start, and the range's end");
        assertEquals(range.start(), days.get(0));
        assertEquals(LocalDate.of(2024, 2, 1).atStartOfDay(LONDON).toInstant(), days.get(17));
        assertEquals(range.endExclusive(), days.get(56));
    }

    @Test
    void requestsAreCheckedBeforeAnyZoneIsKnown() {
        assertEquals(RangeKind.YTD, RangeRequest.parse(Optional.empty(), Optional.empty(), Optional.empty()).kind());
        assertEquals(RangeKind.LAST_MONTH, RangeRequest.parse(Optional.of("Last-Month"), Optional.empty(), Optional.empty()).kind());
        RangeRequest custom = RangeRequest.parse(Optional.empty(), Optional.of("2024-02-01"), Optional.of("2024-02-29"));
        assertEquals(RangeKind.CUSTOM, custom.kind());
        assertEquals(LocalDate.of(2024, 2, 29), custom.to());
        for (String[] bad : new String[][]{
                {"decade", null, null}, {null, "2024-02-01", null}, {null, null, "2024-02-01"},
                {null, "2024-03-01", "2024-02-01"}, {null, "1999-12-31", "2024-01-01"}, {null, "2024-01-01", "2100-01-01"},
                {null, "2024-02-30", "2024-03-01"}, {null, "24-02-01", "2024-03-01"}, {"ytd", "2024-01-01", "2024-02-01"},
                {"custom", null, null}}) {
            assertThrows(InvalidInputException.class, () -> RangeRequest.parse(Optional.ofNullable(bad[0]),
                    Optional.ofNullable(bad[1]), Optional.ofNullable(bad[2])), String.join(",", String.valueOf(bad[0]),
                    String.valueOf(bad[1]), String.valueOf(bad[2])));
        }
    }
}
