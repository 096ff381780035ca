package com.dealerkpi.domain.settings;

import com.dealerkpi.domain.Ids;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A dealership's profile. Region, brand and dealer group place it in target scopes and roll-ups (the group also
 * decides which group's managers may see it); the time zone decides
 * what "a day" means in its reports; the database size, month by month, drives its contact target; go-live starts
 * the all-time view and its targets. Unknown fields are null (the time zone defaults to Europe/London).
 */
public record Profile(String dealershipId, String name, String region, String brand, String group, ZoneId timezone,
                      Timeline<Long> databaseSize, LocalDate goLiveDate) {

    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Europe/London");
    public static final long MAX_DATABASE_SIZE = 100_000_000L;

    public static Profile unknown(String dealershipId) {
        return new Profile(dealershipId, null, null, null, null, DEFAULT_ZONE, Timeline.empty(), null);
    }

    /** Whether the profile is in the dealer group, however the group is spelled. */
    public boolean inGroup(String otherGroup) {
        return group != null && Ids.groupKey(group).equals(Ids.groupKey(otherGroup));
    }

    /**
     * Only named zones of the IANA database: fixed offsets like "+01:00" or "Etc/GMT+1" know no DST and are refused.
     * (Looked up on demand: only the admin function validates zones, so no other function pays for the list.)
     */
    public static boolean isIanaZone(String zone) {
        return zone != null && !zone.startsWith("Etc/GMT") && !zone.startsWith("SystemV/")
                && ZoneId.getAvailableZoneIds().contains(zone);
    }

    /**
     * The database size in force in a month of the dealership's calendar. A size describes the dealership rather
     * than a decision that starts later: before its first size takes effect, that first size applies too, so once a
     * size is known every month has one (later changes still take effect from their own months).
     */
    public Optional<Long> databaseSizeIn(YearMonth month) {
        Optional<YearMonth> first = databaseSize.firstMonth(timezone);
        return first.isPresent() && month.isBefore(first.get()) ? databaseSize.in(first.get(), timezone)
                : databaseSize.in(month, timezone);
    }

    /** Each month from which the database size changes (in the dealership's calendar), with the size from then on. */
    public Map<YearMonth, Long> databaseSizeSteps() {
        Map<YearMonth, Long> steps = new LinkedHashMap<>();
        databaseSize.changes().stream().map(c -> c.effectiveIn(timezone)).distinct().sorted()
                .forEach(month -> steps.put(month, databaseSizeIn(month).orElse(null)));
        return steps;
    }
}
