package com.dealerkpi.domain.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/** The report's arithmetic: ratios with zero divisors, rounding, the contact-to-sale label. */
public final class KpiMaths {
    private KpiMaths() {
    }

    /** numerator / denominator, or null when the denominator is 0. */
    public static Double ratio(double numerator, double denominator, int decimals) {
        if (denominator == 0) {
            return null;
        }
        return round(numerator / denominator, decimals);
    }

    public static double round(double value, int decimals) {
        return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP).doubleValue();
    }

    /** A share as a percentage, one decimal: 0.7 is 70.0. */
    public static double percent(double share) {
        return round(share * 100, 1);
    }

    /** "2.2:1" for 2.18 contacts per sale; "n/a" when there is no ratio. */
    public static String contactToSaleLabel(Double ratio) {
        return ratio == null ? "n/a" : String.format(Locale.ROOT, "%.1f:1", ratio);
    }
}
