package com.dealerkpi.app;

import com.dealerkpi.lambda.AggregatesFunction;
import com.dealerkpi.store.DynamoStores;
import com.dealerkpi.support.Backend;
import com.dealerkpi.support.Caller;
import com.dealerkpi.support.Reply;
import com.dealerkpi.support.TestApi;
import com.dealerkpi.support.TestBackend;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a status update costs in DynamoDB requests, with the aggregates kept: counted by an interceptor on the client,
 * each request by operation, and held to the budget (a Sold on a new agreement at most 16; an update that changes no
 * milestone at most 6). The functions are wired as deployed (a dealership's aggregate config read once a minute), and
 * the dealership has had an update in the execution environment already, as it has after its first.
 */
class RequestBudgetIT {
    private static final Requests REQUESTS = new Requests();
    private static final MovableClock CLOCK = new MovableClock();
    private static TestApi api;

    /** Every request the client sends, by operation. */
    static final class Requests implements ExecutionInterceptor {
        private final List<String> sent = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            sent.add(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
        }

        List<String> during(Runnable work) {
            sent.clear();
            work.run();
            return List.copyOf(sent);
        }
    }

    @BeforeAll
    static void start() {
        DynamoDbClient db = Backend.get().client(REQUESTS);
        api = new TestApi(TestBackend.current(), new DynamoStores(db, Backend.get().freshTable(db), CLOCK), CLOCK,
                com.dealerkpi.lambda.Wiring.Reuse.DEPLOYED);
        assertEquals(201, post("warm-up", "Contacted", "2026-03-01T09:00:00Z", null).status());
    }

    private static Reply post(String agreement, String status, String at, String key) {
        String body = "{\"status\":\"" + status + "\",\"occurredAt\":\"" + at + "\"}";
        String path = "/dealerships/B1/agreements/" + agreement + "/status";
        return key == null ? api.postJson(Caller.dealer("B1"), path, body) : api.postJson(Caller.dealer("B1"), path, body, key);
    }

    private static List<String> cost(String agreement, String status, String at, String key, int expectedStatus) {
        return REQUESTS.during(() -> assertEquals(expectedStatus, post(agreement, status, at, key).status()));
    }

    @Test
    void aSoldOnANewAgreementCostsFifteenRequestsAndSixteenWithAKey() {
        List<String> unkeyed = cost("new-1", "Sold", "2026-03-02T10:00:00Z", null, 201);
        System.out.println("Sold on a new agreement: " + unkeyed.size() + " requests " + unkeyed);
        // the history; 4 milestones, and the day's usage with its flag cleared; the agreement read back; the month
        // (counts, sale and cohort records), then its copy in the network's month and its summary at once; 4
        // milestone flags
        assertEquals(List.of("PutItem", "Query", "UpdateItem", "UpdateItem", "UpdateItem", "UpdateItem", "UpdateItem",
                "UpdateItem", "UpdateItem", "UpdateItem", "UpdateItem", "UpdateItem", "UpdateItem", "UpdateItem", "UpdateItem"),
                unkeyed.stream().sorted().toList());
        List<String> keyed = cost("new-2", "Sold", "2026-03-02T10:00:00Z", "k-new-2", 201);
        System.out.println("Sold on a new agreement with an Idempotency-Key: " + keyed.size() + " requests " + keyed);
        // the key's claim and the stored answer, which clears the usage flag in the same write
        assertEquals(List.of("PutItem", "PutItem", "Query", "UpdateItem", "UpdateItem", "UpdateItem", "UpdateItem",
                "UpdateItem", "UpdateItem", "UpdateItem", "UpdateItem", "UpdateItem", "UpdateItem", "UpdateItem", "UpdateItem",
                "UpdateItem"), keyed.stream().sorted().toList());
        List<String> contacted = cost("new-3", "Contacted", "2026-03-02T10:00:00Z", null, 201);
        System.out.println("Contacted on a new agreement: " + contacted.size() + " requests " + contacted);
        assertEquals(9, contacted.size(), contacted.toString());
    }

    @Test
    void aDealershipsConfigIsReadAgainOnceItsReusePeriodHasPassed() {
        assertFalse(cost("reuse-1", "Contacted", "2026-03-05T10:00:00Z", null, 201).contains("GetItem"),
                "read by an update less than a minute ago");
        CLOCK.moveOn(AggregatesFunction.CONFIG_REUSE);
        List<String> later = cost("reuse-2", "Contacted", "2026-03-05T10:00:00Z", null, 201);
        assertEquals(1, Collections.frequency(later, "GetItem"), later.toString());
        assertFalse(cost("reuse-3", "Contacted", "2026-03-05T10:00:00Z", null, 201).contains("GetItem"), "and reused again");
    }

    @Test
    void anUpdateThatChangesNoMilestoneCostsAtMostSixRequests() {
        assertEquals(201, post("same-1", "Contacted", "2026-03-03T10:00:00Z", null).status());
        List<String> later = cost("same-1", "Contacted", "2026-03-04T10:00:00Z", null, 201);
        System.out.println("an update that changes no milestone: " + later.size() + " requests " + later);
        // the history, then the refused milestone write, whose answer carries the item as it is (DynamoDB and moto;
        // dynalite 4.0.0 does not return it, so the store reads it: one GetItem more), beside it the usage count and
        // its flag cleared
        List<String> sorted = later.stream().sorted().toList();
        assertTrue(sorted.equals(List.of("PutItem", "UpdateItem", "UpdateItem", "UpdateItem"))
                || sorted.equals(List.of("GetItem", "PutItem", "UpdateItem", "UpdateItem", "UpdateItem")), later.toString());
        List<String> nonKpi = cost("same-1", "No Answer", "2026-03-04T11:00:00Z", null, 201);
        System.out.println("a status that is no KPI stage: " + nonKpi.size() + " requests " + nonKpi);
        assertEquals(List.of("PutItem", "UpdateItem", "UpdateItem"), nonKpi.stream().sorted().toList(),
                "the history, the usage count and its flag");
    }

    /** The system clock, moved on by a test. */
    private static final class MovableClock extends Clock {
        private volatile Duration offset = Duration.ZERO;

        void moveOn(Duration by) {
            offset = offset.plus(by);
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(offset);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("UTC only");
        }
    }
}
