package com.dealerkpi.store;

import com.dealerkpi.domain.settings.AuditEntry;
import com.dealerkpi.domain.settings.Profile;
import com.dealerkpi.domain.settings.Timeline;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import static com.dealerkpi.store.AttributeMaps.n;
import static com.dealerkpi.store.AttributeMaps.s;
import static com.dealerkpi.store.AttributeMaps.str;
import static com.dealerkpi.store.TableLayout.*;

/** A dealership profile item: its key, its attributes, its database-size timeline and its audit history. */
final class ProfileItems {
    private ProfileItems() {
    }

    static Map<String, AttributeValue> key(String dealershipId) {
        return Map.of(PK, s(PROFILES_PK), SK, s(profileSk(dealershipId)));
    }

    /** The profile's attributes, index keys included, as an update sets them (absent fields are left as stored). */
    static Map<String, AttributeValue> attributes(Profile p) {
        Map<String, AttributeValue> attributes = reported(p);
        if (p.region() != null) {
            attributes.put(GSI3_PK, s(regionIndexPk(p.region())));
            attributes.put(GSI3_SK, s(p.dealershipId()));
        }
        if (p.brand() != null) {
            attributes.put(GSI4_PK, s(brandIndexPk(p.brand())));
            attributes.put(GSI4_SK, s(p.dealershipId()));
        }
        if (p.group() != null) {
            attributes.put(GSI5_PK, s(groupIndexPk(p.group())));
            attributes.put(GSI5_SK, s(p.dealershipId()));
        }
        return attributes;
    }

    /** What a report reads of a profile (its fields that are set), as a profile item and a scope member's copy hold it. */
    static Map<String, AttributeValue> reported(Profile p) {
        Map<String, AttributeValue> attributes = new LinkedHashMap<>();
        attributes.put(DEALERSHIP_ID, s(p.dealershipId()));
        attributes.put(TIMEZONE, s(p.timezone().getId()));
        attributes.put(DATABASE_SIZES, AttributeValue.fromL(p.databaseSize().changes().stream()
                .map(ProfileItems::sizeChange).toList()));
        if (p.name() != null) {
            attributes.put(NAME, s(p.name()));
        }
        if (p.region() != null) {
            attributes.put(REGION, s(p.region()));
        }
        if (p.brand() != null) {
            attributes.put(BRAND, s(p.brand()));
        }
        if (p.group() != null) {
            attributes.put(GROUP, s(p.group()));
        }
        if (p.goLiveDate() != null) {
            attributes.put(GO_LIVE, s(p.goLiveDate().toString()));
        }
        return attributes;
    }

    /** The reported fields a profile's {@link #reported} attributes leave unset: a copy of an earlier version may hold them. */
    static List<String> unset(Map<String, AttributeValue> set) {
        List<String> unset = new ArrayList<>();
        for (String optional : List.of(NAME, REGION, BRAND, GROUP, GO_LIVE)) {
            if (!set.containsKey(optional)) {
                unset.add(optional);
            }
        }
        return unset;
    }

    static Profile profile(Map<String, AttributeValue> item) {
        ZoneId zone = item.containsKey(TIMEZONE) ? ZoneId.of(item.get(TIMEZONE).s()) : Profile.DEFAULT_ZONE;
        List<Timeline.Change<Long>> sizes = new ArrayList<>();
        if (item.containsKey(DATABASE_SIZES)) {
            for (AttributeValue change : item.get(DATABASE_SIZES).l()) {
                Map<String, AttributeValue> m = change.m();
                sizes.add(new Timeline.Change<>(StoredChanges.effectiveMonth(m), Instant.parse(m.get(CHANGE_AT).s()),
                        Long.parseLong(m.get(CHANGE_VALUE).n())));
            }
        }
        return new Profile(item.get(DEALERSHIP_ID).s(), str(item, NAME), str(item, REGION), str(item, BRAND), str(item, GROUP), zone,
                new Timeline<>(sizes), item.containsKey(GO_LIVE) ? LocalDate.parse(item.get(GO_LIVE).s()) : null);
    }

    private static AttributeValue sizeChange(Timeline.Change<Long> change) {
        Map<String, AttributeValue> m = StoredChanges.attributes(change.effectiveFrom(), change.at());
        m.put(CHANGE_VALUE, n(change.value()));
        return AttributeValue.fromM(m);
    }

    static List<AuditEntry> history(Map<String, AttributeValue> item) {
        if (!item.containsKey(HISTORY)) {
            return List.of();
        }
        return item.get(HISTORY).l().stream().map(v -> {
            Map<String, AttributeValue> m = v.m();
            return new AuditEntry(Instant.parse(m.get(CHANGE_AT).s()), m.get(CHANGE_BY).s(), m.get(CHANGE_ACTION).s(),
                    auditFields(m.get(AUDIT_PREVIOUS).m()), auditFields(m.get(AUDIT_NEXT).m()));
        }).toList();
    }

    static AttributeValue audit(AuditEntry entry) {
        Map<String, AttributeValue> m = StoredChanges.attributes(null, entry.at());
        m.put(CHANGE_BY, s(entry.by()));
        m.put(CHANGE_ACTION, s(entry.action()));
        m.put(AUDIT_PREVIOUS, AttributeValue.fromM(AttributeMaps.fromPlain(storedFields(entry.previous()))));
        m.put(AUDIT_NEXT, AttributeValue.fromM(AttributeMaps.fromPlain(storedFields(entry.next()))));
        return AttributeValue.fromM(m);
    }

    /** Profile fields of an audit entry under the table's attribute names (renaming a JSON field migrates nothing). */
    private static Map<String, Object> storedFields(Map<String, Object> fields) {
        Map<String, Object> stored = new LinkedHashMap<>();
        fields.forEach((name, value) -> stored.put(profileAttribute(name), value));
        return stored;
    }

    private static Map<String, Object> auditFields(Map<String, AttributeValue> stored) {
        Map<String, Object> fields = new LinkedHashMap<>();
        AttributeMaps.toPlain(stored).forEach((attribute, value) -> fields.put(profileField(attribute), value));
        return fields;
    }
}
