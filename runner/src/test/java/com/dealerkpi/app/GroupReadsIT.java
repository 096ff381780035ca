package com.dealerkpi.app;

import com.dealerkpi.store.DynamoStores;
import com.dealerkpi.store.TableLayout;
import com.dealerkpi.support.Backend;
import com.dealerkpi.support.Caller;
import com.dealerkpi.support.TestApi;
import com.dealerkpi.support.TestBackend;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a dealer group's managers may see follows the profiles the moment they change, so every read of the profiles
 * their requests make (the access check's, the group roll-up's) must be consistent and from the table, not an index
 * (which DynamoDB updates a moment later; the local stores hide that, so it is checked on the requests themselves).
 */
class GroupReadsIT {
    private static final ProfileReads READS = new ProfileReads();
    private static TestApi api;

    /** Every read of the profiles' partition the client sends, and whether it is consistent. */
    static final class ProfileReads implements ExecutionInterceptor {
        private final List<String> all = Collections.synchronizedList(new ArrayList<>());
        private final List<String> inconsistent = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            SdkRequest request = context.request();
            if (request instanceof QueryRequest query && query.expressionAttributeValues().values().contains(PROFILES)) {
                record("Query" + (query.indexName() == null ? "" : " on " + query.indexName()),
                        Boolean.TRUE.equals(query.consistentRead()) && query.indexName() == null);
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

    private static final AttributeValue PROFILES = AttributeValue.fromS(TableLayout.PROFILES_PK);

    @BeforeAll
    static void start() {
        DynamoDbClient db = Backend.get().client(READS);
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
}
