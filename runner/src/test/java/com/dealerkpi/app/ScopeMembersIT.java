package com.dealerkpi.app;

import com.dealerkpi.app.counts.Sweep;
import com.dealerkpi.app.settings.SettingsStore;
import com.dealerkpi.domain.settings.AuditEntry;
import com.dealerkpi.domain.settings.Profile;
import com.dealerkpi.domain.settings.Timeline;
import com.dealerkpi.store.DynamoStores;
import com.dealerkpi.store.TableLayout;
import com.dealerkpi.support.Backend;
import com.dealerkpi.support.FaultInjector;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A region's, brand's and group's dealerships, and the nation's, come from their scope's copies of the profiles
 * (docs/aggregates.md, "Scope members"): after every save, answered or cut off at any of its requests (sent or not, applied with its
 * answer lost), each scope reads exactly the dealerships whose profile names it; a sweep settles what was cut off and
 * builds the copies of profiles saved before them.
 */
class ScopeMembersIT {
    private static final List<String> GROUPS = List.of("Arnold Clark", "Lookers", "Sytner");
    private static final List<String> REGIONS = List.of("North", "South");
    private static final List<String> DEALERSHIPS = List.of("D1", "D2", "D3", "D4", "D5");
    /** The partition of the nation's members. */
    private static final String NATION = "P#N#";
    private static final AuditEntry ENTRY = new AuditEntry(Instant.parse("2026-03-01T10:00:00Z"), "n", "UPDATE", Map.of(), Map.of());

    @Test
    void everyScopeReadsExactlyItsDealershipsWhereverASaveIsCutOff() {
        FaultInjector faults = new FaultInjector();
        // one attempt a request: a fault is where the save stops, as a crash or a timed-out function would
        DynamoDbClient db = Backend.get().client(1, Duration.ofSeconds(10), faults);
        String table = Backend.get().freshTable(db);
        SettingsStore store = new DynamoStores(db, table, Clock.systemUTC()).settings();
        Random random = new Random(Long.getLong("members.seed", 7));
        int cutOff = 0;
        for (int round = 0; round < 120; round++) {
            String id = DEALERSHIPS.get(random.nextInt(DEALERSHIPS.size()));
            var current = store.profile(id);
            Profile before = current.map(SettingsStore.Versioned::value).orElse(Profile.unknown(id));
            // a profile's region can change but not be cleared (the contract has no way to); its group can be
            Profile after = profile(id, "Site " + round, REGIONS.get(random.nextInt(REGIONS.size())), pick(random, GROUPS));
            int at = 1 + random.nextInt(16);
            FaultInjector.Fault kind = FaultInjector.kinds().get(random.nextInt(FaultInjector.kinds().size()));
            boolean clean = round % 4 == 0;
            faults.plan(n -> clean || n != at ? FaultInjector.Fault.NONE : kind);
            try {
                store.saveProfile(before, after, current.map(SettingsStore.Versioned::version).orElse(0L), ENTRY);
            } catch (RuntimeException e) {
                cutOff++;
            } finally {
                faults.heal();
            }
            assertExact(store, "round " + round + ": " + before + " -> " + after + ", cut off at request " + at + " (" + kind + ")");
        }
        assertTrue(cutOff > 40, "most saves were cut off somewhere: " + cutOff);
        assertTrue(pending(db, table) > 0, "some saves were cut off after their marks");

        List<RuntimeException> failed = new ArrayList<>();
        store.maintainProfiles(upkeep(Instant.now().plusSeconds(1)), failed::add);
        assertEquals(List.of(), failed);
        assertEquals(0, pending(db, table), "the sweep settled every save cut off");
        assertExact(store, "after the sweep");
    }

    @Test
    void concurrentSavesOfOneProfileLeaveItsScopesExact() throws Exception {
        MemberQueries queries = new MemberQueries();
        DynamoDbClient db = Backend.get().client(queries);
        String table = Backend.get().freshTable(db);
        SettingsStore store = new DynamoStores(db, table, Clock.systemUTC()).settings();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> saves = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                Random random = new Random(t);
                saves.add(threads.submit(() -> {
                    int won = 0;
                    for (int i = 0; i < 25; i++) {
                        String id = DEALERSHIPS.get(random.nextInt(2));
                        var current = store.profile(id);
                        Profile before = current.map(SettingsStore.Versioned::value).orElse(Profile.unknown(id));
                        won += store.saveProfile(before, profile(id, "Site", REGIONS.get(random.nextInt(REGIONS.size())),
                                pick(random, GROUPS)), current.map(SettingsStore.Versioned::version).orElse(0L), ENTRY) ? 1 : 0;
                    }
                    return won;
                }));
            }
            int won = 0;
            for (Future<Integer> save : saves) {
                won += save.get();
            }
            assertTrue(won > 10 && won < 100, "saves raced and some lost: " + won + " of 100 won");
        } finally {
            threads.shutdownNow();
        }
        assertExact(store, "after the saves");
        store.maintainProfiles(upkeep(Instant.now().plusSeconds(1)), e -> { throw e; });
        assertEquals(0, pending(db, table), "what the losers marked is settled by the sweep");
        assertExact(store, "after the sweep");

        queries.count.set(0);
        store.maintainProfiles(upkeep(Instant.now().plusSeconds(1)), e -> { throw e; });
        assertEquals(0, queries.count.get(), "nothing marked since every mark was settled: no scope is read");
        var d1 = store.profile("D1").orElseThrow();
        assertTrue(store.saveProfile(d1.value(), profile("D1", "Renamed", "North", "Sytner"), d1.version(), ENTRY));
        store.maintainProfiles(upkeep(Instant.now().plusSeconds(1)), e -> { throw e; });
        assertTrue(queries.count.get() > 0, "a save since: the scopes are read again");
    }

    /** Queries of a scope's members. */
    static final class MemberQueries implements software.amazon.awssdk.core.interceptor.ExecutionInterceptor {
        final java.util.concurrent.atomic.AtomicInteger count = new java.util.concurrent.atomic.AtomicInteger();

        @Override
        public void beforeExecution(software.amazon.awssdk.core.interceptor.Context.BeforeExecution context,
                                    software.amazon.awssdk.core.interceptor.ExecutionAttributes attributes) {
            if (context.request() instanceof software.amazon.awssdk.services.dynamodb.model.QueryRequest query
                    && query.expressionAttributeValues().values().stream().anyMatch(v -> v.s() != null && v.s().startsWith("P#"))) {
                count.incrementAndGet();
            }
        }
    }

    @Test
    void profilesSavedBeforeTheCopiesAreReadFromTheProfilesUntilASweepHasBuiltThem() {
        DynamoDbClient db = Backend.get().client();
        String table = Backend.get().freshTable(db);
        SettingsStore store = new DynamoStores(db, table, Clock.systemUTC()).settings();
        for (String id : DEALERSHIPS) {
            store.saveProfile(Profile.unknown(id), profile(id, "Site", REGIONS.get(id.hashCode() % 2), GROUPS.get(id.hashCode() % 3)), 0, ENTRY);
        }
        deleteMembers(db, table); // as a table saved by the version before the copies: none of them, and no build
        SettingsStore upgraded = new DynamoStores(db, table, Clock.systemUTC()).settings();
        assertExact(upgraded, "read from the profiles before the build");

        upgraded.maintainProfiles(upkeep(Instant.now().minusSeconds(60)), e -> { throw e; });
        assertEquals(List.of(), members(db, table).stream().filter(item -> item.containsKey("built")).toList(),
                "a build begun within the grace may have missed a save by a version without copies: not built yet");
        assertExact(upgraded, "read from the profiles while building");
        // the copies are written, though not read yet: a save now keeps them as well
        Profile moved = profile("D1", "Site", "South", "Sytner");
        var d1 = upgraded.profile("D1").orElseThrow();
        assertTrue(upgraded.saveProfile(d1.value(), moved, d1.version(), ENTRY));

        upgraded.maintainProfiles(upkeep(Instant.now().plusSeconds(1)), e -> { throw e; });
        assertTrue(members(db, table).stream().anyMatch(item -> item.containsKey("built")), "built");
        SettingsStore next = new DynamoStores(db, table, Clock.systemUTC()).settings();
        assertExact(next, "read from the copies");
        assertEquals(List.of("D1"), next.profilesInGroup("SYTNER").stream().filter(p -> p.dealershipId().equals("D1"))
                .map(Profile::dealershipId).toList());
    }

    @Test
    void aSaveThatMarkedNothingIsMendedWithinTheHour() {
        DynamoDbClient db = Backend.get().client();
        String table = Backend.get().freshTable(db);
        SettingsStore store = new DynamoStores(db, table, Clock.systemUTC()).settings();
        assertTrue(store.saveProfile(Profile.unknown("D1"), profile("D1", "Site", "North", "Lookers"), 0, ENTRY));
        deleteMembers(db, table); // D1's copy in Lookers is the build's: no save recorded Lookers
        store.maintainProfiles(upkeep(Instant.now().plusSeconds(1)), e -> { throw e; });
        // as a version of the code without the members saves (a deployment rolled back): the profile alone
        db.updateItem(r -> r.tableName(table).key(Map.of(TableLayout.PK, AttributeValue.fromS(TableLayout.PROFILES_PK),
                        TableLayout.SK, AttributeValue.fromS(TableLayout.profileSk("D1"))))
                .updateExpression("SET #g = :g, #v = :v").expressionAttributeNames(Map.of("#g", TableLayout.GROUP, "#v", "ver"))
                .expressionAttributeValues(Map.of(":g", AttributeValue.fromS("Sytner"), ":v", AttributeValue.fromN("2"))));
        assertEquals(List.of("D1"), store.profilesInGroup("Lookers").stream().map(Profile::dealershipId).toList(),
                "no mark announced it: the copy is behind");

        store.maintainProfiles(upkeep(Instant.now().plusSeconds(2)), e -> { throw e; });
        assertEquals(List.of("D1"), store.profilesInGroup("Lookers").stream().map(Profile::dealershipId).toList(),
                "within the hour of the last full comparison, nothing marked: the sweep reads no member");
        Instant anHourOn = Instant.now().plus(Duration.ofMinutes(61));
        store.maintainProfiles(new Sweep.Upkeep(anHourOn, anHourOn, "v1"), e -> { throw e; });
        assertEquals(List.of(), store.profilesInGroup("Lookers"), "compared within the hour: out of the group it left");
        assertEquals(List.of("D1"), store.profilesInGroup("Sytner").stream().map(Profile::dealershipId).toList());
    }

    @Test
    void aScopeOnlyTheBuildWroteIsSweptAfterItsLastDealershipLeft() {
        FaultInjector faults = new FaultInjector();
        DynamoDbClient db = Backend.get().client(1, Duration.ofSeconds(10), faults);
        String table = Backend.get().freshTable(db);
        SettingsStore store = new DynamoStores(db, table, Clock.systemUTC()).settings();
        assertTrue(store.saveProfile(Profile.unknown("D1"), profile("D1", "Site", "North", "Lookers"), 0, ENTRY));
        deleteMembers(db, table); // as a table saved before the members: the build copies D1 into Lookers
        SettingsStore upgraded = new DynamoStores(db, table, Clock.systemUTC()).settings();
        upgraded.maintainProfiles(upkeep(Instant.now().plusSeconds(1)), e -> { throw e; });
        var d1 = upgraded.profile("D1").orElseThrow();
        // its last dealership leaves Lookers; the save is cut off after writing the profile, before its copies
        // (its requests: the mark recorded, five marks (the nation, North, Land Rover, Lookers, Sytner), the profile)
        cutOffAt(faults, 8, () -> upgraded.saveProfile(d1.value(), profile("D1", "Site", "North", "Sytner"), d1.version(), ENTRY));
        assertEquals("Sytner", upgraded.profile("D1").orElseThrow().value().group(), "the profile was written");
        assertTrue(pending(db, table) > 0, "its marks were left");
        assertExact(upgraded, "cut off");
        upgraded.maintainProfiles(upkeep(Instant.now().plusSeconds(1)), e -> { throw e; });
        assertEquals(0, pending(db, table), "Lookers, which no profile names any more, was swept too");
        assertExact(upgraded, "after the sweep");
    }

    @Test
    void aBuildBegunByAnEarlierVersionOfTheCodeBeginsAgainWithThisOne() throws Exception {
        DynamoDbClient db = Backend.get().client();
        String table = Backend.get().freshTable(db);
        SettingsStore store = new DynamoStores(db, table, Clock.systemUTC()).settings();
        assertTrue(store.saveProfile(Profile.unknown("D1"), profile("D1", "Site", "North", "Lookers"), 0, ENTRY));
        deleteMembers(db, table);
        store.maintainProfiles(upkeep(Instant.now().minus(Duration.ofMinutes(15)), "v1"), e -> { throw e; });
        Instant v1Began = Instant.parse(members(db, table).stream().filter(item -> item.containsKey("since")).findFirst()
                .orElseThrow().get("since").s());
        Thread.sleep(20);
        // v1 was rolled back days ago; v2's first sweep: v1's build began before its grace, v2's only now
        Sweep.Upkeep v2 = new Sweep.Upkeep(v1Began.plusMillis(5), v1Began.plusMillis(5), "v2");
        store.maintainProfiles(v2, e -> { throw e; });
        assertEquals(List.of(), members(db, table).stream().filter(item -> item.containsKey("built")).toList(),
                "a version without copies may still save until v2's own grace has passed");
        store.maintainProfiles(upkeep(Instant.now().plusSeconds(1), "v2"), e -> { throw e; });
        assertTrue(members(db, table).stream().anyMatch(item -> item.containsKey("built")), "built once v2's grace has passed");
    }

    @Test
    void aMarkTooRecentToSettleIsLookedForAgainAndAScopeNothingIsInIsForgotten() {
        FaultInjector faults = new FaultInjector();
        DynamoDbClient db = Backend.get().client(1, Duration.ofSeconds(10), faults);
        String table = Backend.get().freshTable(db);
        SettingsStore store = new DynamoStores(db, table, Clock.systemUTC()).settings();
        assertTrue(store.saveProfile(Profile.unknown("D1"), profile("D1", "Site", "North", "Lookers"), 0, ENTRY));
        assertTrue(store.saveProfile(Profile.unknown("D2"), profile("D2", "Site", "North", "Vauxhall"), 0, ENTRY));
        var d2 = store.profile("D2").orElseThrow();
        assertTrue(store.saveProfile(d2.value(), profile("D2", "Site", "North", null), d2.version(), ENTRY), "Vauxhall's last one leaves");
        store.maintainProfiles(upkeep(Instant.now().plusSeconds(1)), e -> { throw e; });
        assertTrue(!recordedScopes(db, table).contains(TableLayout.groupIndexPk("Vauxhall")), "nothing is in Vauxhall: forgotten");
        assertTrue(recordedScopes(db, table).contains(TableLayout.groupIndexPk("Lookers")));

        // a save cut off after its marks, before the profile (recorded, five marks, then the profile's write)
        var d1 = store.profile("D1").orElseThrow();
        cutOffAt(faults, 7, () -> store.saveProfile(d1.value(), profile("D1", "Site", "North", "Sytner"), d1.version(), ENTRY));
        assertEquals("Lookers", store.profile("D1").orElseThrow().value().group(), "the profile was not written");
        assertTrue(pending(db, table) > 0);
        // a sweep within the marks' grace leaves them (a save might still be running), and says so
        Instant now = Instant.now();
        store.maintainProfiles(new Sweep.Upkeep(now.minusSeconds(60), now, "v1"), e -> { throw e; });
        assertTrue(pending(db, table) > 0, "too recent to settle");
        store.maintainProfiles(upkeep(Instant.now().plusSeconds(1)), e -> { throw e; });
        assertEquals(0, pending(db, table), "the next sweep looked again and settled them");
        assertExact(store, "after the sweeps");
    }

    @Test
    void theNationsCopiesAreBuiltOnATableWhoseOtherScopesWereBuiltBeforeThem() {
        DynamoDbClient db = Backend.get().client();
        String table = Backend.get().freshTable(db);
        SettingsStore store = new DynamoStores(db, table, Clock.systemUTC()).settings();
        for (String id : List.of("D1", "D2", "D3")) {
            assertTrue(store.saveProfile(Profile.unknown(id), profile(id, "Site " + id, "North", "Lookers"), 0, ENTRY));
        }
        // as the version before the nation's copies left the table: the other scopes built, the nation's never written
        members(db, table).stream().filter(item -> item.get(TableLayout.PK).s().equals(NATION))
                .forEach(item -> db.deleteItem(r -> r.tableName(table).key(Map.of(TableLayout.PK, item.get(TableLayout.PK),
                        TableLayout.SK, item.get(TableLayout.SK)))));
        changeState(db, table, r -> r.updateExpression("REMOVE builtN"));
        SettingsStore upgraded = new DynamoStores(db, table, Clock.systemUTC()).settings();
        assertExact(upgraded, "read from the profiles before the nation's build");

        upgraded.maintainProfiles(upkeep(Instant.now().plusSeconds(1), "v2"), e -> { throw e; });
        assertTrue(members(db, table).stream().anyMatch(item -> item.containsKey("builtN")), "the nation's copies built");
        SettingsStore next = new DynamoStores(db, table, Clock.systemUTC()).settings();
        assertExact(next, "read from the nation's copies");

        // rolled back, the version before swept (recording itself as the code sweeping) and took the nation's
        // partition for a scope no profile names: D2 marked out at its profile's own version
        var d2 = next.profile("D2").orElseThrow();
        db.updateItem(r -> r.tableName(table).key(Map.of(TableLayout.PK, AttributeValue.fromS(NATION),
                        TableLayout.SK, AttributeValue.fromS("D2"))).updateExpression("SET #out = :out")
                .expressionAttributeNames(Map.of("#out", "out")).expressionAttributeValues(Map.of(":out", AttributeValue.fromBool(true))));
        changeState(db, table, r -> r.updateExpression("SET #code = :before").expressionAttributeNames(Map.of("#code", "code"))
                .expressionAttributeValues(Map.of(":before", AttributeValue.fromS("v-before"))));
        assertExact(next, "read from the profiles: a version that does not keep the nation's copies swept last");
        // rolled forward: the new version's sweeps compare every member, and copy D2 in again
        next.maintainProfiles(upkeep(Instant.now().minus(Duration.ofMinutes(15)), "v3"), e -> { throw e; });
        assertEquals(List.of(), comparedBy(db, table), "within its grace the version before may still save or sweep");
        assertExact(next, "read from the profiles within the new version's grace");
        next.maintainProfiles(upkeep(Instant.now().plusSeconds(1), "v3"), e -> { throw e; });
        assertEquals(d2.version(), next.profile("D2").orElseThrow().version(), "not saved since");
        assertEquals(List.of("v3"), comparedBy(db, table), "read from the copies again: compared by the version sweeping");
        assertExact(next, "after the grace");
    }

    @Test
    void aComparisonThatDidNotCompleteIsMadeByTheNextSweepNotAnHourLater() {
        DynamoDbClient db = Backend.get().client();
        String table = Backend.get().freshTable(db);
        SettingsStore store = new DynamoStores(db, table, Clock.systemUTC()).settings();
        assertTrue(store.saveProfile(Profile.unknown("D1"), profile("D1", "Site", "North", null), 0, ENTRY));
        store.maintainProfiles(upkeep(Instant.now().plusSeconds(1)), e -> { throw e; });
        assertEquals(List.of("v1"), comparedBy(db, table));
        // as a first pass of this version that failed part-way leaves the state: its version recorded, not compared
        changeState(db, table, r -> r.updateExpression("REMOVE codeN"));
        assertExact(store, "read from the profiles meanwhile");
        store.maintainProfiles(upkeep(Instant.now().plusSeconds(1)), e -> { throw e; });
        assertEquals(List.of("v1"), comparedBy(db, table), "nothing marked since, yet the next sweep compared them");
        assertExact(store, "read from the copies again");
    }

    @Test
    void aFirstSaveCutOffBeforeItsProfileLeavesNoDealershipInTheNation() {
        FaultInjector faults = new FaultInjector();
        DynamoDbClient db = Backend.get().client(1, Duration.ofSeconds(10), faults);
        String table = Backend.get().freshTable(db);
        SettingsStore store = new DynamoStores(db, table, Clock.systemUTC()).settings();
        assertTrue(store.saveProfile(Profile.unknown("D1"), profile("D1", "Site", "North", null), 0, ENTRY));
        // a new dealership's first save: the mark recorded, four marks (the nation, North, Land Rover, Lookers), then
        // the profile's write, where it stops
        cutOffAt(faults, 6, () -> store.saveProfile(Profile.unknown("D2"), profile("D2", "Site", "North", "Lookers"), 0, ENTRY));
        assertTrue(store.profile("D2").isEmpty(), "no profile was written");
        assertTrue(pending(db, table) > 0, "its marks were left");
        assertExact(store, "cut off");
        store.maintainProfiles(upkeep(Instant.now().plusSeconds(1)), e -> { throw e; });
        assertEquals(0, pending(db, table), "settled");
        assertExact(store, "after the sweep: out of every scope, the nation too");
    }

    /** Runs a save that stops at its request {@code n} (reset before it is sent), as a crash would stop it there. */
    private static void cutOffAt(FaultInjector faults, int n, Runnable save) {
        faults.plan(request -> request == n ? FaultInjector.Fault.RESET_BEFORE_SEND : FaultInjector.Fault.NONE);
        try {
            save.run();
            throw new AssertionError("the save was not cut off at its request " + n);
        } catch (RuntimeException cutOff) {
            // as planned
        } finally {
            faults.heal();
        }
    }

    private static List<String> recordedScopes(DynamoDbClient db, String table) {
        return members(db, table).stream().filter(item -> item.containsKey("scopes")).flatMap(item -> item.get("scopes").ss().stream()).toList();
    }

    private static void deleteMembers(DynamoDbClient db, String table) {
        members(db, table).forEach(item -> db.deleteItem(r -> r.tableName(table).key(Map.of(TableLayout.PK, item.get(TableLayout.PK),
                TableLayout.SK, item.get(TableLayout.SK)))));
    }

    /** Each scope's dealerships as it reads them, against the profiles read one by one. */
    private static void assertExact(SettingsStore store, String when) {
        List<Profile> profiles = DEALERSHIPS.stream().flatMap(id -> store.profile(id).stream()).map(SettingsStore.Versioned::value).toList();
        assertEquals(profiles, store.allProfiles(), "the nation, each one as its profile says, " + when);
        for (String group : GROUPS) {
            assertEquals(ids(profiles, p -> p.group() != null && p.inGroup(group)), ids(store.profilesInGroup(group), p -> true),
                    group + ", " + when);
        }
        for (String region : REGIONS) {
            assertEquals(ids(profiles, p -> region.equals(p.region())), ids(store.profilesInRegion(region.toUpperCase()), p -> true),
                    region + ", " + when);
            List<Profile> read = store.profilesInRegion(region);
            assertEquals(profiles.stream().filter(p -> region.equals(p.region())).sorted(java.util.Comparator.comparing(Profile::dealershipId)).toList(),
                    read, "each one as its profile says: " + region + ", " + when);
        }
    }

    private static TreeSet<String> ids(List<Profile> profiles, java.util.function.Predicate<Profile> in) {
        return new TreeSet<>(profiles.stream().filter(in).map(Profile::dealershipId).toList());
    }

    private static Profile profile(String id, String name, String region, String group) {
        return new Profile(id, name, region, "Land Rover", group, ZoneId.of("Europe/London"),
                new Timeline<>(List.of(new Timeline.Change<>(YearMonth.of(2026, 1), Instant.parse("2026-01-01T00:00:00Z"), 500L))), null);
    }

    /** A sweep's upkeep: saves marked before {@code settledBefore} are over, every request before it has ended. */
    private static Sweep.Upkeep upkeep(Instant settledBefore) {
        return upkeep(settledBefore, "v1");
    }

    private static Sweep.Upkeep upkeep(Instant settledBefore, String codeVersion) {
        Instant now = Instant.now();
        return new Sweep.Upkeep(settledBefore, settledBefore.isAfter(now) ? now : settledBefore, codeVersion);
    }

    private static <T> T pick(Random random, List<T> options) {
        int i = random.nextInt(options.size() + 1);
        return i == options.size() ? null : options.get(i);
    }

    private static List<Map<String, AttributeValue>> members(DynamoDbClient db, String table) {
        return db.scanPaginator(ScanRequest.builder().tableName(table).consistentRead(true).build()).items().stream()
                .filter(item -> item.get(TableLayout.PK).s().startsWith("P#")).toList();
    }

    /** Changes the scope members' state item (as another version of the code, or a cut-off pass, would leave it). */
    private static void changeState(DynamoDbClient db, String table, Consumer<UpdateItemRequest.Builder> change) {
        db.updateItem(r -> change.accept(r.tableName(table).key(Map.of(TableLayout.PK, AttributeValue.fromS("P##STATE"),
                TableLayout.SK, AttributeValue.fromS("STATE")))));
    }

    /** The version of the code that last compared every member, as the state records it. */
    private static List<String> comparedBy(DynamoDbClient db, String table) {
        return members(db, table).stream().filter(item -> item.containsKey("codeN")).map(item -> item.get("codeN").s()).toList();
    }

    private static long pending(DynamoDbClient db, String table) {
        Function<Map<String, AttributeValue>, Boolean> unsettled = item -> item.containsKey("pend") && !item.get("pend").ns().isEmpty();
        return members(db, table).stream().filter(unsettled::apply).count();
    }
}
