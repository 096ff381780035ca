package com.dealerkpi.store;

import com.dealerkpi.app.common.DaemonThreads;
import com.dealerkpi.app.common.Parallel;
import com.dealerkpi.app.counts.Sweep;
import com.dealerkpi.domain.settings.Profile;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Supplier;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import static com.dealerkpi.store.AttributeMaps.n;
import static com.dealerkpi.store.AttributeMaps.s;
import static com.dealerkpi.store.TableLayout.*;

/**
 * The copies of each region's, brand's and dealer group's profiles, and of every profile for the nation, one
 * partition per scope, so that a scope's roll-up reads its own dealerships (consistently: one that has just joined is
 * in, one that has just left is out) and the nation's reads small copies instead of every profile with its history.
 * Exact without transactions (docs/aggregates.md, "Scope members"):
 * <ul>
 * <li>a profile's save first adds its new version to {@code pend} of every scope it is in before or after, then
 * writes the profile, then copies it (or marks it out) in each of them, removing its version from {@code pend};</li>
 * <li>a copy never moves to a lower profile version, so a late copy never hides a newer one;</li>
 * <li>so a member with nothing pending is the profile as its last completed save left it, and a reader asks the
 * profile itself of a member with something pending (a save in flight, or cut off).</li>
 * </ul>
 * A save cut off leaves its versions pending: the sweep settles them once they are older than any request can be,
 * copies the profiles saved before the copies existed (the build: until it has run, readers use the profiles), and
 * compares every member with its profile while a version of the code without copies may still save, and hourly.
 */
final class ScopeMembers {
    /** A scope member as stored: its copy (absent if it left), what is pending, and when that was last added to. */
    record Member(String dealershipId, Profile copy, long version, Set<Long> pending, String markedAt) {
    }

    /**
     * A save's marks, and then its copies, go out together (each is one item; each waits for all before going on):
     * up to seven scopes a save (the nation, and a region, brand and group before and after): a thread each, so that
     * even a save that moves all three sends its marks in one round trip.
     */
    private static final Parallel AT_ONCE = new Parallel(Executors.newFixedThreadPool(7, DaemonThreads.named("dealer-kpi-scope-members")));

    /** How often the sweep compares every member with its profile, though no save has marked anything. */
    private static final Duration FULL_PASS_EVERY = Duration.ofHours(1);

    private final DynamoDbClient db;
    private final String table;
    private final Clock clock;
    /** Once built, always: the copies are kept by every save from then on. */
    private volatile boolean built;

    ScopeMembers(DynamoDbClient db, String table, Clock clock) {
        this.db = db;
        this.table = table;
        this.clock = clock;
    }

    /** The partitions a saved profile has a member in: the nation's, its region's, brand's and group's. */
    static Set<String> scopesOf(Profile profile) {
        Set<String> scopes = new LinkedHashSet<>();
        scopes.add(NATION_SCOPE);
        if (profile.region() != null) {
            scopes.add(regionIndexPk(profile.region()));
        }
        if (profile.brand() != null) {
            scopes.add(brandIndexPk(profile.brand()));
        }
        if (profile.group() != null) {
            scopes.add(groupIndexPk(profile.group()));
        }
        return scopes;
    }

    /** Before a save of {@code version}: it is pending in every scope the profile is in before or after it. */
    void mark(Profile before, Profile after, long version) {
        Set<String> scopes = union(before, after);
        if (scopes.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        recordMark(scopes, now);
        AT_ONCE.all(scopes.stream().<Supplier<Object>>map(scope -> () -> DynamoErrors.call("mark a scope member pending", () ->
                db.updateItem(r -> r.tableName(table).key(key(scope, after.dealershipId()))
                        .updateExpression("ADD #pend :v SET #at = :at")
                        .expressionAttributeNames(Map.of("#pend", PENDING, "#at", MARKED_AT))
                        .expressionAttributeValues(Map.of(":v", versions(Set.of(version)), ":at", s(instant(now))))))).toList());
    }

    /**
     * First, so the sweep knows to look, and where: the scopes the save marks (every scope a member was ever written
     * in is recorded), and when it marked them, unless a later mark is recorded already.
     */
    private void recordMark(Set<String> scopes, Instant now) {
        DynamoErrors.call("record a profile's save for the sweep", () -> {
            try {
                db.updateItem(r -> r.tableName(table).key(stateKey()).updateExpression("SET #last = :now ADD #scopes :scopes")
                        .conditionExpression("attribute_not_exists(#last) OR #last < :now")
                        .expressionAttributeNames(Map.of("#last", LAST_MARK, "#scopes", SCOPES))
                        .expressionAttributeValues(Map.of(":now", s(instant(now)), ":scopes", AttributeValue.fromSs(List.copyOf(scopes)))));
            } catch (ConditionalCheckFailedException later) {
                recordScopes(scopes);
            }
            return null;
        });
    }

    private void recordScopes(Set<String> scopes) {
        DynamoErrors.call("record scopes for the sweep", () -> db.updateItem(r -> r.tableName(table).key(stateKey())
                .updateExpression("ADD #scopes :scopes").expressionAttributeNames(Map.of("#scopes", SCOPES))
                .expressionAttributeValues(Map.of(":scopes", AttributeValue.fromSs(List.copyOf(scopes))))));
    }

    /** After the save of {@code version} was written: copied where the profile is, out where it left. */
    void commit(Profile before, Profile after, long version) {
        Set<String> now = scopesOf(after);
        AT_ONCE.all(union(before, after).stream().<Supplier<Boolean>>map(scope ->
                () -> copy(scope, after, version, now.contains(scope), Set.of(version), null)).toList());
    }

    /**
     * Writes a member's copy of {@code version} (or marks it out) and removes {@code settled} from what is pending,
     * if its copy is not newer and, when {@code markedAt} is given, nothing was marked since it was read. Without
     * {@code markedAt} (a save's own versions), {@code settled} is removed even when the copy was newer: that save is
     * over either way.
     */
    private boolean copy(String scope, Profile profile, long version, boolean in, Set<Long> settled, String markedAt) {
        Map<String, String> names = new HashMap<>(Map.of("#pv", COPIED_VERSION, "#out", LEFT));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":v", n(version)));
        List<String> sets = new ArrayList<>(List.of("#pv = :v"));
        List<String> removes = new ArrayList<>();
        if (in) {
            Map<String, AttributeValue> reported = ProfileItems.reported(profile);
            reported.forEach((attribute, value) -> {
                names.put("#" + attribute, attribute);
                values.put(":" + attribute, value);
                sets.add("#" + attribute + " = :" + attribute);
            });
            ProfileItems.unset(reported).forEach(attribute -> {
                names.put("#" + attribute, attribute);
                removes.add("#" + attribute);
            });
            removes.add("#out");
        } else {
            values.put(":out", AttributeValue.fromBool(true));
            sets.add("#out = :out");
        }
        String update = "SET " + String.join(", ", sets) + (removes.isEmpty() ? "" : " REMOVE " + String.join(", ", removes))
                + (settled.isEmpty() ? "" : " DELETE #pend :settled");
        if (!settled.isEmpty()) {
            names.put("#pend", PENDING);
            values.put(":settled", versions(settled));
        }
        // the same version twice is the same profile: a sweep may settle over a save's own copy
        String condition = "(attribute_not_exists(#pv) OR #pv <= :v)";
        if (markedAt != null) {
            names.put("#at", MARKED_AT);
            values.put(":at", s(markedAt));
            condition += " AND #at = :at";
        }
        String when = condition;
        Map<String, AttributeValue> key = key(scope, profile.dealershipId());
        boolean written = DynamoErrors.call("copy a profile to its scope", () -> {
            try {
                db.updateItem(r -> r.tableName(table).key(key).updateExpression(update).conditionExpression(when)
                        .expressionAttributeNames(names).expressionAttributeValues(values));
                return true;
            } catch (ConditionalCheckFailedException e) {
                return false;
            }
        });
        if (!written && !settled.isEmpty() && markedAt == null) {
            DynamoErrors.call("settle a scope member", () -> db.updateItem(r -> r.tableName(table).key(key)
                    .updateExpression("DELETE #pend :settled").expressionAttributeNames(Map.of("#pend", PENDING))
                    .expressionAttributeValues(Map.of(":settled", versions(settled)))));
        }
        return written;
    }

    /**
     * Stops looking in scopes nothing is in any more (so the recorded scopes do not grow for ever: renamed groups,
     * typos), unless a save that marked may still have been marking when they were read (its last mark is not
     * older than every request in flight) or has marked since the state was read (it may have marked in them).
     */
    private void forget(Set<String> scopes, Map<String, AttributeValue> state, Instant requestsEndedBefore) {
        if (scopes.isEmpty() || state.containsKey(LAST_MARK)
                && state.get(LAST_MARK).s().compareTo(instant(requestsEndedBefore)) >= 0) {
            return;
        }
        Map<String, String> names = Map.of("#scopes", SCOPES, "#last", LAST_MARK);
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":scopes", AttributeValue.fromSs(List.copyOf(scopes))));
        String unchanged = state.containsKey(LAST_MARK) ? "#last = :seen" : "attribute_not_exists(#last)";
        if (state.containsKey(LAST_MARK)) {
            values.put(":seen", state.get(LAST_MARK));
        }
        DynamoErrors.call("forget scopes nothing is in", () -> {
            try {
                db.updateItem(r -> r.tableName(table).key(stateKey()).updateExpression("DELETE #scopes :scopes")
                        .conditionExpression(unchanged).expressionAttributeNames(names).expressionAttributeValues(values));
            } catch (ConditionalCheckFailedException marked) {
                // a save marked meanwhile: the next sweep looks again
            }
            return null;
        });
    }

    /** Records how far the sweep settled, unless a sweep that overlapped it settled further. */
    private void recordSettled(Instant settled) {
        DynamoErrors.call("record the scope members' last settling", () -> {
            try {
                db.updateItem(r -> r.tableName(table).key(stateKey()).updateExpression("SET #settled = :at")
                        .conditionExpression("attribute_not_exists(#settled) OR #settled < :at")
                        .expressionAttributeNames(Map.of("#settled", RECONCILED))
                        .expressionAttributeValues(Map.of(":at", s(instant(settled)))));
            } catch (ConditionalCheckFailedException further) {
                // settled further already
            }
            return null;
        });
    }

    private static AttributeValue versions(Set<Long> versions) {
        return AttributeValue.fromNs(versions.stream().map(String::valueOf).toList());
    }

    /**
     * Whether the regions', brands' and groups' copies can be read: once built (a new table's, or the sweep's build),
     * they stay built.
     */
    boolean built() {
        if (!built) {
            built = state().containsKey(MEMBERS_BUILT);
        }
        return built;
    }

    /**
     * Whether the nation's copies can be read: built, and compared with every profile by the version of the code now
     * sweeping. A version from before them that swept since (a rollback) may have marked members out of a scope it
     * does not know; until this version's sweep has compared them all again, readers read the profiles. Not cached:
     * that can happen at any time.
     */
    boolean nationReadable() {
        Map<String, AttributeValue> state = DynamoErrors.call("read whether the nation's members can be read", () -> db.getItem(r -> r
                .tableName(table).key(stateKey()).consistentRead(true).projectionExpression("#built, #code, #compared")
                .expressionAttributeNames(Map.of("#built", NATION_MEMBERS_BUILT, "#code", CODE_VERSION, "#compared", NATION_COMPARED_BY)))
                .item());
        return state != null && state.containsKey(NATION_MEMBERS_BUILT) && comparedBySweeping(state);
    }

    /** Whether the version of the code sweeping has compared every member since it began sweeping. */
    private static boolean comparedBySweeping(Map<String, AttributeValue> state) {
        return state.containsKey(NATION_COMPARED_BY) && state.get(NATION_COMPARED_BY).equals(state.get(CODE_VERSION));
    }

    /** The members' state item, read consistently (empty if there is none yet). */
    private Map<String, AttributeValue> state() {
        Map<String, AttributeValue> state = DynamoErrors.call("read the scope members' state", () -> db.getItem(r -> r
                .tableName(table).key(stateKey()).consistentRead(true)).item());
        return state == null ? Map.of() : state;
    }

    /** A scope's members as stored, read consistently. */
    List<Member> members(String scope) {
        List<Member> members = new ArrayList<>();
        DynamoErrors.call("read a scope's members", () -> {
            db.queryPaginator(r -> r.tableName(table).consistentRead(true).keyConditionExpression("#pk = :pk")
                            .expressionAttributeNames(Map.of("#pk", PK)).expressionAttributeValues(Map.of(":pk", s(scopeMembersPk(scope)))))
                    .items().forEach(item -> members.add(member(item)));
            return null;
        });
        return members;
    }

    private static Member member(Map<String, AttributeValue> item) {
        String dealershipId = item.get(SK).s();
        Profile copy = item.containsKey(COPIED_VERSION) && !item.containsKey(LEFT) ? ProfileItems.profile(item) : null;
        long version = item.containsKey(COPIED_VERSION) ? Long.parseLong(item.get(COPIED_VERSION).n()) : 0;
        Set<Long> pending = new LinkedHashSet<>();
        if (item.containsKey(PENDING)) {
            item.get(PENDING).ns().forEach(v -> pending.add(Long.parseLong(v)));
        }
        return new Member(dealershipId, copy, version, pending, item.containsKey(MARKED_AT) ? item.get(MARKED_AT).s() : null);
    }

    /** Marks every scope's copies built. */
    private void markBuilt() {
        db.updateItem(r -> r.tableName(table).key(stateKey()).updateExpression("SET #built = :built, #nation = :built")
                .expressionAttributeNames(Map.of("#built", MEMBERS_BUILT, "#nation", NATION_MEMBERS_BUILT))
                .expressionAttributeValues(Map.of(":built", AttributeValue.fromBool(true))));
    }

    /**
     * Marks a new table's copies built (it has no profile to copy), the nation's readable: no code has swept it, so
     * none has compared its members ({@code code} and {@code codeN} alike, until the first sweep records its own).
     */
    static void markNewTableBuilt(DynamoDbClient db, String table) {
        db.updateItem(r -> r.tableName(table).key(stateKey())
                .updateExpression("SET #built = :built, #nation = :built, #code = :none, #compared = :none")
                .expressionAttributeNames(Map.of("#built", MEMBERS_BUILT, "#nation", NATION_MEMBERS_BUILT,
                        "#code", CODE_VERSION, "#compared", NATION_COMPARED_BY))
                .expressionAttributeValues(Map.of(":built", AttributeValue.fromBool(true), ":none", s("new table"))));
    }

    /**
     * Records that this version compared every member, unless another version has swept since this sweep began
     * ({@code since}: when this version began sweeping, as this sweep read or recorded it).
     */
    private void recordComparedBy(String codeVersion, Instant since) {
        DynamoErrors.call("record the code that compared the nation's members", () -> {
            try {
                db.updateItem(r -> r.tableName(table).key(stateKey()).updateExpression("SET #compared = :code")
                        .conditionExpression("#code = :code AND #since = :since")
                        .expressionAttributeNames(Map.of("#compared", NATION_COMPARED_BY, "#code", CODE_VERSION, "#since", SINCE))
                        .expressionAttributeValues(Map.of(":code", s(codeVersion), ":since", s(instant(since)))));
            } catch (ConditionalCheckFailedException anotherVersionSwept) {
                // its members may be as that version left them: the next sweep of this one compares them again
            }
            return null;
        });
    }

    /**
     * The sweep's part, given every profile with its version (read before the members): each profile copied where it
     * is and out where it is not (profiles saved before the copies, or by a version of the code without them), and
     * pending saves marked before {@code settledBefore} (over, whether they wrote the profile or not) settled from the
     * profile. A build begun before {@code settledBefore} that found nothing it could not mend marks the copies built.
     */
    void reconcile(Map<String, Versioned> profiles, Sweep.Upkeep upkeep, Consumer<RuntimeException> failed) {
        Map<String, AttributeValue> state = state();
        boolean wasBuilt = state.containsKey(MEMBERS_BUILT) && state.containsKey(NATION_MEMBERS_BUILT);
        Instant since = codeSince(state, upkeep.codeVersion());
        // until every version of the code before this one has stopped, any of them may have saved without marking
        boolean othersStopped = since.isBefore(upkeep.settledBefore());
        // a pass that failed (or was cut off) leaves the nation unread until one completes: not an hour later
        boolean compared = comparedBySweeping(state) && state.get(CODE_VERSION).s().equals(upkeep.codeVersion());
        if (wasBuilt && othersStopped && compared && settled(state, upkeep.requestsEndedBefore())) {
            return;
        }
        Set<String> recorded = state.containsKey(SCOPES) ? Set.copyOf(state.get(SCOPES).ss()) : Set.of();
        Map<String, Set<String>> byScope = new HashMap<>();
        recorded.forEach(scope -> byScope.put(scope, new LinkedHashSet<>()));
        profiles.values().forEach(p -> scopesOf(p.profile()).forEach(scope ->
                byScope.computeIfAbsent(scope, k -> new LinkedHashSet<>()).add(p.profile().dealershipId())));
        Set<String> unrecorded = new LinkedHashSet<>(byScope.keySet());
        unrecorded.removeAll(recorded);
        if (!unrecorded.isEmpty()) {
            recordScopes(unrecorded); // before any copy in them: a save cut off there is looked for later
        }
        Instant settled = upkeep.requestsEndedBefore();
        Set<String> empty = new LinkedHashSet<>();
        int failures = 0;
        for (Map.Entry<String, Set<String>> scope : byScope.entrySet()) {
            Map<String, Member> stored = new HashMap<>();
            try {
                members(scope.getKey()).forEach(member -> stored.put(member.dealershipId(), member));
            } catch (RuntimeException e) {
                failed.accept(e);
                failures++;
                continue;
            }
            if (scope.getValue().isEmpty() && stored.values().stream().allMatch(m -> m.copy() == null && m.pending().isEmpty())) {
                empty.add(scope.getKey()); // no profile names it, no member is in it or pending in it
            }
            Set<String> ids = new LinkedHashSet<>(scope.getValue());
            ids.addAll(stored.keySet());
            for (String id : ids) {
                try {
                    // no profile: a first save cut off before its write (profiles are never deleted)
                    Versioned profile = profiles.get(id);
                    Instant left = mend(scope.getKey(), profile == null ? new Versioned(Profile.unknown(id), 0) : profile,
                            profile != null, stored.get(id), upkeep.settledBefore());
                    settled = left.isBefore(settled) ? left : settled;
                } catch (RuntimeException e) {
                    failed.accept(e);
                    failures++;
                }
            }
        }
        if (failures == 0) {
            forget(empty, state, upkeep.requestsEndedBefore());
            recordSettled(settled);
            if (!wasBuilt && othersStopped) {
                DynamoErrors.call("mark the scope members built", () -> {
                    markBuilt();
                    return null;
                });
            }
            if (othersStopped) {
                // within the grace, a version from before the nation's copies may still save (a first profile with
                // no member in the nation) or sweep (marking members out): the nation is read from the profiles
                recordComparedBy(upkeep.codeVersion(), since);
            }
        }
    }

    /**
     * Whether no save has marked anything since the last sweep that settled every mark it saw (it records the earliest
     * mark it left, or when the requests it could not see began), and that sweep was within the hour: once an hour the
     * members are compared with the profiles all the same.
     */
    private static boolean settled(Map<String, AttributeValue> state, Instant requestsEndedBefore) {
        return state.containsKey(RECONCILED) && (!state.containsKey(LAST_MARK)
                || state.get(LAST_MARK).s().compareTo(state.get(RECONCILED).s()) < 0)
                && Instant.parse(state.get(RECONCILED).s()).isAfter(requestsEndedBefore.minus(FULL_PASS_EVERY));
    }

    /**
     * When this version of the code first swept: now, if another version swept last (a deployment; a build not yet
     * marked begins again, as the version before may have been one without copies, rolled back to).
     */
    private Instant codeSince(Map<String, AttributeValue> state, String codeVersion) {
        if (state.containsKey(CODE_VERSION) && state.get(CODE_VERSION).s().equals(codeVersion) && state.containsKey(SINCE)) {
            return Instant.parse(state.get(SINCE).s());
        }
        Instant now = clock.instant();
        DynamoErrors.call("record the code that sweeps the scope members", () -> db.updateItem(r -> r.tableName(table).key(stateKey())
                // and until it has compared the nation's members, none has: the version before may not have known them
                .updateExpression("SET #code = :code, #since = :now REMOVE #compared")
                .expressionAttributeNames(Map.of("#code", CODE_VERSION, "#since", SINCE, "#compared", NATION_COMPARED_BY))
                .expressionAttributeValues(Map.of(":code", s(codeVersion), ":now", s(instant(now))))));
        return now;
    }

    /** A profile and its version, as the sweep read it. */
    record Versioned(Profile profile, long version) {
    }

    /**
     * Mends one member ({@code saved}: whether its dealership has a profile); when a mark it leaves was made (or
     * {@link Instant#MAX}: none left).
     */
    private Instant mend(String scope, Versioned profile, boolean saved, Member member, Instant settledBefore) {
        boolean in = saved && scopesOf(profile.profile()).contains(scope);
        if (member == null) {
            if (in) {
                copy(scope, profile.profile(), profile.version(), true, Set.of(), null);
            }
            return Instant.MAX;
        }
        if (!member.pending().isEmpty()) {
            Instant markedAt = member.markedAt() == null ? Instant.MIN : Instant.parse(member.markedAt());
            boolean over = member.markedAt() != null && markedAt.isBefore(settledBefore);
            return over && copy(scope, profile.profile(), profile.version(), in, member.pending(), member.markedAt())
                    ? Instant.MAX : markedAt;
        }
        boolean current = in ? profile.profile().equals(member.copy()) : member.copy() == null;
        if (!current && member.version() <= profile.version()) {
            // saved without copies: before they existed, or by a version of the code without them; at the profile's
            // own version, marked out of the nation by a version that does not know it as a scope (a rollback)
            copy(scope, profile.profile(), profile.version(), in, Set.of(), null);
        }
        return Instant.MAX;
    }

    private static Set<String> union(Profile before, Profile after) {
        Set<String> scopes = new LinkedHashSet<>(scopesOf(before));
        scopes.addAll(scopesOf(after));
        return scopes;
    }

    private static Map<String, AttributeValue> key(String scope, String dealershipId) {
        return Map.of(PK, s(scopeMembersPk(scope)), SK, s(dealershipId));
    }

    private static Map<String, AttributeValue> stateKey() {
        return Map.of(PK, s(SCOPE_MEMBERS_STATE_PK), SK, s(SCOPE_MEMBERS_STATE_SK));
    }
}
