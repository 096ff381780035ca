package com.dealerkpi.domain;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * The fields a profile change gives (null = keep the current value), checked against the profile rules. The
 * values arrive as the caller typed them; every problem is collected so one answer lists them all.
 */
public record ProfileChange(String name, String region, String brand, ZoneId timezone, Long databaseSize,
                            LocalDate goLiveDate) {
    public static final int MAX_NAME = 200;

    public static ProfileChange check(String name, String region, String brand, String timezone, Double databaseSize,
                                      String goLiveDate, List<FieldError> errors) {
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
        return new ProfileChange(name, scopeName("region", region, errors), scopeName("brand", brand, errors), zone,
                wholeNumber("databaseSize", databaseSize, errors),
                goLiveDate == null ? null : LocalDates.parse("goLiveDate", goLiveDate, errors));
    }

    /** The profile with the given fields replaced. */
    public Profile applyTo(Profile profile) {
        return profile.with(name, region, brand, timezone, databaseSize, goLiveDate);
    }

    private static String scopeName(String field, String value, List<FieldError> errors) {
        if (value != null && !Ids.isValidName(value)) {
            errors.add(new FieldError(field, "must be 1-64 characters of A-Z a-z 0-9 . _ - and inner spaces"));
            return null;
        }
        return value;
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
