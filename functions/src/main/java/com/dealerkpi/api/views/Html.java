package com.dealerkpi.api.views;

import java.math.BigDecimal;

/**
 * What the self-contained pages share (no scripts, fonts or links to other sites): their head and style, and the
 * escaping of every value that came from a user (ids, names, notes).
 */
final class Html {
    private static final String STYLE = String.join("\n",
            "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:2rem auto;max-width:60rem;color:#1d2330;padding:0 1rem}",
            "h1{margin-bottom:.2rem}.sub{color:#5a6275;margin-top:0}",
            ".ratio{font-size:2.4rem;font-weight:700;margin:.2rem 0}.muted{color:#5a6275}",
            "table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem}th,td{padding:.4rem .6rem;border-bottom:1px solid #e3e6ee;text-align:right}",
            "th:first-child,td:first-child{text-align:left}.bar{background:#e3e6ee;height:.7rem;border-radius:.35rem;min-width:8rem}",
            ".bar span{display:block;height:100%;background:#1d4ed8;border-radius:.35rem}.over span{background:#15803d}",
            "svg text{font-size:11px;fill:#5a6275}.notes li{margin-bottom:.4rem}",
            ".rag{font-weight:600}.rag.green{color:#15803d}.rag.amber{color:#b45309}.rag.red{color:#b91c1c}.rag.none{color:#5a6275}");

    private Html() {
    }

    /** A page's start, up to the open body: its title names the dealership (already escaped). */
    static StringBuilder page(String title, String dealership) {
        return new StringBuilder(8192).append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">")
                .append("<title>").append(title).append(" - ").append(dealership).append("</title><style>").append(STYLE)
                .append("</style></head><body>\n");
    }

    /** The dealership as a page names it, escaped: its name and id, or its id alone. */
    static String dealershipLabel(String name, String dealershipId) {
        return escape(name != null ? name + " (" + dealershipId + ")" : dealershipId);
    }

    /**
     * A share of target as printed, coloured from that printed whole percentage (100 and more green, 90 to 99
     * amber, below 90 red) and said in words too, so the colour is never the only signal.
     */
    static String trafficLight(Integer percent) {
        if (percent == null) {
            return "<span class=\"rag none\">no target</span>";
        }
        String colour = percent >= 100 ? "green" : percent >= 90 ? "amber" : "red";
        String words = percent >= 100 ? "on target" : percent >= 90 ? "near target" : "behind target";
        return "<span class=\"rag " + colour + "\">" + percent + "% <small>" + words + "</small></span>";
    }

    /** A share (0.667) as the percentage it already is (66.7%): the decimal point moved, nothing rounded. */
    static String percent(double share) {
        return BigDecimal.valueOf(share).movePointRight(2).stripTrailingZeros().toPlainString() + "%";
    }

    static String escape(String text) {
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
