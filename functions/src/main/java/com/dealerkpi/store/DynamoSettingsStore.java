package com.dealerkpi.store;

import com.dealerkpi.app.counts.Sweep;
import com.dealerkpi.app.settings.SettingsStore;
import com.dealerkpi.domain.counts.Bucketing;
import com.dealerkpi.domain.settings.AuditEntry;
import com.dealerkpi.domain.settings.EffectiveTargets;
import com.dealerkpi.domain.settings.Profile;
import com.dealerkpi.domain.settings.ScopeTargets;
import com.dealerkpi.domain.settings.TargetBook;
import com.dealerkpi.domain.settings.TargetChange;
import com.dealerkpi.domain.settings.TargetScope;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

import static com.dealerkpi.store.AttributeMaps.n;
import static com.dealerkpi.store.AttributeMaps.s;
import static com.dealerkpi.store.TableLayout.*;

/**
 * {@link SettingsStore} on DynamoDB: one item per profile and per target scope, each with its changes, each write
 * conditional on the version read.
 */
public final class DynamoSettingsStore implements SettingsStore {
    /** What a report needs of a profile: not its change history, which grows with every change. */
    private static final Map<String, String> REPORTED_FIELDS = Map.of("#did", DEALERSHIP_ID, "#name", NAME, "#region", REGION,
            "#brand", BRAND, "#group", GROUP, "#tz", TIMEZONE, "#dbs", DATABASE_SIZES, "#live", GO_LIVE);
    private static final String REPORTED_PROJECTION = String.join(", ", REPORTED_FIELDS.keySet());

    private final DynamoDbClient db;
    private final String table;
    private final ScopeMembers members;

    public DynamoSettingsStore(DynamoDbClient db, String table, Clock clock) {
        this.db = db;
        this.table = table;
        this.members = new ScopeMembers(db, table, clock);
    }

    @Override
    public Optional<Versioned<Profile>> profile(String dealershipId) {
        Map<String, AttributeValue> item = consistentGet("read profile", ProfileItems.key(dealershipId));
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Versioned<>(ProfileItems.profile(item), version(item), ProfileItems.history(item)));
    }

    @Override
    public Optional<String> groupOf(String dealershipId) {
        // the group alone: the profile item also holds its whole change history
        Map<String, AttributeValue> item = DynamoErrors.call("read a profile's group", () -> db.getItem(r -> r.tableName(table)
                .key(ProfileItems.key(dealershipId)).consistentRead(true).projectionExpression("#group")
                .expressionAttributeNames(Map.of("#group", GROUP))).item());
        return item == null || !item.containsKey(GROUP) ? Optional.empty() : Optional.of(item.get(GROUP).s());
    }

    @Override
    public boolean saveProfile(Profile before, Profile profile, long expectedVersion, AuditEntry change) {
        // pending where it is and was before the profile changes; copied there once it has
        members.mark(before, profile, expectedVersion + 1);
        if (!write(profile, expectedVersion, change)) {
            // lost: its marks stay (the winner's version is this one's: its copies settle them in its scopes, the
            // sweep the rest); removing them could take the winner's before its copies are written
            return false;
        }
        members.commit(before, profile, expectedVersion + 1);
        return true;
    }

    private boolean write(Profile profile, long expectedVersion, AuditEntry change) {
        Update update = new Update();
        ProfileItems.attributes(profile).forEach(update::set);
        if (profile.group() == null) {
            // the one field a change can clear: a dealership that leaves its group (and its group index)
            update.remove(GROUP);
            update.remove(GSI5_PK);
            update.remove(GSI5_SK);
        }
        update.append(HISTORY, ProfileItems.audit(change));
        return update.ifVersion("save profile", ProfileItems.key(profile.dealershipId()), expectedVersion);
    }

    @Override
    public List<Profile> allProfiles() {
        // consistent: a dealership moved out of a group leaves the group's roll-up with the answer to that move
        if (members.nationReadable()) {
            return fromMembers(NATION_SCOPE).stream().sorted(Comparator.comparing(Profile::dealershipId)).toList();
        }
        Map<String, String> names = new HashMap<>(REPORTED_FIELDS);
        names.put("#pk", PK);
        List<Profile> profiles = new ArrayList<>();
        DynamoErrors.call("list profiles", () -> {
            db.queryPaginator(r -> r.tableName(table).consistentRead(true).keyConditionExpression("#pk = :pk")
                            .expressionAttributeValues(Map.of(":pk", s(PROFILES_PK)))
                            .projectionExpression(REPORTED_PROJECTION).expressionAttributeNames(names))
                    .items().forEach(item -> profiles.add(ProfileItems.profile(item)));
            return null;
        });
        return profiles;
    }

    @Override
    public List<Profile> profilesInRegion(String region) {
        return profilesByKey(GSI3_PK, region, Profile::region, TableLayout::regionIndexPk);
    }

    @Override
    public List<Profile> profilesOfBrand(String brand) {
        return profilesByKey(GSI4_PK, brand, Profile::brand, TableLayout::brandIndexPk);
    }

    @Override
    public List<Profile> profilesInGroup(String group) {
        return profilesByKey(GSI5_PK, group, Profile::group, TableLayout::groupIndexPk);
    }

    @Override
    public Map<String, Bucketing> maintainProfiles(Sweep.Upkeep upkeep, Consumer<RuntimeException> failed) {
        Map<String, String> names = new HashMap<>(REPORTED_FIELDS);
        names.put("#pk", PK);
        names.put("#gk", GSI5_PK);
        names.put("#ver", VERSION);
        List<Map<String, AttributeValue>> profiles = new ArrayList<>();
        DynamoErrors.call("list profiles", () -> {
            db.queryPaginator(r -> r.tableName(table).consistentRead(true).keyConditionExpression("#pk = :pk")
                            .expressionAttributeValues(Map.of(":pk", s(PROFILES_PK)))
                            .projectionExpression(REPORTED_PROJECTION + ", #gk, #ver").expressionAttributeNames(names))
                    .items().forEach(profiles::add);
            return null;
        });
        Map<String, Bucketing> bucketings = new HashMap<>();
        Map<String, ScopeMembers.Versioned> versioned = new HashMap<>();
        for (Map<String, AttributeValue> item : profiles) {
            Profile profile = ProfileItems.profile(item);
            String indexedAs = item.containsKey(GSI5_PK) ? item.get(GSI5_PK).s() : null;
            if (!java.util.Objects.equals(indexedAs, profile.group() == null ? null : groupIndexPk(profile.group()))) {
                try {
                    indexGroup(profile.dealershipId(), profile.group());
                } catch (RuntimeException e) {
                    failed.accept(e);
                }
            }
            bucketings.put(profile.dealershipId(), Bucketing.of(profile));
            versioned.put(profile.dealershipId(), new ScopeMembers.Versioned(profile, version(item)));
        }
        try {
            members.reconcile(versioned, upkeep, failed);
        } catch (RuntimeException e) {
            failed.accept(e);
        }
        return bucketings;
    }

    /** Indexes a profile as in its group (or in none), if the group is still the one read. */
    private void indexGroup(String dealershipId, String group) {
        DynamoErrors.call("index a profile's group", () -> {
            try {
                if (group == null) {
                    db.updateItem(r -> r.tableName(table).key(ProfileItems.key(dealershipId))
                            .updateExpression("REMOVE #gk, #gs").conditionExpression("attribute_exists(#pk) AND attribute_not_exists(#group)")
                            .expressionAttributeNames(Map.of("#gk", GSI5_PK, "#gs", GSI5_SK, "#pk", PK, "#group", GROUP)));
                } else {
                    db.updateItem(r -> r.tableName(table).key(ProfileItems.key(dealershipId))
                            .updateExpression("SET #gk = :gk, #gs = :did").conditionExpression("#group = :group")
                            .expressionAttributeNames(Map.of("#gk", GSI5_PK, "#gs", GSI5_SK, "#group", GROUP))
                            .expressionAttributeValues(Map.of(":gk", s(groupIndexPk(group)), ":did", s(dealershipId),
                                    ":group", s(group))));
                }
            } catch (ConditionalCheckFailedException savedMeanwhile) {
                // a save since the read wrote the index with the group
            }
            return null;
        });
    }

    /**
     * The profiles whose index key attribute is the scope's, read consistently from the profiles' partition (the
     * index itself lags a change by a moment on DynamoDB: a dealership that had just joined would be missing, one
     * that had just left still there). The filter spares the network every other profile, not the read. A profile
     * whose field no longer matches its key (saved by a version that did not keep the group's key) is left out.
     */
    private List<Profile> profilesByKey(String keyAttribute, String scope, Function<Profile, String> field,
                                        UnaryOperator<String> indexKey) {
        String key = indexKey.apply(scope);
        Predicate<Profile> stillIn = profile -> field.apply(profile) != null && indexKey.apply(field.apply(profile)).equals(key);
        List<Profile> profiles = members.built() ? fromMembers(key) : fromAllProfiles(keyAttribute, key);
        return profiles.stream().filter(stillIn).sorted(Comparator.comparing(Profile::dealershipId)).toList();
    }

    /** A scope's members: their copies, and the profiles of those with a save in flight (or cut off). */
    private List<Profile> fromMembers(String scope) {
        List<Profile> profiles = new ArrayList<>();
        List<Map<String, AttributeValue>> unsettled = new ArrayList<>();
        for (ScopeMembers.Member member : members.members(scope)) {
            if (!member.pending().isEmpty()) {
                unsettled.add(ProfileItems.key(member.dealershipId()));
            } else if (member.copy() != null) {
                profiles.add(member.copy());
            }
        }
        Map<String, String> names = new HashMap<>(REPORTED_FIELDS);
        BatchReads.readAll(db, table, unsettled, read -> read.projectionExpression(REPORTED_PROJECTION).expressionAttributeNames(names),
                "read the profiles of a scope's unsettled members", item -> profiles.add(ProfileItems.profile(item)));
        return profiles;
    }

    /** Before the scopes' members are built: every profile, filtered on the scope's key attribute. */
    private List<Profile> fromAllProfiles(String keyAttribute, String key) {
        Map<String, String> names = new HashMap<>(REPORTED_FIELDS);
        names.put("#pk", PK);
        names.put("#k", keyAttribute);
        List<Profile> profiles = new ArrayList<>();
        DynamoErrors.call("list profiles", () -> {
            db.queryPaginator(r -> r.tableName(table).consistentRead(true).keyConditionExpression("#pk = :pk")
                            .filterExpression("#k = :k").expressionAttributeValues(Map.of(":pk", s(PROFILES_PK), ":k", s(key)))
                            .projectionExpression(REPORTED_PROJECTION).expressionAttributeNames(names))
                    .items().forEach(item -> profiles.add(ProfileItems.profile(item)));
            return null;
        });
        return profiles;
    }

    @Override
    public Optional<Versioned<ScopeTargets>> targets(TargetScope scope) {
        Map<String, AttributeValue> item = consistentGet("read targets", TargetItems.key(scope));
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Versioned<>(TargetItems.scopeTargets(item), version(item), List.of()));
    }

    @Override
    public boolean appendTargetChange(TargetScope scope, TargetChange change, long expectedVersion) {
        Update update = new Update();
        update.append(TARGET_CHANGES, TargetItems.change(change));
        return update.ifVersion("save targets", TargetItems.key(scope), expectedVersion);
    }

    @Override
    public List<EffectiveTargets.Layer> targetLayers(Profile profile) {
        List<TargetScope> scopes = TargetScope.applyingTo(profile);
        Map<String, TargetScope> byKey = new LinkedHashMap<>();
        scopes.forEach(scope -> byKey.put(scope.key(), scope));
        KeysAndAttributes request = KeysAndAttributes.builder()
                .keys(scopes.stream().map(TargetItems::key).toList())
                .projectionExpression(String.join(", ", SK, TARGET_CHANGES))
                .consistentRead(true)
                .build();
        List<EffectiveTargets.Layer> layers = new ArrayList<>();
        BatchReads.read(db, table, request, "read target layers", item -> layers.add(
                new EffectiveTargets.Layer(byKey.get(item.get(SK).s()), TargetItems.scopeTargets(item))));
        return layers;
    }

    @Override
    public TargetBook allTargets() {
        QueryRequest query = QueryRequest.builder().tableName(table)
                .keyConditionExpression("#pk = :pk")
                .expressionAttributeNames(Map.of("#pk", PK, "#sk", SK, "#chg", TARGET_CHANGES))
                .expressionAttributeValues(Map.of(":pk", s(TARGETS_PK)))
                .projectionExpression("#sk, #chg")
                .consistentRead(true)
                .build();
        Map<String, ScopeTargets> byScopeKey = new HashMap<>();
        DynamoErrors.call("read all targets", () -> {
            db.queryPaginator(query).items().forEach(item -> byScopeKey.put(item.get(SK).s(), TargetItems.scopeTargets(item)));
            return null;
        });
        return new TargetBook(byScopeKey);
    }


    private Map<String, AttributeValue> consistentGet(String what, Map<String, AttributeValue> key) {
        return DynamoErrors.call(what, () -> db.getItem(r -> r.tableName(table).key(key).consistentRead(true)).item());
    }

    private static long version(Map<String, AttributeValue> item) {
        return item.containsKey(VERSION) ? Long.parseLong(item.get(VERSION).n()) : 0;
    }

    /** One UpdateItem's SET (and REMOVE) clauses, written only if the item's version is still the one read. */
    private final class Update {
        private final Map<String, String> names = new HashMap<>();
        private final Map<String, AttributeValue> values = new HashMap<>();
        private final List<String> sets = new ArrayList<>();
        private final List<String> removes = new ArrayList<>();

        void set(String attribute, AttributeValue value) {
            names.put("#" + attribute, attribute);
            values.put(":" + attribute, value);
            sets.add("#" + attribute + " = :" + attribute);
        }

        void remove(String attribute) {
            names.put("#" + attribute, attribute);
            removes.add("#" + attribute);
        }

        /** Appends one element to a list attribute, creating the list on the first write. */
        void append(String attribute, AttributeValue element) {
            names.put("#" + attribute, attribute);
            values.put(":" + attribute, AttributeValue.fromL(List.of(element)));
            values.put(":empty", AttributeValue.fromL(List.of()));
            sets.add("#" + attribute + " = list_append(if_not_exists(#" + attribute + ", :empty), :" + attribute + ")");
        }

        boolean ifVersion(String what, Map<String, AttributeValue> key, long expectedVersion) {
            set(VERSION, n(expectedVersion + 1));
            String condition;
            if (expectedVersion == 0) {
                condition = "attribute_not_exists(#pk)";
                names.put("#pk", PK);
            } else {
                condition = "#" + VERSION + " = :expected";
                values.put(":expected", n(expectedVersion));
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
    }
}
