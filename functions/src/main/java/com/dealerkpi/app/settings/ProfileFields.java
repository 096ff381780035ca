package com.dealerkpi.app.settings;

import com.dealerkpi.domain.settings.Profile;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A profile's fields by name, as its audit trail records them and its answer shows them (the same names, so a
 * history entry reads like the answer it changed), on the dealership's local {@code today}.
 */
public final class ProfileFields {
    private ProfileFields() {
    }

    public static Map<String, Object> of(Profile profile, LocalDate today) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("name", profile.name());
        fields.put("region", profile.region());
        fields.put("brand", profile.brand());
        fields.put("group", profile.group());
        fields.put("timezone", profile.timezone().getId());
        fields.put("databaseSize", profile.databaseSizeIn(YearMonth.from(today)).orElse(null));
        fields.put("goLiveDate", profile.goLiveDate() == null ? null : profile.goLiveDate().toString());
        return fields;
    }
}
