package com.dealerkpi.domain;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KpiReportTest {
    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final EffectiveTargets DEFAULTS = EffectiveTargets.merge(List.of());

    @Test
    void theHelpPagesWorkedExampleIsATwoToOneTarget() {
        // 3% of the database contacted a month, 70% appointed, 90% attend, 80% buy: about 2 contacts per sale
        assertEquals(1.98, KpiReport.targetContactToSale(DEFAULTS));
        assertEquals("2.0:1", KpiMaths.contactToSaleLabel(KpiReport.targetContactToSale(DEFAULTS)));
        DateRange june = DateRange.custom(LocalDate.of(2026, 6, 1), LocalDate.of(2026, 6, 30), LONDON);
        KpiReport.TargetCounts t = KpiReport.targetCounts(june, DEFAULTS, 1000L);
        assertEquals(30.0, t.contacted(), 1e-9);
        assertEquals(21.0, t.appointed(), 1e-9);
        assertEquals(18.9, t.attended(), 1e-9);
        assertEquals(15.12, t.sold(), 1e-9);
        assertEquals(30.0 / 15.12, t.contacted() / t.sold(), 1e-9);
    }

    @Test
    void monthlyTargetsAreProRatedByDaysOfEachCalendarMonth() {
        // 15 Jan..10 Mar 2024: 17/31 + 29/29 + 10/31 of a month
        DateRange range = DateRange.custom(LocalDate.of(2024, 1, 15), LocalDate.of(2024, 3, 10), LONDON);
        KpiReport.TargetCounts t = KpiReport.targetCounts(range, DEFAULTS, 400L);
        assertEquals(400 * 0.03 * (17 / 31.0 + 1 + 10 / 31.0), t.contacted(), 1e-9);
        assertNull(KpiReport.targetCounts(range, DEFAULTS, null), "no database size, no target counts");
    }

    @Test
    void ratiosWithZeroDivisorsAreNull() {
        DateRange range = DateRange.custom(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 31), LONDON);
        KpiReport empty = KpiReport.build("D1", range, List.of(KpiCounts.ZERO), DEFAULTS, 100L);
        assertNull(empty.appointedPerContacted());
        assertNull(empty.attendedPerAppointed());
        assertNull(empty.soldPerAttended());
        assertNull(empty.contactToSale());
        assertNull(KpiMaths.contactToSaleLabel(empty.contactToSale()));
        assertTrue(empty.notes().isEmpty());

        KpiReport some = KpiReport.build("D1", range, List.of(new KpiCounts(120, 80, 70, 55)), DEFAULTS, 100L);
        assertEquals(0.667, some.appointedPerContacted());
        assertEquals(0.875, some.attendedPerAppointed());
        assertEquals(0.786, some.soldPerAttended());
        assertEquals(2.18, some.contactToSale());
        assertEquals("2.2:1", KpiMaths.contactToSaleLabel(some.contactToSale()));
    }

    @Test
    void totalsAreTheSumOfTheMonths() {
        DateRange range = DateRange.custom(LocalDate.of(2026, 1, 10), LocalDate.of(2026, 3, 5), LONDON);
        KpiReport report = KpiReport.build("D1", range,
                List.of(new KpiCounts(5, 3, 2, 1), new KpiCounts(0, 0, 0, 0), new KpiCounts(2, 2, 2, 2)), DEFAULTS, 10L);
        assertEquals(new KpiCounts(7, 5, 4, 3), report.counts());
        assertEquals(3, report.monthly().size());
        assertEquals(2.0 / 2.0, report.monthly().get(2).contactToSale());
        assertNull(report.monthly().get(1).contactToSale());
    }

    @Test
    void aLaterStageAboveAnEarlierOneIsExplained() {
        DateRange ytd = DateRange.resolve(RangeKind.YTD, LocalDate.of(2026, 11, 28), LONDON, null);
        List<KpiCounts> months = new java.util.ArrayList<>();
        for (int i = 0; i < 11; i++) {
            months.add(i == 10 ? new KpiCounts(2, 3, 3, 5) : KpiCounts.ZERO);
        }
        KpiReport report = KpiReport.build("D1", ytd, months, DEFAULTS, null);
        assertEquals(3, report.notes().size(), report.notes().toString());
        assertTrue(report.notes().get(0).startsWith("Appointed (3) is higher than Contacted (2)."));
        assertTrue(report.notes().get(1).startsWith("Sold (5) is higher than Attended (3)."));
        assertTrue(report.notes().get(0).contains("before 2026-01-01"));
        assertTrue(report.notes().get(2).contains("databaseSize"));
    }

    @Test
    void targetsMergeFieldByFieldFromTheMostSpecificScope() {
        EffectiveTargets merged = EffectiveTargets.merge(List.of(
                new EffectiveTargets.Layer(TargetScope.national(), new TargetRates(Map.of(
                        TargetField.CONTACT_RATE_PER_MONTH, 0.05, TargetField.SOLD_RATE, 0.6))),
                new EffectiveTargets.Layer(TargetScope.region("North"), new TargetRates(Map.of(
                        TargetField.SOLD_RATE, 0.65, TargetField.ATTENDED_RATE, 0.85))),
                new EffectiveTargets.Layer(TargetScope.brand("Ford"), new TargetRates(Map.of(TargetField.SOLD_RATE, 0.7))),
                new EffectiveTargets.Layer(TargetScope.dealership("D1"), new TargetRates(Map.of(TargetField.ATTENDED_RATE, 0.95)))));
        assertEquals(0.05, merged.get(TargetField.CONTACT_RATE_PER_MONTH));
        assertEquals("national", merged.sources().get(TargetField.CONTACT_RATE_PER_MONTH));
        assertEquals(0.70, merged.get(TargetField.APPOINTED_RATE));
        assertEquals("default", merged.sources().get(TargetField.APPOINTED_RATE));
        assertEquals(0.95, merged.get(TargetField.ATTENDED_RATE));
        assertEquals("dealership:D1", merged.sources().get(TargetField.ATTENDED_RATE));
        assertEquals(0.7, merged.get(TargetField.SOLD_RATE));
        assertEquals("brand:Ford", merged.sources().get(TargetField.SOLD_RATE), "brand beats region");
    }

    @Test
    void ratesMustBeFractions() {
        assertEquals(List.of("soldRate"), TargetRates.check(Map.of(TargetField.SOLD_RATE, 1.01)).stream().map(FieldError::field).toList());
        assertEquals(List.of("appointedRate"), TargetRates.check(Map.of(TargetField.APPOINTED_RATE, -0.1)).stream().map(FieldError::field).toList());
        assertTrue(TargetRates.check(Map.of(TargetField.APPOINTED_RATE, 0.0, TargetField.SOLD_RATE, 1.0)).isEmpty());
    }
}
