package com.dealerkpi.store;

import com.dealerkpi.app.common.StoreUnavailableException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reads of more than 100 keys: every item once, on the caller's thread, the requests in flight together (at most 9);
 * keys left unprocessed asked again, not forever.
 */
class BatchReadsTest {
    private static final String TABLE = "t";

    /** A table that answers each BatchGetItem as {@code answer} says: the keys it returns, the rest left unprocessed. */
    private record Table(Function<List<Map<String, AttributeValue>>, List<Map<String, AttributeValue>>> answer,
                         List<Integer> sizes) implements DynamoDbClient {
        @Override
        public BatchGetItemResponse batchGetItem(BatchGetItemRequest request) {
            List<Map<String, AttributeValue>> asked = request.requestItems().get(TABLE).keys();
            assertTrue(request.requestItems().get(TABLE).consistentRead(), "consistent");
            sizes.add(asked.size());
            List<Map<String, AttributeValue>> found = answer.apply(asked);
            List<Map<String, AttributeValue>> left = asked.stream().filter(key -> !found.contains(key)).toList();
            return BatchGetItemResponse.builder().responses(Map.of(TABLE, found))
                    .unprocessedKeys(left.isEmpty() ? Map.of() : Map.of(TABLE, KeysAndAttributes.builder().keys(left).consistentRead(true).build()))
                    .build();
        }

        @Override
        public String serviceName() {
            return "dynamodb";
        }

        @Override
        public void close() {
        }
    }

    private static List<Map<String, AttributeValue>> keys(int count) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            keys.add(Map.of("pk", AttributeValue.fromS("K" + i)));
        }
        return keys;
    }

    @Test
    void manyKeysAreReadInRequestsOf100AndEveryItemReachesTheCallerOnce() {
        Set<Map<String, AttributeValue>> answeredOnce = Collections.synchronizedSet(new HashSet<>());
        List<Integer> sizes = Collections.synchronizedList(new ArrayList<>());
        // each request's second half is left unprocessed the first time it is asked
        Table table = new Table(asked -> {
            List<Map<String, AttributeValue>> found = new ArrayList<>();
            for (Map<String, AttributeValue> key : asked) {
                if (!answeredOnce.add(key) || asked.indexOf(key) < asked.size() / 2) {
                    found.add(key);
                }
            }
            return found;
        }, sizes);
        Thread caller = Thread.currentThread();
        List<String> read = new ArrayList<>();
        BatchReads.readAll(table, TABLE, keys(250), "read", item -> {
            assertEquals(caller, Thread.currentThread(), "the sink runs on the caller's thread");
            read.add(item.get("pk").s());
        });
        assertEquals(250, read.size());
        assertEquals(250, new HashSet<>(read).size(), "each item once");
        assertEquals(List.of(25, 50, 50, 50, 100, 100), sizes.stream().sorted().toList(),
                "3 requests of at most 100 (100, 100, 50), the half each left unprocessed asked again");
    }

    @Test
    void theRequestsOfOneReadAreInFlightTogether() {
        CountDownLatch asked = new CountDownLatch(3);
        // each request waits for the other two: sent one after another, the first would wait alone and fail
        Table together = new Table(keys -> {
            asked.countDown();
            try {
                assertTrue(asked.await(10, TimeUnit.SECONDS), "the three requests of 250 keys in flight at once");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            return keys;
        }, Collections.synchronizedList(new ArrayList<>()));
        List<String> read = new ArrayList<>();
        BatchReads.readAll(together, TABLE, keys(250), "read", item -> read.add(item.get("pk").s()));
        assertEquals(250, read.size());
    }

    @Test
    void atMostNineRequestsOfOneReadAreInFlight() {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        Table slow = new Table(keys -> {
            most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } finally {
                inFlight.decrementAndGet();
            }
            return keys;
        }, Collections.synchronizedList(new ArrayList<>()));
        List<String> read = new ArrayList<>();
        BatchReads.readAll(slow, TABLE, keys(1_500), "read", item -> read.add(item.get("pk").s()));
        assertEquals(1_500, read.size());
        assertTrue(most.get() <= 9, most.get() + " requests in flight: 8 on the pool and the caller's own, no more");
    }

    @Test
    void keysThatStayUnprocessedFailTheReadAfterFiveMoreRounds() {
        AtomicInteger requests = new AtomicInteger();
        Table overloaded = new Table(asked -> {
            requests.incrementAndGet();
            return List.of();
        }, Collections.synchronizedList(new ArrayList<>()));
        assertThrows(StoreUnavailableException.class, () -> BatchReads.readAll(overloaded, TABLE, keys(3), "read", item -> { }));
        assertEquals(6, requests.get());
    }
}
