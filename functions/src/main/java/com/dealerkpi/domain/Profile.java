package com.dealerkpi.domain;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A dealership's profile. Region and brand place it in target scopes and roll-ups; the time zone decides
 * what "a day" means in its reports; the database size drives its contact target; go-live starts the
 * all-time view. Unknown fields are null (the time zone defaults to Europe/London).
 */
public record Profile(String dealershipId, String name, String region, String brand, ZoneId timezone,
                      Long databaseSize, LocalDate goLiveDate) {

    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Europe/London");
    public static final long MAX_DATABASE_SIZE = 100_000_000L;

    public static Profile unknown(String dealershipId) {
        return new Profile(dealershipId, null, null, null, DEFAULT_ZONE, null, null);
    }

    /**
     * Only named zones of the IANA database: fixed offsets like "+01:00" or "Etc/GMT+1" know no DST and are refused.
     * (Looked up on demand: only the admin function validates zones, so no other function pays for the list.)
     */
    public static boolean isIanaZone(String zone) {
        return zone != null && !zone.startsWith("Etc/GMT") && !zone.startsWith("SystemV/")
                && ZoneId.getAvailableZoneIds().contains(zone);
    }

    /** This profile with the given fields replaced; a null argument keeps the current value. */
    public Profile with(String name, String region, String brand, ZoneId timezone, Long databaseSize, LocalDate goLiveDate) {
        return new Profile(dealershipId,
                name != null ? name : this.name,
                region != null ? region : this.region,
                brand != null ? brand : this.brand,
                timezone != null ? timezone : this.timezone,
                databaseSize != null ? databaseSize : this.databaseSize,
                goLiveDate != null ? goLiveDate : this.goLiveDate);
    }

    /** The fields as the API shows them (also what the change history records). */
    public Map<String, Object> fields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("name", name);
        fields.put("region", region);
        fields.put("brand", brand);
        fields.put("timezone", timezone.getId());
        fields.put("databaseSize", databaseSize);
        fields.put("goLiveDate", goLiveDate == null ? null : goLiveDate.toString());
        return fields;
    }
}
