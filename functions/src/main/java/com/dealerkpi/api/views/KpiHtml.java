package com.dealerkpi.api.views;

import com.dealerkpi.domain.report.ContactToSale;
import com.dealerkpi.domain.report.KpiCounts;
import com.dealerkpi.domain.report.KpiReport;
import com.dealerkpi.domain.report.RangeKind;
import com.dealerkpi.domain.report.StageRates;
import com.dealerkpi.domain.settings.TargetField;
import com.dealerkpi.domain.status.Stage;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The KPI report as one self-contained HTML page (no scripts, fonts or links to other sites): the KPI switch,
 * the funnel against target, and the monthly contact-to-sale chart as inline SVG. Every value that came from
 * a user (ids, names, notes) is escaped.
 */
public final class KpiHtml {
    private static final Map<RangeKind, String> RANGE_NAMES = Map.of(RangeKind.YTD, "Year to date",
            RangeKind.MTD, "This month", RangeKind.LAST_MONTH, "Last month", RangeKind.ALL, "All time",
            RangeKind.CUSTOM, "Custom range");
    private static final TargetField[] RATE_FIELDS = {TargetField.CONTACT_RATE_PER_MONTH, TargetField.APPOINTED_RATE,
            TargetField.ATTENDED_RATE, TargetField.SOLD_RATE};

    private KpiHtml() {
    }

    public static String render(KpiReport report) {
        String dealership = Html.dealershipLabel(report.name(), report.dealershipId());
        StringBuilder html = Html.page("KPI report", dealership);
        html.append("<header><h1>KPI report</h1><p class=\"sub\">Dealership <strong>").append(dealership)
                .append("</strong> &middot; ").append(RANGE_NAMES.get(report.range().kind())).append(", ")
                .append(report.range().from()).append(" to ").append(report.range().to())
                .append(" &middot; ").append(Html.escape(report.range().zone().getId())).append("</p>\n")
                .append("<p class=\"muted\">A printable report: open the dashboard to switch ranges.</p></header>\n");

        ContactToSale target = report.rangeTargetRatio();
        html.append("<section><h2>Contact-to-sale</h2><p class=\"ratio\">")
                .append(Html.escape(report.counts().contactToSale().label()))
                .append("</p><p class=\"muted\">Contacts per sale. Target ")
                .append(target.ratio() == null ? "not set" : Html.escape(target.label()))
                .append(" (fewer contacts per sale is better).</p></section>\n");

        funnel(html, report);
        chart(html, report.monthly(), target);
        monthlyTable(html, report.monthly());
        if (!report.notes().isEmpty()) {
            html.append("<section class=\"notes\"><h2>Notes</h2><ul>");
            for (String note : report.notes()) {
                html.append("<li>").append(Html.escape(note)).append("</li>");
            }
            html.append("</ul></section>\n");
        }
        return html.append("</body></html>\n").toString();
    }

    /** Each stage: its count against its target count, and its rate against its target rate. */
    private static void funnel(StringBuilder html, KpiReport report) {
        html.append("<section><h2>Funnel: actual against target</h2><table><thead><tr><th>Stage</th><th>Actual</th>")
                .append("<th>Target</th><th>Of target</th><th></th><th>Rate</th><th>Target rate</th></tr></thead><tbody>");
        KpiReport.TargetCounts targets = report.shownTargetCounts();
        Map<Stage, Double> ofTarget = report.ofTarget();
        Map<Stage, Integer> ofTargetPercent = report.ofTargetPercent();
        StageRates stageRates = report.counts().rates();
        Double[] rates = {report.contactRate(), stageRates.appointedPerContacted(), stageRates.attendedPerAppointed(),
                stageRates.soldPerAttended()};
        for (Stage stage : Stage.values()) {
            long actual = report.counts().get(stage);
            html.append("<tr><td>").append(stage.title()).append("</td><td>").append(actual).append("</td>");
            if (targets == null) {
                html.append("<td class=\"muted\">needs database size</td><td></td><td></td>");
            } else {
                Double share = ofTarget.get(stage);
                int width = share == null ? 0 : (int) Math.round(Math.min(share, 1.0) * 100);
                html.append("<td>").append(oneDecimal(targets.get(stage))).append("</td><td>")
                        .append(Html.trafficLight(ofTargetPercent.get(stage))).append("</td>")
                        .append("<td><div class=\"bar").append(share != null && share >= 1 ? " over" : "")
                        .append("\"><span style=\"width:").append(width).append("%\"></span></div></td>");
            }
            Double rate = rates[stage.ordinal()];
            TargetField field = RATE_FIELDS[stage.ordinal()];
            html.append("<td>").append(rate == null ? "-" : Html.percent(rate)).append("</td><td>")
                    .append(Html.percent(report.targets().get(field)))
                    .append(stage == Stage.CONTACTED ? " of the database a month" : " of " + Stage.values()[stage.ordinal() - 1].title().toLowerCase(Locale.ROOT))
                    .append("</td></tr>");
        }
        html.append("</tbody></table></section>\n");
    }

    /** A number already rounded to one decimal, printed with it. */
    private static String oneDecimal(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    /** Bars of each month's contact-to-sale ratio, with the target as a dashed line. */
    private static void chart(StringBuilder html, List<KpiReport.MonthRow> monthly, ContactToSale targetRatio) {
        Double target = targetRatio.ratio();
        int width = 640;
        int height = 220;
        int left = 40;
        int bottom = 30;
        double max = target == null ? 1 : target;
        for (KpiReport.MonthRow row : monthly) {
            if (row.contactToSale().ratio() != null) {
                max = Math.max(max, row.contactToSale().ratio());
            }
        }
        max = Math.ceil(max * 1.15);
        double plotHeight = height - bottom - 10;
        double slot = (width - left) / (double) Math.max(1, monthly.size());
        html.append("<section><h2>Monthly contact-to-sale</h2>")
                .append("<svg role=\"img\" aria-label=\"Monthly contact-to-sale ratio\" viewBox=\"0 0 ")
                .append(width).append(' ').append(height).append("\" width=\"100%\" xmlns=\"http://www.w3.org/2000/svg\">")
                .append("<line x1=\"").append(left).append("\" y1=\"").append(height - bottom).append("\" x2=\"").append(width)
                .append("\" y2=\"").append(height - bottom).append("\" stroke=\"#c7cbd6\"/>")
                .append("<text x=\"0\" y=\"14\">").append((long) max).append(":1</text>")
                .append("<text x=\"0\" y=\"").append(height - bottom).append("\">0</text>");
        for (int i = 0; i < monthly.size(); i++) {
            KpiReport.MonthRow row = monthly.get(i);
            double x = left + i * slot + slot * 0.15;
            Double value = row.contactToSale().ratio();
            if (value != null) {
                double barHeight = value / max * plotHeight;
                html.append("<rect x=\"").append(fmt(x)).append("\" y=\"").append(fmt(height - bottom - barHeight))
                        .append("\" width=\"").append(fmt(slot * 0.7)).append("\" height=\"").append(fmt(barHeight))
                        .append("\" fill=\"#1d4ed8\"><title>").append(row.month()).append(": ")
                        .append(Html.escape(row.counts().contactToSale().label())).append("</title></rect>");
            }
            if (row.counts().sold() == 0 && row.counts().contacted() > 0) {
                html.append("<text x=\"").append(fmt(x)).append("\" y=\"").append(height - bottom - 4)
                        .append("\">no sales</text>");
            }
            html.append("<text x=\"").append(fmt(x)).append("\" y=\"").append(height - 10).append("\">")
                    .append(row.month().getMonth().getDisplayName(java.time.format.TextStyle.SHORT, Locale.ENGLISH))
                    .append(monthly.size() > 12 ? " " + (row.month().getYear() % 100) : "").append("</text>");
        }
        if (target != null) {
            double y = height - bottom - target / max * plotHeight;
            html.append("<line x1=\"").append(left).append("\" y1=\"").append(fmt(y)).append("\" x2=\"").append(width)
                    .append("\" y2=\"").append(fmt(y)).append("\" stroke=\"#b45309\" stroke-dasharray=\"6 4\"/>")
                    .append("<text x=\"").append(width - 90).append("\" y=\"").append(fmt(y - 4)).append("\">target ")
                    .append(Html.escape(targetRatio.label())).append("</text>");
        }
        html.append("</svg></section>\n");
    }

    private static void monthlyTable(StringBuilder html, List<KpiReport.MonthRow> monthly) {
        html.append("<section><h2>By month</h2><table><thead><tr><th>Month</th><th>Contacted</th><th>Appointed</th>")
                .append("<th>Attended</th><th>Sold</th><th>Contact-to-sale</th><th>Target sold</th><th></th></tr></thead><tbody>");
        List<KpiReport.TargetCounts> targets = KpiReport.printedTargets(monthly);
        for (int i = 0; i < monthly.size(); i++) {
            KpiReport.MonthRow row = monthly.get(i);
            html.append("<tr><td>").append(row.month()).append("</td>");
            for (Stage stage : Stage.values()) {
                html.append("<td>").append(row.counts().get(stage)).append("</td>");
            }
            html.append("<td>").append(Html.escape(row.contactToSale().label())).append("</td><td>")
                    .append(targets.get(i) == null ? "-" : oneDecimal(targets.get(i).sold()))
                    .append("</td><td class=\"muted\">").append(Html.escape(monthNote(row))).append("</td></tr>");
        }
        html.append("</tbody></table></section>\n");
    }


    /** Why a month reads as it does: no activity, contacts and no sales, or sales from earlier contacts. */
    private static String monthNote(KpiReport.MonthRow row) {
        if (row.counts().equals(KpiCounts.ZERO)) {
            return "no activity";
        }
        return row.contactToSaleNote() == null ? "" : row.contactToSaleNote();
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
