package com.dealerkpi.api;

import com.dealerkpi.domain.DateRange;
import com.dealerkpi.domain.EffectiveTargets;
import com.dealerkpi.domain.KpiCounts;
import com.dealerkpi.domain.KpiReport;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RenderingTest {

    @Test
    void csvCellsThatASpreadsheetWouldRunAreNeutralised() {
        assertEquals("\"'=HYPERLINK(\"\"x\"\")\"", KpiCsv.cell("=HYPERLINK(\"x\")"));
        assertEquals("'+1", KpiCsv.cell("+1"));
        assertEquals("'-1", KpiCsv.cell("-1"));
        assertEquals("'@SUM(A1)", KpiCsv.cell("@SUM(A1)"));
        assertEquals("\"a,b\"", KpiCsv.cell("a,b"));
        assertEquals("2026-01", KpiCsv.cell("2026-01"));
    }

    @Test
    void csvHasAHeaderAMonthPerRowAndATotal() {
        DateRange range = DateRange.custom(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 2, 28), ZoneId.of("Europe/London"));
        KpiReport report = KpiReport.build("D1", range, List.of(new KpiCounts(4, 3, 2, 2), new KpiCounts(1, 0, 0, 0)),
                EffectiveTargets.merge(List.of()), null);
        String csv = KpiCsv.render(report.monthly(), report.counts());
        assertEquals(List.of(KpiCsv.HEADER, "2026-01,4,3,2,2,2.0", "2026-02,1,0,0,0,", "total,5,3,2,2,2.5"),
                List.of(csv.split("\r\n")));
        assertTrue(csv.endsWith("\r\n"));
    }

    @Test
    void htmlEscapesAndLoadsNothingFromElsewhere() {
        DateRange range = DateRange.custom(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 31), ZoneId.of("Europe/London"));
        KpiReport report = KpiReport.build("D<script>", range, List.of(new KpiCounts(4, 5, 2, 2)),
                EffectiveTargets.merge(List.of()), 100L);
        String html = KpiHtml.render(report, "<b>\"Ford\" & Sons</b>");
        assertFalse(html.contains("<script") || html.contains("<b>"), "user-supplied text is escaped");
        assertTrue(html.contains("&lt;b&gt;&quot;Ford&quot; &amp; Sons&lt;/b&gt;"));
        assertTrue(html.contains("D&lt;script&gt;"));
        assertFalse(html.contains("src="), "no external resources");
        assertFalse(html.replace("http://www.w3.org/2000/svg", "").contains("http"), "no links to other sites");
        assertTrue(html.contains("<svg") && html.contains("</svg>"));
        assertTrue(html.contains("aria-label=\"KPI switch\""));
        assertTrue(html.contains("?range=ytd&amp;format=html") && html.contains("?range=last-month&amp;format=html")
                && html.contains("?range=all&amp;format=html"));
        assertTrue(html.contains("Appointed (5) is higher than Contacted (4)."), "notes are shown");
    }
}
