package com.dealerkpi.store;

import com.dealerkpi.app.SettingsStore;
import com.dealerkpi.app.StoreUnavailableException;
import com.dealerkpi.domain.AuditEntry;
import com.dealerkpi.domain.EffectiveTargets;
import com.dealerkpi.domain.Profile;
import com.dealerkpi.domain.ScopeTargets;
import com.dealerkpi.domain.TargetChange;
import com.dealerkpi.domain.TargetField;
import com.dealerkpi.domain.TargetScope;
import com.dealerkpi.domain.Timeline;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
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

/** {@link SettingsStore} on DynamoDB: one item per profile and per target scope, each with its changes. */
public final class DynamoSettingsStore implements SettingsStore {
    private final DynamoDbClient db;
    private final String table;

    public DynamoSettingsStore(DynamoDbClient db, String table) {
        this.db = db;
        this.table = table;
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
        set(sets, names, values, DATABASE_SIZES, AttributeValue.fromL(p.databaseSize().changes().stream()
                .map(DynamoSettingsStore::sizeChange).toList()));
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
        if (p.goLiveDate() != null) {
            set(sets, names, values, GO_LIVE, s(p.goLiveDate().toString()));
        }
        names.put("#hist", HISTORY);
        values.put(":entry", AttributeValue.fromL(List.of(audit(change))));
        values.put(":empty", AttributeValue.fromL(List.of()));
        sets.add("#hist = list_append(if_not_exists(#hist, :empty), :entry)");
        return versionedWrite("save profile", profileKey(p.dealershipId()), sets, names, values, expectedVersion);
    }

    @Override
    public List<Profile> allProfiles() {
        return profiles(QueryRequest.builder().tableName(table)
                .keyConditionExpression("#pk = :pk")
                .expressionAttributeValues(Map.of(":pk", s(PROFILES_PK)))
                .projectionExpression("#did, #name, #region, #brand, #tz, #dbs, #live")
                .expressionAttributeNames(Map.of("#pk", PK, "#did", DEALERSHIP_ID, "#name", NAME, "#region", REGION,
                        "#brand", BRAND, "#tz", TIMEZONE, "#dbs", DATABASE_SIZES, "#live", GO_LIVE))
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
    public Optional<Versioned<ScopeTargets>> targets(TargetScope scope) {
        Map<String, AttributeValue> item = DynamoErrors.call("read targets", () -> db.getItem(r -> r.tableName(table)
                .key(targetsKey(scope)).consistentRead(true)).item());
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Versioned<>(scopeTargets(item), version(item), List.of()));
    }

    @Override
    public boolean appendTargetChange(TargetScope scope, TargetChange change, long expectedVersion) {
        Map<String, String> names = new HashMap<>(Map.of("#chg", TARGET_CHANGES));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":change", AttributeValue.fromL(List.of(targetChange(change))),
                ":empty", AttributeValue.fromL(List.of())));
        List<String> sets = new ArrayList<>(List.of("#chg = list_append(if_not_exists(#chg, :empty), :change)"));
        return versionedWrite("save targets", targetsKey(scope), sets, names, values, expectedVersion);
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
        Map<String, TargetScope> byKey = new LinkedHashMap<>();
        scopes.forEach(scope -> byKey.put(scope.key(), scope));
        Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder()
                .keys(scopes.stream().map(DynamoSettingsStore::targetsKey).toList())
                .projectionExpression(String.join(", ", SK, TARGET_CHANGES))
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
                        layers.add(new EffectiveTargets.Layer(byKey.get(item.get(SK).s()), scopeTargets(item))));
                pending = response.unprocessedKeys();
            }
            return null;
        });
        return layers;
    }

    @Override
    public void ping() {
        DynamoErrors.call("ping", () -> db.getItem(r -> r.tableName(table).key(settingsProbeKey())));
    }

    /** One conditional UpdateItem: the given sets and the next version, only if the version is still the one read. */
    private boolean versionedWrite(String what, Map<String, AttributeValue> key, List<String> sets,
                                   Map<String, String> names, Map<String, AttributeValue> values, long expectedVersion) {
        names.put("#ver", VERSION);
        values.put(":next", n(expectedVersion + 1));
        sets.add("#ver = :next");
        String condition;
        if (expectedVersion == 0) {
            condition = "attribute_not_exists(#pk)";
            names.put("#pk", PK);
        } else {
            condition = "#ver = :expected";
            values.put(":expected", n(expectedVersion));
        }
        String update = "SET " + String.join(", ", sets);
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
        return Map.of(PK, s(TARGETS_PK), SK, s(scope.key()));
    }

    private static Profile profile(Map<String, AttributeValue> item) {
        ZoneId zone = item.containsKey(TIMEZONE) ? ZoneId.of(item.get(TIMEZONE).s()) : Profile.DEFAULT_ZONE;
        List<Timeline.Change<Long>> sizes = new ArrayList<>();
        if (item.containsKey(DATABASE_SIZES)) {
            for (AttributeValue change : item.get(DATABASE_SIZES).l()) {
                Map<String, AttributeValue> m = change.m();
                sizes.add(new Timeline.Change<>(month(m), Instant.parse(m.get(CHANGE_AT).s()), Long.parseLong(m.get(CHANGE_VALUE).n())));
            }
        }
        return new Profile(item.get(DEALERSHIP_ID).s(), str(item, NAME), str(item, REGION), str(item, BRAND), zone,
                new Timeline<>(sizes), item.containsKey(GO_LIVE) ? LocalDate.parse(item.get(GO_LIVE).s()) : null);
    }

    private static AttributeValue sizeChange(Timeline.Change<Long> change) {
        Map<String, AttributeValue> m = new LinkedHashMap<>();
        if (change.effectiveFrom() != null) {
            m.put(CHANGE_EFFECTIVE_FROM, s(change.effectiveFrom().toString()));
        }
        m.put(CHANGE_AT, s(change.at().toString()));
        m.put(CHANGE_VALUE, n(change.value()));
        return AttributeValue.fromM(m);
    }

    private static ScopeTargets scopeTargets(Map<String, AttributeValue> item) {
        List<TargetChange> changes = new ArrayList<>();
        if (item.containsKey(TARGET_CHANGES)) {
            for (AttributeValue change : item.get(TARGET_CHANGES).l()) {
                Map<String, AttributeValue> m = change.m();
                Map<TargetField, Double> values = new EnumMap<>(TargetField.class);
                Map<String, AttributeValue> stored = m.get(CHANGE_VALUE).m();
                for (TargetField field : TargetField.values()) {
                    if (stored.containsKey(targetAttribute(field))) {
                        values.put(field, Double.parseDouble(stored.get(targetAttribute(field)).n()));
                    }
                }
                changes.add(new TargetChange(month(m), Instant.parse(m.get(CHANGE_AT).s()), m.get(CHANGE_BY).s(),
                        TargetChange.Action.valueOf(m.get(CHANGE_ACTION).s()), values));
            }
        }
        return new ScopeTargets(changes);
    }

    private static AttributeValue targetChange(TargetChange change) {
        Map<String, AttributeValue> stored = new LinkedHashMap<>();
        change.values().forEach((field, value) -> stored.put(targetAttribute(field), AttributeValue.fromN(Double.toString(value))));
        Map<String, AttributeValue> m = new LinkedHashMap<>();
        if (change.effectiveFrom() != null) {
            m.put(CHANGE_EFFECTIVE_FROM, s(change.effectiveFrom().toString()));
        }
        m.put(CHANGE_AT, s(change.at().toString()));
        m.put(CHANGE_BY, s(change.by()));
        m.put(CHANGE_ACTION, s(change.action().name()));
        m.put(CHANGE_VALUE, AttributeValue.fromM(stored));
        return AttributeValue.fromM(m);
    }

    private static YearMonth month(Map<String, AttributeValue> change) {
        return change.containsKey(CHANGE_EFFECTIVE_FROM) ? YearMonth.parse(change.get(CHANGE_EFFECTIVE_FROM).s()) : null;
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
            return new AuditEntry(Instant.parse(m.get(CHANGE_AT).s()), m.get(CHANGE_BY).s(), m.get(CHANGE_ACTION).s(),
                    auditFields(m.get(AUDIT_PREVIOUS).m()), auditFields(m.get(AUDIT_NEXT).m()));
        }).toList();
    }

    private static AttributeValue audit(AuditEntry entry) {
        Map<String, AttributeValue> m = new LinkedHashMap<>();
        m.put(CHANGE_AT, s(entry.at().toString()));
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

    private static String str(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
