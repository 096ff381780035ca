package com.dealerkpi.domain.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The one rounding rule of every figure: half-up, from the exact value, never from a value already rounded. Exact
 * means the computed double as people read it (its shortest decimal form: 41 ÷ 20 is 2.05, whose label is 2.1).
 */
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

    /** A share as a whole percentage, as printed and coloured: 0.8995 is 90. */
    public static int wholePercent(double share) {
        return BigDecimal.valueOf(share).movePointRight(2).setScale(0, RoundingMode.HALF_UP).intValueExact();
    }

    /** Contacts per sale as a label, from the exact quotient: 17 ÷ 11 = 1.5454… is "1.5:1", 41 ÷ 20 = 2.05 is "2.1:1". */
    public static String ratioLabel(double exactRatio) {
        return BigDecimal.valueOf(exactRatio).setScale(1, RoundingMode.HALF_UP).toPlainString() + ":1";
    }

    /**
     * Parts rounded to {@code decimals} so that they add up to their total rounded the same way (the total being their
     * sum in order, as {@link #round} rounds it): each part rounded down, then the units still missing given to the
     * parts with the largest remainders (the earlier among equals).
     */
    public static List<Double> apportion(List<Double> parts, int decimals) {
        List<BigDecimal> exact = parts.stream().map(BigDecimal::valueOf).toList();
        // the total as it is printed elsewhere: the parts summed as doubles, in order, then rounded (summed as
        // decimals instead, a total near a half could round the other way: 1472.85 printed 1472.9 over months of 1472.8)
        BigDecimal total = BigDecimal.valueOf(round(parts.stream().reduce(0.0, Double::sum), decimals));
        List<BigDecimal> shown = new ArrayList<>(exact.stream().map(p -> p.setScale(decimals, RoundingMode.FLOOR)).toList());
        BigDecimal unit = BigDecimal.ONE.movePointLeft(decimals);
        int missing = total.subtract(shown.stream().reduce(BigDecimal.ZERO, BigDecimal::add)).divide(unit).intValueExact();
        IntStream.range(0, parts.size()).boxed()
                .sorted(Comparator.comparing((Integer i) -> exact.get(i).subtract(shown.get(i))).reversed()
                        .thenComparing(i -> i))
                .limit(missing)
                .forEach(i -> shown.set(i, shown.get(i).add(unit)));
        return shown.stream().map(BigDecimal::doubleValue).toList();
    }
}
