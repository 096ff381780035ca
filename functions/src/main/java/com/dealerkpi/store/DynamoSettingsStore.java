package com.dealerkpi.store;

import com.dealerkpi.app.SettingsStore;
import com.dealerkpi.app.StoreUnavailableException;
import com.dealerkpi.domain.AuditEntry;
import com.dealerkpi.domain.EffectiveTargets;
import com.dealerkpi.domain.Profile;
import com.dealerkpi.domain.TargetField;
import com.dealerkpi.domain.TargetRates;
import com.dealerkpi.domain.TargetScope;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

import static com.dealerkpi.store.TableLayout.*;

/** {@link SettingsStore} on DynamoDB. */
public final class DynamoSettingsStore implements SettingsStore {
    private final DynamoDbClient db;
    private final String table;

    public DynamoSettingsStore(DynamoDbClient db, String table) {
        this.db = db;
        this.table = table;
    }

    @Override
    public void ping() {
        DynamoErrors.call("ping", () -> db.getItem(r -> r.tableName(table).key(settingsProbeKey())));
    }

    @Override
    public Optional<Versioned<Profile>> profile(String dealershipId) {
        Map<String, AttributeValue> item = DynamoErrors.call("read profile", () -> db.getItem(r -> r.tableName(table)
                .key(profileKey(dealershipId)).consistentRead(true)).item());
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Versioned<>(profile(item), version(item), history(item)));
    }

    @Override
    public boolean saveProfile(Profile p, long expectedVersion, AuditEntry change) {
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> sets = new ArrayList<>();
        set(sets, names, values, DEALERSHIP_ID, s(p.dealershipId()));
        set(sets, names, values, TIMEZONE, s(p.timezone().getId()));
        if (p.name() != null) {
            set(sets, names, values, NAME, s(p.name()));
        }
        if (p.region() != null) {
            set(sets, names, values, REGION, s(p.region()));
            set(sets, names, values, GSI3_PK, s(regionIndexPk(p.region())));
            set(sets, names, values, GSI3_SK, s(p.dealershipId()));
        }
        if (p.brand() != null) {
            set(sets, names, values, BRAND, s(p.brand()));
            set(sets, names, values, GSI4_PK, s(brandIndexPk(p.brand())));
            set(sets, names, values, GSI4_SK, s(p.dealershipId()));
        }
        if (p.databaseSize() != null) {
            set(sets, names, values, DATABASE_SIZE, AttributeValue.fromN(Long.toString(p.databaseSize())));
        }
        if (p.goLiveDate() != null) {
            set(sets, names, values, GO_LIVE, s(p.goLiveDate().toString()));
        }
        return versionedWrite("save profile", profileKey(p.dealershipId()), sets, List.of(), names, values,
                expectedVersion, change);
    }

    @Override
    public List<Profile> allProfiles() {
        return profiles(QueryRequest.builder().tableName(table)
                .keyConditionExpression("#pk = :pk")
                .expressionAttributeValues(Map.of(":pk", s(PROFILES_PK)))
                .projectionExpression("#did, #name, #region, #brand, #tz, #db, #live")
                .expressionAttributeNames(Map.of("#pk", PK, "#did", DEALERSHIP_ID, "#name", NAME, "#region", REGION,
                        "#brand", BRAND, "#tz", TIMEZONE, "#db", DATABASE_SIZE, "#live", GO_LIVE))
                .build());
    }

    @Override
    public List<Profile> profilesInRegion(String region) {
        return profilesByIndex(REGION_INDEX, GSI3_PK, regionIndexPk(region));
    }

    @Override
    public List<Profile> profilesOfBrand(String brand) {
        return profilesByIndex(BRAND_INDEX, GSI4_PK, brandIndexPk(brand));
    }

    private List<Profile> profilesByIndex(String index, String keyAttribute, String key) {
        return profiles(QueryRequest.builder().tableName(table).indexName(index)
                .keyConditionExpression("#k = :k")
                .expressionAttributeNames(Map.of("#k", keyAttribute))
                .expressionAttributeValues(Map.of(":k", s(key)))
                .build());
    }

    private List<Profile> profiles(QueryRequest query) {
        List<Profile> profiles = new ArrayList<>();
        DynamoErrors.call("list profiles", () -> {
            db.queryPaginator(query).items().forEach(item -> profiles.add(profile(item)));
            return null;
        });
        return profiles;
    }

    @Override
    public Optional<Versioned<TargetRates>> targets(TargetScope scope) {
        Map<String, AttributeValue> item = DynamoErrors.call("read targets", () -> db.getItem(r -> r.tableName(table)
                .key(targetsKey(scope)).consistentRead(true)).item());
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Versioned<>(rates(item), version(item), history(item)));
    }

    @Override
    public boolean saveTargets(TargetScope scope, TargetRates rates, long expectedVersion, AuditEntry change) {
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> sets = new ArrayList<>();
        List<String> removes = new ArrayList<>();
        for (TargetField field : TargetField.values()) {
            Double value = rates.values().get(field);
            if (value != null) {
                set(sets, names, values, targetAttribute(field), AttributeValue.fromN(Double.toString(value)));
            } else {
                names.put("#" + targetAttribute(field), targetAttribute(field));
                removes.add("#" + targetAttribute(field));
            }
        }
        return versionedWrite("save targets", targetsKey(scope), sets, removes, names, values, expectedVersion, change);
    }

    @Override
    public List<EffectiveTargets.Layer> targetLayers(Profile profile) {
        List<TargetScope> scopes = new ArrayList<>(List.of(TargetScope.national(), TargetScope.dealership(profile.dealershipId())));
        if (profile.region() != null) {
            scopes.add(TargetScope.region(profile.region()));
        }
        if (profile.brand() != null) {
            scopes.add(TargetScope.brand(profile.brand()));
        }
        Map<String, TargetScope> byLabel = new LinkedHashMap<>();
        scopes.forEach(scope -> byLabel.put(scope.label(), scope));
        Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder()
                .keys(scopes.stream().map(DynamoSettingsStore::targetsKey).toList())
                .projectionExpression(String.join(", ", SK, targetAttribute(TargetField.CONTACT_RATE_PER_MONTH),
                        targetAttribute(TargetField.APPOINTED_RATE), targetAttribute(TargetField.ATTENDED_RATE),
                        targetAttribute(TargetField.SOLD_RATE)))
                .consistentRead(true)
                .build());
        List<EffectiveTargets.Layer> layers = new ArrayList<>();
        DynamoErrors.call("read target layers", () -> {
            Map<String, KeysAndAttributes> pending = request;
            for (int attempt = 0; !pending.isEmpty(); attempt++) {
                if (attempt > 5) {
                    throw new StoreUnavailableException("target overrides stayed unprocessed", null);
                }
                Map<String, KeysAndAttributes> keys = pending;
                BatchGetItemResponse response = db.batchGetItem(r -> r.requestItems(keys));
                response.responses().getOrDefault(table, List.of()).forEach(item ->
                        layers.add(new EffectiveTargets.Layer(byLabel.get(item.get(SK).s()), rates(item))));
                pending = response.unprocessedKeys();
            }
            return null;
        });
        return layers;
    }

    /**
     * One conditional UpdateItem: the new fields, the next version and the audit entry appended, only if the
     * version is still the one the change was computed from.
     */
    private boolean versionedWrite(String what, Map<String, AttributeValue> key, List<String> sets, List<String> removes,
                                   Map<String, String> names, Map<String, AttributeValue> values, long expectedVersion,
                                   AuditEntry change) {
        names.put("#ver", VERSION);
        names.put("#hist", HISTORY);
        values.put(":next", AttributeValue.fromN(Long.toString(expectedVersion + 1)));
        values.put(":entry", AttributeValue.fromL(List.of(audit(change))));
        values.put(":empty", AttributeValue.fromL(List.of()));
        sets.add("#ver = :next");
        sets.add("#hist = list_append(if_not_exists(#hist, :empty), :entry)");
        String condition;
        if (expectedVersion == 0) {
            condition = "attribute_not_exists(#pk)";
            names.put("#pk", PK);
        } else {
            condition = "#ver = :expected";
            values.put(":expected", AttributeValue.fromN(Long.toString(expectedVersion)));
        }
        String update = "SET " + String.join(", ", sets) + (removes.isEmpty() ? "" : " REMOVE " + String.join(", ", removes));
        return DynamoErrors.call(what, () -> {
            try {
                db.updateItem(r -> r.tableName(table).key(key).updateExpression(update).conditionExpression(condition)
                        .expressionAttributeNames(names).expressionAttributeValues(values));
                return true;
            } catch (ConditionalCheckFailedException e) {
                return false;
            }
        });
    }

    private static void set(List<String> sets, Map<String, String> names, Map<String, AttributeValue> values,
                            String attribute, AttributeValue value) {
        names.put("#" + attribute, attribute);
        values.put(":" + attribute, value);
        sets.add("#" + attribute + " = :" + attribute);
    }

    private static Map<String, AttributeValue> profileKey(String dealershipId) {
        return Map.of(PK, s(PROFILES_PK), SK, s(profileSk(dealershipId)));
    }

    private static Map<String, AttributeValue> targetsKey(TargetScope scope) {
        return Map.of(PK, s(TARGETS_PK), SK, s(scope.label()));
    }

    private static Profile profile(Map<String, AttributeValue> item) {
        return new Profile(item.get(DEALERSHIP_ID).s(), str(item, NAME), str(item, REGION), str(item, BRAND),
                item.containsKey(TIMEZONE) ? ZoneId.of(item.get(TIMEZONE).s()) : Profile.DEFAULT_ZONE,
                item.containsKey(DATABASE_SIZE) ? Long.parseLong(item.get(DATABASE_SIZE).n()) : null,
                item.containsKey(GO_LIVE) ? LocalDate.parse(item.get(GO_LIVE).s()) : null);
    }

    private static TargetRates rates(Map<String, AttributeValue> item) {
        Map<TargetField, Double> values = new EnumMap<>(TargetField.class);
        for (TargetField field : TargetField.values()) {
            if (item.containsKey(targetAttribute(field))) {
                values.put(field, Double.parseDouble(item.get(targetAttribute(field)).n()));
            }
        }
        return new TargetRates(values);
    }

    private static long version(Map<String, AttributeValue> item) {
        return item.containsKey(VERSION) ? Long.parseLong(item.get(VERSION).n()) : 0;
    }

    private static List<AuditEntry> history(Map<String, AttributeValue> item) {
        if (!item.containsKey(HISTORY)) {
            return List.of();
        }
        return item.get(HISTORY).l().stream().map(v -> {
            Map<String, AttributeValue> m = v.m();
            return new AuditEntry(Instant.parse(m.get(AUDIT_AT).s()), m.get(AUDIT_BY).s(), m.get(AUDIT_ACTION).s(),
                    AttributeMaps.toPlain(m.get(AUDIT_PREVIOUS).m()), AttributeMaps.toPlain(m.get(AUDIT_NEXT).m()));
        }).toList();
    }

    private static AttributeValue audit(AuditEntry entry) {
        Map<String, AttributeValue> m = new LinkedHashMap<>();
        m.put(AUDIT_AT, s(entry.at().toString()));
        m.put(AUDIT_BY, s(entry.by()));
        m.put(AUDIT_ACTION, s(entry.action()));
        m.put(AUDIT_PREVIOUS, AttributeValue.fromM(AttributeMaps.fromPlain(entry.previous())));
        m.put(AUDIT_NEXT, AttributeValue.fromM(AttributeMaps.fromPlain(entry.next())));
        return AttributeValue.fromM(m);
    }

    private static String str(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
