package com.dealerkpi.app.counts;

import com.dealerkpi.app.common.Parallel;
import com.dealerkpi.domain.counts.Bucketing;
import com.dealerkpi.domain.counts.NetworkRegister;
import com.dealerkpi.domain.settings.Profile;
import com.dealerkpi.domain.status.Stage;
import com.dealerkpi.support.Caller;
import com.dealerkpi.support.Reply;
import com.dealerkpi.support.SwappedStores;
import com.dealerkpi.support.TestApi;
import com.dealerkpi.support.TestBackend;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.YearMonth;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

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

    @Test
    void aDifferenceInOneLookOnlyIsAnUpdateLandingBetweenItsReadsNotAMismatch() {
        // D1's recount sees one more contact than its month held: on 1 March in the first look and on 2 March in the
        // second (two updates each landing between a look's reads), then on 1 March in both
        AtomicInteger looks = new AtomicInteger();
        Verification.Report racing = verification(recountingOneMore("D1", () -> looks.incrementAndGet())).run(false, Instant.MAX);
        assertEquals(List.of(), racing.mismatches());
        assertEquals(3, racing.checked());
        Verification.Report always = verification(recountingOneMore("D1", () -> 1)).run(false, Instant.MAX);
        assertEquals(1, always.mismatches().size(), always.mismatches().toString());
        assertEquals("D1 2026-03-01 CONTACTED: recounted 2, aggregates 1", always.mismatches().get(0).toString());
    }

    @Test
    void aSaleWhoseMomentsDifferIsAMismatchThoughEveryCounterAgrees() {
        // D1's appointment a second later than its month's sale record holds it: the same day, so no counter moves,
        // but its time to convert would
        CountsStore later = changing("everyMilestone", "D1", answer -> {
            @SuppressWarnings("unchecked") Map<String, Map<Stage, Instant>> recounted =
                    new HashMap<>((Map<String, Map<Stage, Instant>>) answer);
            Map<Stage, Instant> moments = new EnumMap<>(recounted.get("A1"));
            moments.put(Stage.APPOINTED, moments.get(Stage.APPOINTED).plusSeconds(1));
            recounted.put("A1", moments);
            return recounted;
        });
        assertEquals(List.of("D1 sales of 2026-03 with their moments (time to convert): recounted 1, aggregates 1"),
                verification(later).run(false, Instant.MAX).mismatches().stream().map(String::valueOf).toList());
    }

    @Test
    void aNetworkCopyAheadOfTheMonthAsReadIsAPublicationInFlightNotAMismatch() {
        // D1's copy of March holds one more contact than the month: a publication read after the month, in flight
        Verification.Report ahead = verification(copyingOneMore("D1", Long.MAX_VALUE)).run(false, Instant.MAX);
        assertEquals(List.of(), ahead.mismatches());
        // the same copy at a version no later than the month's is wrong
        Verification.Report behind = verification(copyingOneMore("D1", 0)).run(false, Instant.MAX);
        assertEquals(List.of("D1 2026-03-01 network copy of CONTACTED: recounted 1, aggregates 2"),
                behind.mismatches().stream().map(String::valueOf).toList());
    }

    @Test
    void requestsCutOffBeforeTheyPublishedAreCompletedNotRepaired() {
        assumeFalse(TestBackend.current() instanceof TestBackend.Memory, "the in-memory store publishes nothing: it counts as it reads");
        // Sales with their milestones written and flagged: D1's month not written, D2's written but not copied (its
        // answer lost); the sweep would publish them once its grace is over
        cutOff(failing("publish", "D1"), "D1");
        cutOff(losingTheAnswer("publish", "D2"), "D2");
        assertTrue(api.stores().counts().pending() > 0, "left flagged");

        // while D1's month cannot be written, D1 is not verified (alarmed as such), nor repaired for what may be
        // in flight only
        Verification.Report stuck = verification(failing("publish", "D1")).run(true, Instant.MAX);
        assertEquals(List.of(), stuck.mismatches().stream().filter(mismatch -> mismatch.dealershipId().equals("D1")).toList());
        assertEquals(List.of(), stuck.rebuilt());
        assertEquals(1, stuck.unchecked());
        assertTrue(stuck.failures().stream().anyMatch(failure -> failure.startsWith("D1: differs, with flagged changes not published")),
                stuck.failures().toString());

        Verification.Report report = verification(api.stores().counts()).run(true, Instant.MAX);
        assertEquals(List.of(), report.mismatches(), "changes in flight, published, not mismatches");
        assertEquals(List.of(), report.rebuilt());
        assertEquals(3, report.checked());
        assertEquals(0, api.stores().counts().pending(), "published, as a retry would have");
        for (String dealership : List.of("D1", "D2")) {
            Object sold = api.get(Caller.national(), "/dealerships/" + dealership + "/kpi?range=custom&from=2026-01-01&to=2026-06-30")
                    .map("counts").get("sold");
            assertEquals(2, ((Number) sold).intValue(), dealership);
        }
    }

    private void cutOff(CountsStore counts, String dealershipId) {
        TestApi cutOff = new TestApi(TestBackend.current(), SwappedStores.withCounts(api.stores(), counts), Clock.systemUTC());
        Reply sold = cutOff.postJson(Caller.national(), "/dealerships/" + dealershipId + "/agreements/A2/status",
                "{\"status\":\"Sold\",\"occurredAt\":\"2026-03-02T10:00:00Z\"}");
        assertTrue(sold.status() >= 500, sold.toString());
    }

    private CountsStore.Verification recorded() {
        return api.stores().counts().status().lastVerification().orElseThrow();
    }

    private Verification verification(CountsStore counts) {
        Aggregates aggregates = new Aggregates(counts, id -> new Bucketing(Profile.DEFAULT_ZONE, null),
                new Parallel(Runnable::run), Clock.systemUTC(), java.time.Duration.ZERO);
        return new Verification(counts, aggregates, api.stores().reports(), Clock.systemUTC(), () -> { });
    }

    /** The store, whose every recount of one dealership finds one more contact on the day of March 2026 {@code day} gives. */
    private CountsStore recountingOneMore(String dealershipId, IntSupplier day) {
        return changing("everyMilestone", dealershipId, answer -> {
            @SuppressWarnings("unchecked") Map<String, Map<Stage, Instant>> recounted =
                    new HashMap<>((Map<String, Map<Stage, Instant>>) answer);
            recounted.put("not-counted", Map.of(Stage.CONTACTED,
                    LocalDate.of(2026, 3, day.getAsInt()).atTime(10, 0).toInstant(ZoneOffset.UTC)));
            return recounted;
        });
    }

    /** The store, whose copies of one dealership's March 2026 hold one more contact on the 1st, at {@code version}. */
    private CountsStore copyingOneMore(String dealershipId, long version) {
        return changing("copies", dealershipId, answer -> {
            CountsStore.Copies copies = (CountsStore.Copies) answer;
            NetworkRegister march = copies.months().get(YearMonth.of(2026, 3));
            Map<Stage, long[]> byDay = new EnumMap<>(march.byDay());
            long[] contacted = byDay.get(Stage.CONTACTED).clone();
            contacted[1]++;
            byDay.put(Stage.CONTACTED, contacted);
            Map<YearMonth, NetworkRegister> months = new TreeMap<>(copies.months());
            months.put(YearMonth.of(2026, 3), new NetworkRegister(march.generation(), version, byDay));
            return new CountsStore.Copies(copies.listing(), months);
        });
    }

    /** The store, whose every read of one dealership's months fails. */
    private CountsStore failingFor(String dealershipId) {
        return failing("allMonths", dealershipId);
    }

    /** The store, whose every call of {@code method} for one dealership fails before it is sent. */
    private CountsStore failing(String method, String dealershipId) {
        CountsStore counts = api.stores().counts();
        return (CountsStore) Proxy.newProxyInstance(CountsStore.class.getClassLoader(), new Class<?>[]{CountsStore.class},
                (proxy, called, args) -> {
                    if (called.getName().equals(method) && dealershipId.equals(args[0])) {
                        throw new IllegalStateException("the store is down");
                    }
                    try {
                        return called.invoke(counts, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** The store, whose every call of {@code method} for one dealership is applied and its answer lost. */
    private CountsStore losingTheAnswer(String method, String dealershipId) {
        return changing(method, dealershipId, answer -> {
            throw new IllegalStateException("the connection was reset");
        });
    }

    /** The store, with what {@code method} answers for one dealership changed by {@code change}. */
    private CountsStore changing(String method, String dealershipId, UnaryOperator<Object> change) {
        CountsStore counts = api.stores().counts();
        return (CountsStore) Proxy.newProxyInstance(CountsStore.class.getClassLoader(), new Class<?>[]{CountsStore.class},
                (proxy, called, args) -> {
                    Object answer;
                    try {
                        answer = called.invoke(counts, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    return called.getName().equals(method) && dealershipId.equals(args[0]) ? change.apply(answer) : answer;
                });
    }
}
