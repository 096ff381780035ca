package com.dealerkpi.support;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An independent model of the contract's target rules (it shares no code with production): each scope's changes
 * with their effective months, the database size of each dealership month by month, target days from go-live
 * to today, and the monthly target counts that follow.
 */
public final class TargetModel {
    public static final List<String> FIELDS = List.of("contactRatePerMonth", "appointedRate", "attendedRate", "soldRate");
    private static final Map<String, Double> DEFAULTS = Map.of("contactRatePerMonth", 0.03, "appointedRate", 0.70,
            "attendedRate", 0.90, "soldRate", 0.80);

    /** One change: its month (null: the month it was made in, in the dealership's zone), when, and the values (PUT) or null (DELETE). */
    public record Change(YearMonth effectiveFrom, Instant at, Map<String, Double> values) {
        YearMonth month(ZoneId zone) {
            return effectiveFrom != null ? effectiveFrom : YearMonth.from(at.atZone(zone));
        }
    }

    /** A dealership as the target rules see it. */
    public record Dealer(String id, String region, String brand, String group, ZoneId zone, LocalDate goLive) {
    }

    /** How the contract matches dealer group names: trimmed, lower case, a run of spaces an underscore. */
    public static String groupKey(String name) {
        return name.trim().toLowerCase(Locale.ROOT).replaceAll(" +", "_");
    }

    private final Map<String, List<Change>> scopes = new HashMap<>();
    private final Map<String, List<Change>> sizes = new HashMap<>();

    /** A target change of a scope: "national", "region:north", "brand:ford", "group:owner one", "dealership:D1" (any case). */
    public synchronized void target(String scope, Change change) {
        String key = scope.startsWith("group:") ? "group:" + groupKey(scope.substring("group:".length())) : scope.toLowerCase(Locale.ROOT);
        scopes.computeIfAbsent(key, k -> new ArrayList<>()).add(change);
    }

    /** A database size change of a dealership (values: {"size": n}). */
    public synchronized void databaseSize(String dealership, Change change) {
        sizes.computeIfAbsent(dealership, k -> new ArrayList<>()).add(change);
    }

    /** The value a list of changes gives a field in a month: the greatest month ≤ M, the later change among equals. */
    private static Double valueIn(List<Change> changes, String field, YearMonth month, ZoneId zone) {
        Change best = null;
        for (Change change : changes) {
            boolean touches = change.values() == null || change.values().containsKey(field);
            if (touches && !change.month(zone).isAfter(month) && (best == null || !change.month(zone).isBefore(best.month(zone)))) {
                best = change;
            }
        }
        return best == null || best.values() == null ? null : best.values().get(field);
    }

    public synchronized Double rate(Dealer d, String field, YearMonth month) {
        List<String> order = new ArrayList<>(List.of("dealership:" + d.id().toLowerCase(Locale.ROOT)));
        if (d.group() != null) {
            order.add("group:" + groupKey(d.group()));
        }
        if (d.brand() != null) {
            order.add("brand:" + d.brand().trim().toLowerCase(Locale.ROOT));
        }
        if (d.region() != null) {
            order.add("region:" + d.region().trim().toLowerCase(Locale.ROOT));
        }
        order.add("national");
        for (String scope : order) {
            Double value = valueIn(scopes.getOrDefault(scope, List.of()), field, month, d.zone());
            if (value != null) {
                return value;
            }
        }
        return DEFAULTS.get(field);
    }

    /** The size in force in a month; before the first change's month, that first size (a size describes the dealership). */
    public synchronized Double databaseSize(Dealer d, YearMonth month) {
        List<Change> changes = sizes.getOrDefault(d.id(), List.of());
        YearMonth first = changes.stream().map(c -> c.month(d.zone())).min(YearMonth::compareTo).orElse(null);
        return valueIn(changes, "size", first != null && month.isBefore(first) ? first : month, d.zone());
    }

    /** The target counts of one month's part [from, to] of a range, or null without a database size. */
    public double[] monthTarget(Dealer d, YearMonth month, LocalDate from, LocalDate to, LocalDate today) {
        Double size = databaseSize(d, month);
        if (size == null) {
            return null;
        }
        LocalDate first = d.goLive() != null && d.goLive().isAfter(from) ? d.goLive() : from;
        LocalDate last = today.isBefore(to) ? today : to;
        long days = first.isAfter(last) ? 0 : ChronoUnit.DAYS.between(first, last) + 1;
        double contacted = size * rate(d, "contactRatePerMonth", month) * days / month.lengthOfMonth();
        double appointed = contacted * rate(d, "appointedRate", month);
        double attended = appointed * rate(d, "attendedRate", month);
        return new double[]{contacted, appointed, attended, attended * rate(d, "soldRate", month)};
    }
}
