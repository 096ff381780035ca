package com.dealerkpi.api.views;

import com.dealerkpi.domain.report.KpiCounts;
import com.dealerkpi.domain.report.KpiMaths;
import com.dealerkpi.domain.report.KpiReport;
import com.dealerkpi.domain.report.RangeKind;
import com.dealerkpi.domain.settings.TargetField;
import com.dealerkpi.domain.status.Stage;

import java.util.List;
import java.util.Locale;

/**
 * The KPI report as one self-contained HTML page (no scripts, fonts or links to other sites): the KPI switch,
 * the funnel against target, and the monthly contact-to-sale chart as inline SVG. Every value that came from
 * a user (ids, names, notes) is escaped.
 */
public final class KpiHtml {
    private static final String STYLE = String.join("\n",
            "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:2rem auto;max-width:60rem;color:#1d2330;padding:0 1rem}",
            "h1{margin-bottom:.2rem}.sub{color:#5a6275;margin-top:0}",
            ".ratio{font-size:2.4rem;font-weight:700;margin:.2rem 0}.muted{color:#5a6275}",
            "table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem}th,td{padding:.4rem .6rem;border-bottom:1px solid #e3e6ee;text-align:right}",
            "th:first-child,td:first-child{text-align:left}.bar{background:#e3e6ee;height:.7rem;border-radius:.35rem;min-width:8rem}",
            ".bar span{display:block;height:100%;background:#1d4ed8;border-radius:.35rem}.over span{background:#15803d}",
            "svg text{font-size:11px;fill:#5a6275}.notes li{margin-bottom:.4rem}");

    private static final java.util.Map<RangeKind, String> RANGE_NAMES = java.util.Map.of(RangeKind.YTD, "Year to date",
            RangeKind.MTD, "This month", RangeKind.LAST_MONTH, "Last month", RangeKind.ALL, "All time",
            RangeKind.CUSTOM, "Custom range");
    private static final TargetField[] RATE_FIELDS = {TargetField.CONTACT_RATE_PER_MONTH, TargetField.APPOINTED_RATE,
            TargetField.ATTENDED_RATE, TargetField.SOLD_RATE};

    private KpiHtml() {
    }

    public static String render(KpiReport report, String dealershipName) {
        String dealership = dealershipLabel(dealershipName, report.dealershipId());
        StringBuilder html = page("KPI report", dealership);
        html.append("<header><h1>KPI report</h1><p class=\"sub\">Dealership <strong>").append(dealership)
                .append("</strong> &middot; ").append(RANGE_NAMES.get(report.range().kind())).append(", ")
                .append(report.range().from()).append(" to ").append(report.range().to())
                .append(" &middot; ").append(escape(report.range().zone().getId())).append("</p>\n")
                .append("<p class=\"muted\">A printable report: open the dashboard to switch ranges.</p></header>\n");

        Double ratio = report.contactToSale();
        Double target = KpiReport.targetContactToSale(report.targets());
        html.append("<section><h2>Contact-to-sale</h2><p class=\"ratio\">")
                .append(escape(KpiMaths.contactToSaleLabel(ratio)))
                .append("</p><p class=\"muted\">Contacts per sale. Target ")
                .append(target == null ? "not set" : escape(KpiMaths.contactToSaleLabel(target)))
                .append(" (fewer contacts per sale is better).</p></section>\n");

        funnel(html, report);
        chart(html, report.monthly(), target);
        monthlyTable(html, report.monthly());
        if (!report.notes().isEmpty()) {
            html.append("<section class=\"notes\"><h2>Notes</h2><ul>");
            for (String note : report.notes()) {
                html.append("<li>").append(escape(note)).append("</li>");
            }
            html.append("</ul></section>\n");
        }
        return html.append("</body></html>\n").toString();
    }

    /** The dealership as a page names it, escaped: its name and id, or its id alone. */
    public static String dealershipLabel(String name, String dealershipId) {
        return escape(name != null ? name + " (" + dealershipId + ")" : dealershipId);
    }

    /** A self-contained page's start, up to the open body: its title names the dealership (already escaped). */
    public static StringBuilder page(String title, String dealership) {
        return new StringBuilder(8192).append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">")
                .append("<title>").append(title).append(" - ").append(dealership).append("</title><style>").append(STYLE)
                .append("</style></head><body>\n");
    }

    /** Each stage: its count against its target count, and its rate against its target rate. */
    private static void funnel(StringBuilder html, KpiReport report) {
        html.append("<section><h2>Funnel: actual against target</h2><table><thead><tr><th>Stage</th><th>Actual</th>")
                .append("<th>Target</th><th>Of target</th><th></th><th>Rate</th><th>Target rate</th></tr></thead><tbody>");
        KpiReport.TargetCounts targets = report.targetCounts();
        Double[] rates = {report.contactRate(), report.appointedPerContacted(), report.attendedPerAppointed(),
                report.soldPerAttended()};
        for (Stage stage : Stage.values()) {
            long actual = report.counts().get(stage);
            html.append("<tr><td>").append(stage.title()).append("</td><td>").append(actual).append("</td>");
            if (targets == null) {
                html.append("<td class=\"muted\">needs database size</td><td></td><td></td>");
            } else {
                double target = targets.get(stage);
                Double share = KpiMaths.ratio(actual, target, 3);
                int width = share == null ? 0 : (int) Math.round(Math.min(share, 1.0) * 100);
                html.append("<td>").append(String.format(Locale.ROOT, "%.1f", target)).append("</td><td>")
                        .append(share == null ? "-" : percent(share)).append("</td>")
                        .append("<td><div class=\"bar").append(share != null && share >= 1 ? " over" : "")
                        .append("\"><span style=\"width:").append(width).append("%\"></span></div></td>");
            }
            Double rate = rates[stage.ordinal()];
            TargetField field = RATE_FIELDS[stage.ordinal()];
            html.append("<td>").append(rate == null ? "-" : percent(rate)).append("</td><td>")
                    .append(percent(report.targets().get(field)))
                    .append(stage == Stage.CONTACTED ? " of the database a month" : " of " + Stage.values()[stage.ordinal() - 1].title().toLowerCase(Locale.ROOT))
                    .append("</td></tr>");
        }
        html.append("</tbody></table></section>\n");
    }

    private static String percent(double share) {
        double percent = KpiMaths.round(share * 100, 1);
        return String.format(Locale.ROOT, percent == Math.rint(percent) ? "%.0f%%" : "%.1f%%", percent);
    }

    /** Bars of each month's contact-to-sale ratio, with the target as a dashed line. */
    private static void chart(StringBuilder html, List<KpiReport.MonthRow> monthly, Double target) {
        int width = 640;
        int height = 220;
        int left = 40;
        int bottom = 30;
        double max = target == null ? 1 : target;
        for (KpiReport.MonthRow row : monthly) {
            if (row.contactToSale() != null) {
                max = Math.max(max, row.contactToSale());
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
            Double value = row.contactToSale();
            if (value != null) {
                double barHeight = value / max * plotHeight;
                html.append("<rect x=\"").append(fmt(x)).append("\" y=\"").append(fmt(height - bottom - barHeight))
                        .append("\" width=\"").append(fmt(slot * 0.7)).append("\" height=\"").append(fmt(barHeight))
                        .append("\" fill=\"#1d4ed8\"><title>").append(row.month()).append(": ")
                        .append(escape(KpiMaths.contactToSaleLabel(value))).append("</title></rect>");
            }
            if (value == null && row.counts().contacted() > 0) {
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
                    .append(escape(KpiMaths.contactToSaleLabel(target))).append("</text>");
        }
        html.append("</svg></section>\n");
    }

    private static void monthlyTable(StringBuilder html, List<KpiReport.MonthRow> monthly) {
        html.append("<section><h2>By month</h2><table><thead><tr><th>Month</th><th>Contacted</th><th>Appointed</th>")
                .append("<th>Attended</th><th>Sold</th><th>Contact-to-sale</th><th>Target sold</th><th></th></tr></thead><tbody>");
        for (KpiReport.MonthRow row : monthly) {
            html.append("<tr><td>").append(row.month()).append("</td>");
            for (Stage stage : Stage.values()) {
                html.append("<td>").append(row.counts().get(stage)).append("</td>");
            }
            html.append("<td>").append(escape(KpiMaths.contactToSaleLabel(row.contactToSale()))).append("</td><td>")
                    .append(row.target() == null ? "-" : String.format(Locale.ROOT, "%.1f", row.target().sold()))
                    .append("</td><td class=\"muted\">").append(monthNote(row.counts())).append("</td></tr>");
        }
        html.append("</tbody></table></section>\n");
    }


    /** A month with contacts and no sales reads differently from a month without activity. */
    private static String monthNote(KpiCounts counts) {
        if (counts.equals(KpiCounts.ZERO)) {
            return "no activity";
        }
        return counts.sold() == 0 && counts.contacted() > 0 ? "contacts, no sales" : "";
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
