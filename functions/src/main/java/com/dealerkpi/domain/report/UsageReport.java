package com.dealerkpi.domain.report;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;

/**
 * The usage report: every accepted status update in the range, once, on the local date of its moment
 * (replays and back-fills are not updates, so they never appear).
 */
public final class UsageReport {
    private final DateRange range;
    private long total;
    private final Map<String, Long> byStatus = new TreeMap<>();
    private final Map<String, Long> byUser = new TreeMap<>();
    private final Map<LocalDate, Long> daily = new TreeMap<>();

    public UsageReport(DateRange range) {
        this.range = range;
    }

    public void count(Instant at, String status, String userId) {
        if (!range.contains(at)) {
            return;
        }
        total++;
        byStatus.merge(status, 1L, Long::sum);
        byUser.merge(userId, 1L, Long::sum);
        daily.merge(at.atZone(range.zone()).toLocalDate(), 1L, Long::sum);
    }

    /** A whole local day of the range at once, as the usage aggregates hold it. */
    public void add(LocalDate day, long updates, Map<String, Long> statuses, Map<String, Long> users) {
        if (updates == 0 || day.isBefore(range.from()) || day.isAfter(range.to())) {
            return;
        }
        total += updates;
        statuses.forEach((status, n) -> byStatus.merge(status, n, Long::sum));
        users.forEach((user, n) -> byUser.merge(user, n, Long::sum));
        daily.merge(day, updates, Long::sum);
    }

    public DateRange range() {
        return range;
    }

    public long total() {
        return total;
    }

    public Map<String, Long> byStatus() {
        return byStatus;
    }

    public Map<String, Long> byUser() {
        return byUser;
    }

    /** Days with at least one update, in date order. */
    public Map<LocalDate, Long> daily() {
        return daily;
    }
}
