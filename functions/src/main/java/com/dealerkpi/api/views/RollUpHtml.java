package com.dealerkpi.api.views;

import com.dealerkpi.domain.report.KpiReport;
import com.dealerkpi.domain.report.RollUp;
import com.dealerkpi.domain.status.Stage;

import java.util.Map;

/**
 * A roll-up as one self-contained page: the league table, one row per dealership in the order asked for, each
 * stage's count with its share of target in words and colour, and the scope's total as the last row.
 */
public final class RollUpHtml {
    private RollUpHtml() {
    }

    public static String render(RollUp rollUp) {
        String scope = Html.escape(rollUp.scope());
        StringBuilder html = Html.page("League table", scope)
                .append("<header><h1>League table</h1><p class=\"sub\">").append(scope).append(" &middot; ")
                .append(rollUp.kind().wire()).append(rollUp.from() == null ? "" : ", " + rollUp.from() + " to " + rollUp.to())
                .append(rollUp.dealerships().isEmpty() ? "" : " &middot; "
                        + Html.escape(rollUp.zone().map(Object::toString).orElse("each dealership's own time zone")))
                .append("</p><p class=\"muted\">Contact-to-sale ").append(Html.escape(rollUp.contactToSale().label()))
                .append(" (target ").append(Html.escape(rollUp.targetRatio().label())).append("), ")
                .append(rollUp.dealerships().size()).append(" dealerships.</p></header>\n")
                .append("<section><table><thead><tr><th scope=\"col\">Dealership</th><th scope=\"col\">Region</th>")
                .append("<th scope=\"col\">Brand</th><th scope=\"col\">Dealer group</th><th scope=\"col\">Contact-to-sale</th>");
        for (Stage stage : Stage.values()) {
            html.append("<th scope=\"col\">").append(stage.title()).append("</th><th scope=\"col\">% of target</th>");
        }
        html.append("</tr></thead><tbody>");
        for (RollUp.Row row : rollUp.dealerships()) {
            KpiReport report = row.report();
            String name = Html.dealershipLabel(row.profile().name(), report.dealershipId());
            html.append("<tr><td>").append(name).append(row.hasProfile() ? "" : " <small class=\"muted\">(no profile)</small>")
                    .append("</td><td>").append(Html.escape(row.profile().region())).append("</td><td>")
                    .append(Html.escape(row.profile().brand())).append("</td><td>")
                    .append(Html.escape(row.profile().group())).append("</td><td>")
                    .append(Html.escape(report.contactToSale().label())).append("</td>");
            stages(html, report.counts()::get, report.ofTargetPercent());
            html.append("</tr>");
        }
        html.append("<tr><th scope=\"row\">Total</th><td></td><td></td><td></td><td>").append(Html.escape(rollUp.contactToSale().label()))
                .append("</td>");
        stages(html, rollUp.counts()::get, rollUp.ofTargetPercent());
        html.append("</tr></tbody></table></section>\n");
        if (!rollUp.notes().isEmpty()) {
            html.append("<section class=\"notes\"><h2>Notes</h2><ul>");
            rollUp.notes().forEach(note -> html.append("<li>").append(Html.escape(note)).append("</li>"));
            html.append("</ul></section>\n");
        }
        return html.append("</body></html>\n").toString();
    }

    private static void stages(StringBuilder html, java.util.function.ToLongFunction<Stage> count, Map<Stage, Integer> percents) {
        for (Stage stage : Stage.values()) {
            html.append("<td>").append(count.applyAsLong(stage)).append("</td><td>")
                    .append(Html.trafficLight(percents.get(stage))).append("</td>");
        }
    }
}
