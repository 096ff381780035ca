package com.dealerkpi.domain.counts;

import com.dealerkpi.domain.status.Stage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a dealership's reports read of one month: a copy of its month item's counters (the milestones' and the
 * cohorts', each stage by day) and the milestone moments of each agreement sold in it, at the month item's version.
 * The month item keeps what makes its counters exact (a register per agreement and stage, a record per sale and
 * contact) and so grows with the dealership's volume; this copy holds only what the reports need, in one attribute,
 * and only moves to a higher version, so the last one standing is the month as its last write left it.
 */
public record MonthSummary(long version, Map<Stage, long[]> milestones, Map<Stage, long[]> cohorts,
                           List<Map<Stage, Instant>> sales) {
    private static final List<Stage> SALE_ORDER = List.of(Stage.SOLD, Stage.CONTACTED, Stage.APPOINTED, Stage.ATTENDED);

    public MonthSummary {
        sales = List.copyOf(sales);
    }

    /** A month without an item: nothing counted, nothing sold. */
    public static MonthSummary none() {
        return new MonthSummary(0, MonthCounts.byDay(Map.of()), MonthCounts.byDay(Map.of()), List.of());
    }

    /**
     * As stored: the version at a fixed width (stored values order as their versions do: a write's condition compares
     * them), the milestones' counters, the cohorts' counters, then the sales, each its moments (sold, contacted,
     * appointed, attended) in epoch milliseconds base 36, {@code -} for none, e.g.
     * {@code 000000000017|C3x2;A;T;S3x1|C;A3x1;T;S3x1|lz3k2f9c.lz1a0b2c.-.lz3k2f9c}.
     */
    public String format() {
        if (version > NetworkRegister.MAX_VERSION) {
            throw new IllegalStateException("a summary's version past its fixed width would order wrongly: " + version);
        }
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%012d|", version));
        StageDays.append(text, milestones);
        text.append('|');
        StageDays.append(text, cohorts);
        text.append('|');
        for (int i = 0; i < sales.size(); i++) {
            text.append(i == 0 ? "" : ",");
            appendSale(text, sales.get(i));
        }
        return text.toString();
    }

    /** Whether it holds what {@code other} holds: the same version, counters and sales (in any order). */
    public boolean holdsTheSameAs(MonthSummary other) {
        return version == other.version && sameCounts(milestones, other.milestones) && sameCounts(cohorts, other.cohorts)
                && holdsTheSameSalesAs(other);
    }

    /** Whether it holds the same sales as {@code other}, each with the same moments (in any order). */
    public boolean holdsTheSameSalesAs(MonthSummary other) {
        return saleTexts().equals(other.saleTexts());
    }

    private static boolean sameCounts(Map<Stage, long[]> some, Map<Stage, long[]> others) {
        return java.util.Arrays.stream(Stage.values()).allMatch(stage -> java.util.Arrays.equals(some.get(stage), others.get(stage)));
    }

    private List<String> saleTexts() {
        return sales.stream().map(sale -> {
            StringBuilder text = new StringBuilder();
            appendSale(text, sale);
            return text.toString();
        }).sorted().toList();
    }

    private static void appendSale(StringBuilder text, Map<Stage, Instant> moments) {
        for (int i = 0; i < SALE_ORDER.size(); i++) {
            Instant at = moments.get(SALE_ORDER.get(i));
            text.append(i == 0 ? "" : ".").append(at == null ? "-" : Long.toString(at.toEpochMilli(), 36));
        }
    }

    public static MonthSummary parse(String text) {
        String[] parts = text.split("\\|", -1);
        List<Map<Stage, Instant>> sales = new ArrayList<>();
        if (!parts[3].isEmpty()) {
            for (String sale : parts[3].split(",")) {
                sales.add(parseSale(sale));
            }
        }
        return new MonthSummary(Long.parseLong(parts[0]), StageDays.parse(parts[1], 0), StageDays.parse(parts[2], 0), sales);
    }

    private static Map<Stage, Instant> parseSale(String text) {
        String[] moments = text.split("\\.", -1);
        Map<Stage, Instant> sale = new EnumMap<>(Stage.class);
        for (int i = 0; i < SALE_ORDER.size(); i++) {
            if (!moments[i].equals("-")) {
                sale.put(SALE_ORDER.get(i), Instant.ofEpochMilli(Long.parseLong(moments[i], 36)));
            }
        }
        return sale;
    }
}
