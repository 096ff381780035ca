package com.dealerkpi.domain.settings;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A value that changes month by month: each change takes effect from its own month on, or, without one, from the
 * calendar month in which it was made (in the time zone asked about, so each dealership's own). For a month M the
 * value is that of the change with the greatest effective month ≤ M, the later change among equals; a change to
 * no value (null) unsets it; before the first change there is none.
 *
 * @param changes in the order they were made
 */
public record Timeline<V>(List<Change<V>> changes) {

    /** One change: its own effective month (or null), when it was made, and the value from then on (null: none). */
    public record Change<V>(YearMonth effectiveFrom, Instant at, V value) {
        public YearMonth effectiveIn(ZoneId zone) {
            return effectiveFrom != null ? effectiveFrom : YearMonth.from(at.atZone(zone));
        }
    }

    public Timeline {
        changes = List.copyOf(changes);
    }

    public static <V> Timeline<V> empty() {
        return new Timeline<>(List.of());
    }

    public Timeline<V> plus(Change<V> change) {
        List<Change<V>> all = new ArrayList<>(changes);
        all.add(change);
        return new Timeline<>(all);
    }

    public Optional<V> in(YearMonth month, ZoneId zone) {
        Change<V> best = null;
        YearMonth bestMonth = null;
        for (Change<V> change : changes) {
            YearMonth effective = change.effectiveIn(zone);
            if (!effective.isAfter(month) && (best == null || !effective.isBefore(bestMonth))) {
                best = change;
                bestMonth = effective;
            }
        }
        return best == null ? Optional.empty() : Optional.ofNullable(best.value());
    }

    /** The earliest month from which a change takes effect (in the time zone asked about); empty without changes. */
    public Optional<YearMonth> firstMonth(ZoneId zone) {
        return changes.stream().map(change -> change.effectiveIn(zone)).min(YearMonth::compareTo);
    }

    public boolean isEmpty() {
        return changes.isEmpty();
    }
}
