package com.dealerkpi.app;

import com.dealerkpi.store.DynamoStores;
import com.dealerkpi.store.TableLayout;
import com.dealerkpi.support.Backend;
import com.dealerkpi.support.Caller;
import com.dealerkpi.support.Reply;
import com.dealerkpi.support.TestApi;
import com.dealerkpi.support.TestBackend;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a dealer group's managers may see follows the profiles the moment they change, so every read of the profiles
 * their requests make must be consistent and from the table (the local stores hide an index's lag, so it is checked
 * on the requests themselves). A region's or a group's table takes its dealerships as their profiles say now, not
 * as an index of them (DynamoDB updates it a moment after the profile) does: a dealership that has just left is out
 * of it, though the index still names it, and one that has just joined is in, though the index does not name it yet.
 */
class GroupReadsIT {
    private static final ProfileReads READS = new ProfileReads();
    private static final LaggingIndex LAGGING = new LaggingIndex();
    private static TestApi api;

    /** Every read of the profiles' partition (or of a scope's copies of them) the client sends, and whether it is consistent. */
    static final class ProfileReads implements ExecutionInterceptor {
        private final List<String> all = Collections.synchronizedList(new ArrayList<>());
        private final List<String> inconsistent = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            SdkRequest request = context.request();
            if (request instanceof QueryRequest query && query.expressionAttributeValues().values().contains(PROFILES)) {
                record("Query" + (query.indexName() == null ? "" : " on " + query.indexName()),
                        Boolean.TRUE.equals(query.consistentRead()) && query.indexName() == null);
            } else if (request instanceof QueryRequest query && query.expressionAttributeValues().values().stream()
                    .anyMatch(value -> value.s() != null && value.s().startsWith("P#"))) {
                // a region's, brand's or group's copies of its profiles
                record("Query of a scope's members", Boolean.TRUE.equals(query.consistentRead()) && query.indexName() == null);
            } else if (request instanceof QueryRequest query && TableLayout.GROUP_INDEX.equals(query.indexName())) {
                // names the dealerships only: their profiles are then read by key, consistently (checked below)
                all.add("Query on " + query.indexName());
            } else if (request instanceof GetItemRequest get && PROFILES.equals(get.key().get(TableLayout.PK))) {
                record("GetItem " + get.key(), Boolean.TRUE.equals(get.consistentRead()));
            } else if (request instanceof BatchGetItemRequest batch && batch.requestItems().values().stream()
                    .anyMatch(keys -> keys.keys().stream().anyMatch(key -> PROFILES.equals(key.get(TableLayout.PK))))) {
                record("BatchGetItem", batch.requestItems().values().stream().allMatch(keys -> Boolean.TRUE.equals(keys.consistentRead())));
            }
        }

        private void record(String read, boolean consistent) {
            all.add(read);
            if (!consistent) {
                inconsistent.add(read);
            }
        }

        List<String> inconsistentDuring(Runnable work) {
            all.clear();
            inconsistent.clear();
            work.run();
            assertTrue(!all.isEmpty(), "the profiles were read");
            return List.copyOf(inconsistent);
        }
    }

    /**
     * A profile index as DynamoDB can answer for a moment after a profile changed region or group: still naming, under
     * the one it left, a dealership that has left, or not yet naming, under the one it joined, one that has joined
     * (the emulators update their indexes with the write).
     */
    static final class LaggingIndex implements ExecutionInterceptor {
        private volatile String departed;
        private volatile String joined;
        private volatile String index;
        private volatile String from;

        /** Runs {@code work} while the index answers as if {@code joined} were not yet under {@code to}. */
        void whileNotYetIn(String index, String to, String joined, Runnable work) {
            lagging(index, to, null, joined, work);
        }

        /** Runs {@code work} while the index answers as if {@code departed} were still under {@code from}. */
        void whileBehind(String index, String from, String departed, Runnable work) {
            lagging(index, from, departed, null, work);
        }

        private void lagging(String index, String key, String departed, String joined, Runnable work) {
            this.index = index;
            this.from = key;
            this.departed = departed;
            this.joined = joined;
            try {
                work.run();
            } finally {
                this.departed = null;
                this.joined = null;
            }
        }

        @Override
        public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
            String unseen = joined;
            if (unseen != null && context.request() instanceof QueryRequest query && index.equals(query.indexName())
                    && query.expressionAttributeValues().containsValue(AttributeValue.fromS(from))
                    && context.response() instanceof QueryResponse answer) {
                List<Map<String, AttributeValue>> items = answer.items().stream()
                        .filter(item -> !AttributeValue.fromS(unseen).equals(item.get(TableLayout.DEALERSHIP_ID))).toList();
                return answer.toBuilder().items(items).count(items.size()).build();
            }
            String stale = departed;
            if (stale != null && context.request() instanceof QueryRequest query && index.equals(query.indexName())
                    && query.expressionAttributeValues().containsValue(AttributeValue.fromS(from))
                    && context.response() instanceof QueryResponse answer) {
                List<Map<String, AttributeValue>> items = new ArrayList<>(answer.items());
                items.add(Map.of(TableLayout.DEALERSHIP_ID, AttributeValue.fromS(stale)));
                return answer.toBuilder().items(items).count(items.size()).build();
            }
            return context.response();
        }
    }

    private static final AttributeValue PROFILES = AttributeValue.fromS(TableLayout.PROFILES_PK);

    @BeforeAll
    static void start() {
        DynamoDbClient db = Backend.get().client(READS, LAGGING);
        api = new TestApi(TestBackend.current(), new DynamoStores(db, Backend.get().freshTable(db), Clock.systemUTC()),
                Clock.systemUTC());
        for (String d : List.of("G1", "G2", "X1")) {
            assertEquals(201, api.putJson(Caller.national(), "/dealerships/" + d + "/profile",
                    "{\"region\":\"North\",\"group\":\"" + (d.startsWith("G") ? "Arnold Clark" : "Lookers") + "\"}").status());
            assertEquals(201, api.postJson(Caller.national(), "/dealerships/" + d + "/agreements/A1/status",
                    "{\"status\":\"Sold\",\"occurredAt\":\"2026-03-02T10:00:00Z\"}").status());
        }
    }

    @Test
    void whatAGroupsManagersMaySeeIsDecidedByConsistentReadsOfTheProfiles() {
        Caller managers = Caller.groupManager("Arnold Clark");
        for (String path : List.of("/groups/Arnold%20Clark/kpi", "/groups/Arnold%20Clark/kpi?range=all&compare=last-year",
                "/dealerships/G1/kpi", "/dealerships/G1/usage", "/dealerships/G1/kpi/cohorts", "/dealerships/G1/kpi/sold/agreements",
                "/dealerships/G1/agreements/A1", "/dealerships/X1/kpi")) {
            assertEquals(List.of(), READS.inconsistentDuring(() -> api.get(managers, path)), path);
        }
    }

    @Test
    void aRegionsTableFollowsTheProfilesNotTheIndexAMomentBehindThem() {
        assertEquals(200, api.putJson(Caller.national(), "/dealerships/X1/profile", "{\"region\":\"South\"}").status());
        LAGGING.whileBehind(TableLayout.REGION_INDEX, TableLayout.regionIndexPk("North"), "X1", () -> {
            Reply north = api.get(Caller.national(), "/regions/North/kpi?range=all");
            assertEquals(List.of("G1", "G2"), north.list("dealerships").stream().map(row -> row.get("dealershipId")).sorted().toList(),
                    "X1 left North a moment ago: out of its table, though the index still names it");
            assertEquals(List.of("Arnold Clark", "Arnold Clark"), north.list("dealerships").stream().map(row -> row.get("group")).toList(),
                    "each row's group, which the index does not hold");
            Reply south = api.get(Caller.national(), "/regions/South/kpi?range=all");
            assertEquals(200, south.status(), south.toString());
            assertEquals(List.of("X1"), south.list("dealerships").stream()
                    .map(row -> row.get("dealershipId")).toList());
        });
    }

    @Test
    void aDealershipThatHasJustJoinedIsInItsTablesThoughTheIndexesDoNotNameItYet() {
        assertEquals(200, api.putJson(Caller.national(), "/dealerships/X1/profile",
                "{\"region\":\"East\",\"group\":\"Arnold Clark\"}").status());
        try {
            LAGGING.whileNotYetIn(TableLayout.REGION_INDEX, TableLayout.regionIndexPk("East"), "X1", () ->
                    assertEquals(List.of("X1"), api.get(Caller.national(), "/regions/East/kpi?range=all").list("dealerships")
                            .stream().map(row -> row.get("dealershipId")).toList(), "X1 joined East a moment ago"));
            LAGGING.whileNotYetIn(TableLayout.GROUP_INDEX, TableLayout.groupIndexPk("Arnold Clark"), "X1", () ->
                    assertEquals(List.of("G1", "G2", "X1"), api.get(Caller.groupManager("Arnold Clark"), "/groups/Arnold%20Clark/kpi?range=all")
                            .list("dealerships").stream().map(row -> row.get("dealershipId")).sorted().toList(),
                            "X1 joined Arnold Clark a moment ago"));
        } finally {
            assertEquals(200, api.putJson(Caller.national(), "/dealerships/X1/profile",
                    "{\"region\":\"North\",\"group\":\"Lookers\"}").status());
        }
    }

    @Test
    void aGroupsTableFollowsTheProfilesNotTheIndexAMomentBehindThem() {
        assertEquals(200, api.putJson(Caller.national(), "/dealerships/G2/profile", "{\"group\":\"Lookers\"}").status());
        try {
            LAGGING.whileBehind(TableLayout.GROUP_INDEX, TableLayout.groupIndexPk("Arnold Clark"), "G2", () -> {
                for (Caller caller : List.of(Caller.groupManager("Arnold Clark"), Caller.national())) {
                    Reply arnoldClark = api.get(caller, "/groups/Arnold%20Clark/kpi?range=all");
                    assertEquals(List.of("G1"), arnoldClark.list("dealerships").stream().map(row -> row.get("dealershipId")).toList(),
                            "G2 left Arnold Clark a moment ago: out of its table, though the index still names it (" + caller + ")");
                }
                Reply lookers = api.get(Caller.groupManager("Lookers"), "/groups/Lookers/kpi?range=all");
                assertEquals(List.of("G2", "X1"), lookers.list("dealerships").stream().map(row -> row.get("dealershipId")).sorted().toList());
            });
        } finally {
            assertEquals(200, api.putJson(Caller.national(), "/dealerships/G2/profile", "{\"group\":\"Arnold Clark\"}").status());
        }
    }
}
