package com.dealerkpi.app;

import com.dealerkpi.store.DynamoStores;
import com.dealerkpi.store.TableLayout;
import com.dealerkpi.support.Backend;
import com.dealerkpi.support.Caller;
import com.dealerkpi.support.Reply;
import com.dealerkpi.support.TestApi;
import com.dealerkpi.support.TestBackend;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The all-time view starts at the dealership's first accepted update, an update answered a moment ago included,
 * however far back it is dated: on DynamoDB the activity index names it a moment later (the emulators update their
 * indexes with the write, so the index is made to answer as if it had not caught up at all).
 */
class AllTimeStartIT {

    /** The activity index as DynamoDB can answer just after a write: without it. */
    static final class ActivityIndexBehind implements ExecutionInterceptor {
        @Override
        public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
            if (context.request() instanceof QueryRequest query && TableLayout.ACTIVITY_INDEX.equals(query.indexName())
                    && context.response() instanceof QueryResponse answer) {
                return answer.toBuilder().items(List.of()).count(0).build();
            }
            return context.response();
        }
    }

    /** How many reads of an aggregate config (sort key CFG) the client sends. */
    static final class ConfigReads implements ExecutionInterceptor {
        final AtomicInteger count = new AtomicInteger();

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            if (context.request() instanceof GetItemRequest get && get.key().containsKey("sk")
                    && "CFG".equals(get.key().get("sk").s())) {
                count.incrementAndGet();
            }
        }
    }

    private final ConfigReads configReads = new ConfigReads();

    @Test
    void anUpdateDatedLongAgoAndAnsweredAMomentAgoStartsTheAllTimeView() {
        DynamoDbClient db = Backend.get().client(new ActivityIndexBehind(), configReads);
        TestApi api = new TestApi(TestBackend.current(), new DynamoStores(db, Backend.get().freshTable(db), Clock.systemUTC()),
                Clock.systemUTC());
        assertEquals(201, api.postJson(Caller.national(), "/dealerships/OLD1/agreements/A1/status",
                "{\"status\":\"Sold\",\"occurredAt\":\"2026-03-02T10:00:00Z\"}").status());
        assertEquals(201, api.postJson(Caller.national(), "/dealerships/OLD1/agreements/A0/status",
                "{\"status\":\"No Answer\",\"occurredAt\":\"2024-07-09T10:00:00Z\"}").status());
        for (String path : List.of("/dealerships/OLD1/kpi?range=all", "/dealerships/OLD1/usage?range=all",
                "/dealerships/OLD1/kpi/cohorts?range=all", "/dealerships/OLD1/kpi/sold/agreements?range=all")) {
            Reply reply = api.get(Caller.national(), path);
            assertEquals(200, reply.status(), path + " -> " + reply);
            assertEquals("2024-07-09", reply.map("range").get("from"), path);
        }
        // the last two: each dealership's row of an all-time roll-up is counted on its own, its comparison too
        for (String path : List.of("/dealerships/OLD1/kpi?range=all", "/dealerships/OLD1/kpi?range=all&format=csv",
                "/dealerships/OLD1/usage?range=all", "/dealerships/OLD1/kpi/cohorts?range=all", "/kpi?range=all&compare=previous")) {
            configReads.count.set(0);
            assertEquals(200, api.get(Caller.national(), path).status());
            assertEquals(1, configReads.count.get(), path + ": the config read once, for the start and the counts");
        }
    }
}
