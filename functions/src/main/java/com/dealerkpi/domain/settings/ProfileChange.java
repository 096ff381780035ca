package com.dealerkpi.domain.settings;

import com.dealerkpi.domain.FieldError;
import com.dealerkpi.domain.Ids;
import com.dealerkpi.domain.LocalDates;
import com.dealerkpi.domain.Months;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fields a profile change gives (null = keep the current value), checked against the profile rules. The
 * values arrive as the caller typed them; every problem is collected so one answer lists them all. A database
 * size may carry the month it takes effect from ({@code effectiveFrom}); without one it takes effect from the
 * month the change is made in. A group given as an empty string takes the dealership out of its group.
 */
public record ProfileChange(String name, String region, String brand, String group, ZoneId timezone, Long databaseSize,
                            YearMonth effectiveFrom, LocalDate goLiveDate) {
    public static final int MAX_NAME = 200;

    /** The group that stands for "no group": a dealership leaves its group. */
    public static final String NO_GROUP = "";

    public static ProfileChange check(String name, String region, String brand, String group, String timezone, Double databaseSize,
                                      String effectiveFrom, String goLiveDate, List<FieldError> errors) {
        if (name != null && (name.isBlank() || name.length() > MAX_NAME || name.codePoints().anyMatch(Character::isISOControl))) {
            errors.add(new FieldError("name", "must be 1-200 characters with no control characters"));
        }
        ZoneId zone = null;
        if (timezone != null) {
            if (Profile.isIanaZone(timezone)) {
                zone = ZoneId.of(timezone);
            } else {
                errors.add(new FieldError("timezone", "must be an IANA time zone such as Europe/London or Australia/Sydney"));
            }
        }
        YearMonth month = effectiveFrom == null ? null : Months.parse("effectiveFrom", effectiveFrom, errors);
        if (effectiveFrom != null && databaseSize == null) {
            errors.add(new FieldError("effectiveFrom", "applies to databaseSize: give databaseSize too"));
        }
        return new ProfileChange(name == null ? null : name.trim(), scopeName("region", region, errors),
                scopeName("brand", brand, errors), NO_GROUP.equals(group) ? NO_GROUP : scopeName("group", group, errors), zone, wholeNumber("databaseSize", databaseSize, errors), month,
                goLiveDate == null ? null : LocalDates.parse("goLiveDate", goLiveDate, errors));
    }

    /**
     * The profile with the given fields replaced. A database size is always a change of its own, even one equal to
     * the size in force: it states the size from its month on, which a later back-dated change must not override.
     */
    public Profile applyTo(Profile p, Instant at) {
        Timeline<Long> sizes = databaseSize == null ? p.databaseSize()
                : p.databaseSize().plus(new Timeline.Change<>(effectiveFrom, at, databaseSize));
        return new Profile(p.dealershipId(),
                name != null ? name : p.name(),
                region != null ? region : p.region(),
                brand != null ? brand : p.brand(),
                group == null ? p.group() : group.equals(NO_GROUP) ? null : group,
                timezone != null ? timezone : p.timezone(),
                sizes,
                goLiveDate != null ? goLiveDate : p.goLiveDate());
    }

    /** What the change gave, by JSON name (its audit entry). */
    public Map<String, Object> given() {
        Map<String, Object> given = new LinkedHashMap<>();
        putIfSet(given, "name", name);
        putIfSet(given, "region", region);
        putIfSet(given, "brand", brand);
        putIfSet(given, "group", group);
        putIfSet(given, "timezone", timezone == null ? null : timezone.getId());
        putIfSet(given, "databaseSize", databaseSize);
        putIfSet(given, "effectiveFrom", effectiveFrom == null ? null : effectiveFrom.toString());
        putIfSet(given, "goLiveDate", goLiveDate == null ? null : goLiveDate.toString());
        return given;
    }

    private static void putIfSet(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    private static String scopeName(String field, String value, List<FieldError> errors) {
        if (value != null && !Ids.isValidName(value)) {
            errors.add(new FieldError(field, "must be 1-64 characters of A-Z a-z 0-9 . _ - and inner spaces"));
            return null;
        }
        return value == null ? null : value.trim();
    }

    private static Long wholeNumber(String field, Double value, List<FieldError> errors) {
        if (value == null) {
            return null;
        }
        if (value < 0 || value > Profile.MAX_DATABASE_SIZE || value != Math.rint(value)) {
            errors.add(new FieldError(field, "must be a whole number from 0 to " + Profile.MAX_DATABASE_SIZE));
            return null;
        }
        return value.longValue();
    }
}
