package com.dealerkpi.api.views;

import com.dealerkpi.domain.report.DateRange;
import com.dealerkpi.domain.report.KpiCounts;
import com.dealerkpi.domain.report.KpiReport;
import com.dealerkpi.domain.settings.Profile;
import com.dealerkpi.domain.settings.Timeline;
import com.dealerkpi.domain.status.Stage;
import com.dealerkpi.support.Days;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RenderingTest {

    private static Profile profile(String id, long databaseSize) {
        return profile(id, null, databaseSize);
    }

    private static Profile profile(String id, String name, long databaseSize) {
        return new Profile(id, name, null, null, null, ZoneId.of("Europe/London"), new Timeline<>(List.of(
                new Timeline.Change<>(YearMonth.of(2020, 1), Instant.parse("2026-01-01T00:00:00Z"), databaseSize))), null);
    }

    @Test
    void csvCellsThatASpreadsheetWouldRunAreNeutralised() {
        assertEquals("\"'=HYPERLINK(\"\"x\"\")\"", Csv.cell("=HYPERLINK(\"x\")"));
        assertEquals("'+1", Csv.cell("+1"));
        assertEquals("'-1", Csv.cell("-1"));
        assertEquals("'@SUM(A1)", Csv.cell("@SUM(A1)"));
        assertEquals("\"a,b\"", Csv.cell("a,b"));
        assertEquals("2026-01", Csv.cell("2026-01"));
    }

    @Test
    void csvHasAHeaderAMonthPerRowAndATotal() {
        DateRange range = DateRange.custom(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 2, 28), ZoneId.of("Europe/London"));
        KpiReport report = KpiReport.build(profile("D1", 1000L), range,
                Days.onFirstDays(range, List.of(new KpiCounts(4, 3, 2, 2), new KpiCounts(1, 0, 0, 0))), List.of(), LocalDate.of(2026, 2, 14));
        String csv = KpiCsv.render(report);
        assertEquals(List.of(KpiCsv.HEADER, "2026-01,4,3,2,2,2.0,30.0,21.0,18.9,15.1", "2026-02,1,0,0,0,,15.0,10.5,9.5,7.6",
                        "total,5,3,2,2,2.5,45.0,31.5,28.4,22.7"),
                List.of(csv.split("\r\n")));
        assertTrue(csv.endsWith("\r\n"));
    }

    @Test
    void aSharePrintedAsNinetyPercentIsAmber() {
        // 27 of a target of 30.03 is 89.9 %: printed as 90 %, so amber, not red
        DateRange june = DateRange.custom(LocalDate.of(2026, 6, 1), LocalDate.of(2026, 6, 30), ZoneId.of("Europe/London"));
        KpiReport report = KpiReport.build(profile("D1", 1001L), june, Days.onFirstDays(june, List.of(new KpiCounts(27, 0, 0, 0))),
                List.of(), LocalDate.of(2026, 7, 1));
        assertEquals(90, report.ofTargetPercent().get(Stage.CONTACTED));
        assertTrue(KpiHtml.render(report).contains("<span class=\"rag amber\">90% <small>near target</small></span>"));
    }

    @Test
    void htmlEscapesAndLoadsNothingFromElsewhere() {
        DateRange range = DateRange.custom(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 31), ZoneId.of("Europe/London"));
        KpiReport report = KpiReport.build(profile("D<script>", "<b>\"Ford\" & Sons</b>", 100L), range,
                Days.onFirstDays(range, List.of(new KpiCounts(4, 5, 2, 2))), List.of(), LocalDate.of(2026, 2, 1));
        String html = KpiHtml.render(report);
        assertFalse(html.contains("<script") || html.contains("<b>"), "user-supplied text is escaped");
        assertTrue(html.contains("&lt;b&gt;&quot;Ford&quot; &amp; Sons&lt;/b&gt;"));
        assertTrue(html.contains("D&lt;script&gt;"));
        assertFalse(html.contains("src="), "no external resources");
        assertFalse(html.replace("http://www.w3.org/2000/svg", "").contains("http"), "no links to other sites");
        assertTrue(html.contains("<svg") && html.contains("</svg>"));
        assertFalse(html.contains("<a "), "a printable page: no links that would lose the caller's token");
        assertTrue(html.contains("<td>Appointed</td><td>5</td>") && html.contains("70% of contacted"),
                "each stage's rate against its target rate");
        assertTrue(html.contains("3% of the database a month"));
        assertTrue(html.contains("Appointed (5) is higher than Contacted (4)."), "notes are shown");
    }
}
