package com.dealerkpi.app.counts;

import com.dealerkpi.app.common.Parallel;
import com.dealerkpi.domain.counts.Bucketing;
import com.dealerkpi.domain.settings.Profile;
import com.dealerkpi.support.Caller;
import com.dealerkpi.support.Reply;
import com.dealerkpi.support.TestApi;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A verification checks every dealership it can and says which it could not: it never stops at the first trouble. */
@Tag("stores")
class VerificationTest {
    private final TestApi api = TestApi.fresh();

    @BeforeEach
    void threeDealershipsWithASale() {
        for (String dealership : List.of("D0", "D1", "D2")) {
            Reply sold = api.postJson(Caller.national(), "/dealerships/" + dealership + "/agreements/A1/status",
                    "{\"status\":\"Sold\",\"occurredAt\":\"2026-03-01T10:00:00Z\"}");
            assertEquals(201, sold.status(), sold.toString());
        }
        assertEquals(3, api.verifyAggregates().checked());
    }

    @Test
    void aDealershipThatCannotBeRecountedIsReportedAndTheOthersAreStillChecked() {
        Verification.Report report = verification(failingFor("D1")).run(false, Instant.MAX);
        assertEquals(2, report.checked());
        assertEquals(1, report.unchecked());
        assertEquals(List.of("D1: the store is down"), report.failures());
        assertEquals(List.of(), report.mismatches());
        assertEquals(1, recorded().unchecked(), "recorded, as GET /admin/aggregates shows it");
        assertEquals(2, recorded().checked());
    }

    @Test
    void aRunOutOfTimeRecordsWhatItCheckedAndHowManyItDidNotReach() {
        Verification.Report report = verification(api.stores().counts()).run(false, Instant.now().minusSeconds(1));
        assertEquals(0, report.checked());
        assertEquals(3, report.unchecked());
        assertEquals(List.of("3 dealerships from D0 on: out of time"), report.failures());
        assertEquals(3, recorded().unchecked());
    }

    private CountsStore.Verification recorded() {
        return api.stores().counts().status().lastVerification().orElseThrow();
    }

    private Verification verification(CountsStore counts) {
        Aggregates aggregates = new Aggregates(counts, id -> new Bucketing(Profile.DEFAULT_ZONE, null),
                new Parallel(Runnable::run), Clock.systemUTC());
        return new Verification(counts, aggregates, api.stores().reports(), Clock.systemUTC(), () -> { });
    }

    /** The store, whose every read of one dealership's months fails. */
    private CountsStore failingFor(String dealershipId) {
        CountsStore counts = api.stores().counts();
        return (CountsStore) Proxy.newProxyInstance(CountsStore.class.getClassLoader(), new Class<?>[]{CountsStore.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("allMonths") && dealershipId.equals(args[0])) {
                        throw new IllegalStateException("the store is down");
                    }
                    try {
                        return method.invoke(counts, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
