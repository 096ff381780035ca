package com.dealerkpi.app.report;

import com.dealerkpi.app.common.Parallel;
import com.dealerkpi.app.counts.Aggregates;
import com.dealerkpi.app.counts.CountsStore;
import com.dealerkpi.domain.Months;
import com.dealerkpi.domain.access.Caller;
import com.dealerkpi.domain.counts.AggregateConfig;
import com.dealerkpi.domain.counts.Bucketing;
import com.dealerkpi.domain.report.CompareWith;
import com.dealerkpi.domain.report.RangeRequest;
import com.dealerkpi.domain.report.RollUp;
import com.dealerkpi.domain.settings.AuditEntry;
import com.dealerkpi.domain.settings.Profile;
import com.dealerkpi.domain.settings.Timeline;
import com.dealerkpi.domain.status.Stage;
import com.dealerkpi.support.InMemoryStores;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A roll-up is complete or refused: never a silent subset of its dealerships, never unbounded in time. */
class RollUpsTest {
    private static final RangeRequest YTD = RangeRequest.parse(Optional.empty(), Optional.empty(), Optional.empty());
    private static final Caller NATIONAL = Caller.national("test-national");

    private final InMemoryStores stores = new InMemoryStores();
    private final ExecutorService fanOut = Executors.newFixedThreadPool(4);
    private final AtomicInteger counted = new AtomicInteger();
    /** Holds every read of the registry until counted down (at once, unless a test says otherwise). */
    private volatile CountDownLatch registry = new CountDownLatch(0);
    /** Likewise, every read of the network's copies. */
    private volatile CountDownLatch network = new CountDownLatch(0);
    /** What every read of the registry throws, if anything. */
    private volatile RuntimeException registryFails;

    @AfterEach
    void stop() {
        fanOut.shutdownNow();
    }

    @Test
    void everyDealershipIsReportedWhateverTheFanOut() {
        for (int d = 0; d < 40; d++) {
            register("D" + d);
        }
        RollUp national = rollUps(Duration.ZERO, Duration.ofSeconds(30)).national(new RollUps.Query(NATIONAL, YTD, RollUp.Sort.NAME, Optional.empty()));
        assertEquals(40, national.dealerships().size());
        assertEquals(40 * 4, counted.get(), "four stage counts per dealership");
    }

    @Test
    void aRollUpHoldsOnlyTheDealershipsItsCallerMaySee() {
        for (int d = 0; d < 5; d++) {
            register("D" + d);
        }
        RollUp seenByD3 = rollUps(Duration.ZERO, Duration.ofSeconds(30))
                .national(new RollUps.Query(Caller.dealership("staff-of-D3", "D3"), YTD, RollUp.Sort.NAME, Optional.empty()));
        assertEquals(List.of("D3"), seenByD3.dealerships().stream().map(row -> row.report().dealershipId()).toList());
        assertEquals(4, counted.get(), "no other dealership was read");
    }

    @Test
    void aRollUpPastItsBudgetIsRefusedAndStopsReading() throws InterruptedException {
        for (int d = 0; d < 40; d++) {
            register("D" + d);
        }
        // 160 counts of 20 ms on 4 threads need 800 ms
        RollUps rollUps = rollUps(Duration.ofMillis(20), Duration.ofMillis(200));
        RollUpTimeoutException refused = assertThrows(RollUpTimeoutException.class,
                () -> rollUps.national(new RollUps.Query(NATIONAL, YTD, RollUp.Sort.NAME, Optional.empty())));
        assertTrue(refused.getMessage().contains("40 dealerships"), refused.getMessage());
        assertTrue(refused.getMessage().contains("/regions/{region}/kpi"), "national may ask for a region: " + refused.getMessage());
        fanOut.shutdown();
        assertTrue(fanOut.awaitTermination(10, TimeUnit.SECONDS));
        // the dealerships not yet started when it was refused were skipped, not read
        assertTrue(counted.get() < 40 * 4 / 2, counted.get() + " stage counts read");
    }

    @Test
    void aNationalRollUpWhoseRegistryDoesNotAnswerIsRefusedWithinItsBudgetAndStopsIt() throws InterruptedException {
        for (int d = 0; d < 3; d++) {
            register("D" + d);
        }
        registry = new CountDownLatch(1);
        RollUps rollUps = rollUps(Duration.ZERO, Duration.ofMillis(200));
        try {
            RollUpTimeoutException refused = assertTimeoutPreemptively(Duration.ofSeconds(10),
                    () -> assertThrows(RollUpTimeoutException.class,
                            () -> rollUps.national(new RollUps.Query(NATIONAL, YTD, RollUp.Sort.NAME, Optional.empty()))),
                    "waited for the registry past the roll-up's budget");
            assertTrue(refused.getMessage().startsWith("The national roll-up could not be completed within"), refused.getMessage());
            // cancelled before it began, or interrupted: either way nothing is left on the fan-out's threads
            fanOut.shutdown();
            assertTrue(fanOut.awaitTermination(10, TimeUnit.SECONDS), "the registry's read was left running");
        } finally {
            registry.countDown();
        }
    }

    @Test
    void aRollUpThatFailsStopsTheOtherReadsItStarted() throws InterruptedException {
        register("D0");
        network = new CountDownLatch(1);
        registryFails = new IllegalStateException("the registry is down");
        RollUps rollUps = rollUps(Duration.ZERO, Duration.ofSeconds(30));
        try {
            IllegalStateException failed = assertThrows(IllegalStateException.class,
                    () -> rollUps.national(new RollUps.Query(NATIONAL, YTD, RollUp.Sort.NAME, Optional.empty())));
            assertEquals("the registry is down", failed.getMessage());
            fanOut.shutdown();
            assertTrue(fanOut.awaitTermination(10, TimeUnit.SECONDS), "the network's read was left running");
        } finally {
            network.countDown();
        }
    }

    @Test
    void aGroupsRollUpPastItsBudgetSuggestsOnlyWhatItsManagersMayAsk() {
        for (int d = 0; d < 40; d++) {
            register("D" + d);
            save(new Profile("D" + d, null, null, null, "Arnold Clark", Profile.DEFAULT_ZONE, new Timeline<>(List.of()), null));
        }
        RollUps rollUps = rollUps(Duration.ofMillis(20), Duration.ofMillis(200));
        RollUpTimeoutException refused = assertThrows(RollUpTimeoutException.class, () -> rollUps.group("Arnold Clark",
                new RollUps.Query(Caller.group("manager", "Arnold_Clark"), YTD, RollUp.Sort.NAME, Optional.empty())));
        assertTrue(refused.getMessage().contains("40 dealerships"), refused.getMessage());
        assertFalse(refused.getMessage().contains("region"), "a group's managers may not ask for a region: " + refused.getMessage());
    }

    @Test
    void groupsAreListedByTheirLowerCasedNamesNotByTheKeysTheyAreMatchedOn() {
        List<String> groups = List.of("Group1", "Group 1", "group 2");
        for (int d = 0; d < groups.size(); d++) {
            save(new Profile("D" + d, null, null, null, groups.get(d), Profile.DEFAULT_ZONE, new Timeline<>(List.of()), null));
        }
        assertEquals(List.of("Group 1", "group 2", "Group1"), rollUps(Duration.ZERO, Duration.ofSeconds(30)).groups(NATIONAL)
                .stream().map(RollUps.ScopeCount::name).toList(), "\"group 1\" before \"group1\", though its key group_1 comes after");
    }

    @Test
    void dealershipsWhoseAggregatesServeAreReadFromTheNetworkAndTheOthersOneByOne() {
        for (int d = 0; d < 6; d++) {
            register("D" + d);
            stores.counts().createConfig("D" + d, new AggregateConfig(1, Profile.DEFAULT_ZONE, null, d != 2, Instant.now()));
        }
        register("D6");
        RollUp national = rollUps(Duration.ZERO, Duration.ofSeconds(30)).national(new RollUps.Query(NATIONAL, YTD, RollUp.Sort.NAME, Optional.empty()));
        assertEquals(7, national.dealerships().size());
        assertEquals(2 * 4, counted.get(), "D2 (being built) and D6 (no aggregates) counted from their milestones");
    }

    @Test
    void aDealershipThatNeverHadAnUpdateIsReportedWithoutAReadOfItsOwn() {
        LocalDate goLive = LocalDate.now(ZoneOffset.UTC).withDayOfYear(1).minusYears(2);
        for (int d = 0; d < 5; d++) {
            save(new Profile("D" + d, "Dealer " + d, "North", null, null, Profile.DEFAULT_ZONE, new Timeline<>(List.of()),
                    d == 0 ? goLive : null));
        }
        register("D5");
        save(new Profile("D5", "Dealer 5", "North", null, null, Profile.DEFAULT_ZONE, new Timeline<>(List.of()), null));
        RollUps rollUps = rollUps(Duration.ZERO, Duration.ofSeconds(30));

        RollUp north = rollUps.region("North", new RollUps.Query(NATIONAL, YTD, RollUp.Sort.NAME, Optional.of(CompareWith.LAST_YEAR)));
        assertEquals(6, north.dealerships().size());
        assertEquals(2 * 4, counted.get(), "only D5, which has had an update, is counted from its milestones (and compared)");
        north.dealerships().forEach(row -> {
            assertEquals(0, row.report().counts().contacted(), row.report().dealershipId());
            assertEquals(0, row.comparison().counts().contacted(), row.report().dealershipId());
        });

        counted.set(0);
        RangeRequest allTime = RangeRequest.parse(Optional.of("all"), Optional.empty(), Optional.empty());
        RollUp national = rollUps.national(new RollUps.Query(NATIONAL, allTime, RollUp.Sort.NAME, Optional.empty()));
        assertEquals(6, national.dealerships().size());
        assertEquals(4, counted.get());
        assertEquals(goLive, national.dealerships().get(0).report().range().from(), "D0's all-time view starts at its go-live");
        assertEquals(LocalDate.now(ZoneOffset.UTC), national.dealerships().get(1).report().range().from(), "D1's, with no go-live, today");
    }

    @Test
    void theNetworkIsReadForTheMonthsEveryZonesRangeSpansAndNoOthers() {
        // New Year's morning in UTC: still 2026 in Pago Pago, 2027 since 19:00 yesterday UTC in Kiritimati
        Clock newYear = Clock.fixed(Instant.parse("2027-01-01T05:00:00Z"), ZoneOffset.UTC);
        List<String> zones = List.of("Pacific/Pago_Pago", "Europe/London", "Pacific/Kiritimati");
        for (int d = 0; d < zones.size(); d++) {
            register("D" + d);
            ZoneId zone = ZoneId.of(zones.get(d));
            save(new Profile("D" + d, null, null, null, null, zone, new Timeline<>(List.of()), null));
            stores.counts().createConfig("D" + d, new AggregateConfig(1, zone, null, true, newYear.instant()));
        }
        List<List<YearMonth>> read = new ArrayList<>();
        List<String> oneByOne = new ArrayList<>();
        RollUps rollUps = rollUps(Duration.ZERO, Duration.ofSeconds(30), newYear, read, oneByOne);

        RollUp national = rollUps.national(new RollUps.Query(NATIONAL, YTD, RollUp.Sort.NAME, Optional.empty()));
        assertEquals(3, national.dealerships().size());
        assertEquals(List.of(), oneByOne, "every zone's year to date is in the months read");
        assertEquals(Months.between(LocalDate.of(2026, 1, 1), LocalDate.of(2027, 1, 31)), read.get(0));

        read.clear();
        rollUps.national(new RollUps.Query(NATIONAL, RangeRequest.parse(Optional.of("mtd"), Optional.empty(), Optional.empty()),
                RollUp.Sort.NAME, Optional.of(CompareWith.LAST_YEAR)));
        assertEquals(List.of(), oneByOne, "every zone's month to date and the same days a year before are in the months read");
        assertEquals(List.of(YearMonth.of(2025, 12), YearMonth.of(2026, 1), YearMonth.of(2026, 12), YearMonth.of(2027, 1)),
                read.get(0));
    }

    private void register(String dealershipId) {
        stores.registerDealership(dealershipId);
    }

    private void save(Profile profile) {
        assertTrue(stores.settings().saveProfile(Profile.unknown(profile.dealershipId()), profile, 0, new AuditEntry(Instant.now(), "n", "CREATE", Map.of(), Map.of())));
    }

    /** Roll-ups over the in-memory store, each stage count taking {@code countTime}. */
    private RollUps rollUps(Duration countTime, Duration budget) {
        return rollUps(countTime, budget, Clock.systemUTC(), new ArrayList<>(), new ArrayList<>());
    }

    /**
     * As above, on a clock, adding the months of each read of the network to {@code networkReads} and each dealership
     * whose own summaries are read (its row not given by the network) to {@code oneByOne}.
     */
    private RollUps rollUps(Duration countTime, Duration budget, Clock clock, List<List<YearMonth>> networkReads,
                            List<String> oneByOne) {
        Observed reports = new Observed(countTime);
        Parallel inline = new Parallel(Runnable::run);
        CountsStore counts = stores.counts();
        CountsStore observed = (CountsStore) Proxy.newProxyInstance(CountsStore.class.getClassLoader(),
                new Class<?>[]{CountsStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("networkListings")) {
                        network.await();
                    }
                    if (method.getName().equals("networkCopies")) {
                        @SuppressWarnings("unchecked") List<YearMonth> months = (List<YearMonth>) args[1];
                        networkReads.add(months);
                    }
                    if (method.getName().equals("summaries")) {
                        oneByOne.add((String) args[0]);
                    }
                    try {
                        return method.invoke(counts, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        Aggregates aggregates = new Aggregates(observed, id -> new Bucketing(Profile.DEFAULT_ZONE, null), inline, clock,
                java.time.Duration.ZERO);
        KpiReports kpi = new KpiReports(stores, reports, aggregates, inline, clock);
        return new RollUps(stores, reports, kpi, aggregates, fanOut, budget);
    }

    /** The in-memory store, counting the stage counts read, each taking a given time. */
    private final class Observed implements ReportStore {
        private final Duration countTime;

        Observed(Duration countTime) {
            this.countTime = countTime;
        }

        @Override
        public long[] countMilestones(String dealershipId, Stage stage, List<Instant> boundaries) {
            try {
                Thread.sleep(countTime.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            counted.incrementAndGet();
            return stores.countMilestones(dealershipId, stage, boundaries);
        }

        @Override
        public Optional<Instant> firstActivity(String dealershipId) {
            return stores.firstActivity(dealershipId);
        }

        @Override
        public MilestonePage milestones(String dealershipId, Stage stage, Instant start, Instant end, int limit,
                                        Optional<MilestoneRow> after) {
            return stores.milestones(dealershipId, stage, start, end, limit, after);
        }

        @Override
        public void milestoneRows(String dealershipId, Stage stage, Instant start, Instant end, Consumer<MilestoneRow> sink) {
            stores.milestoneRows(dealershipId, stage, start, end, sink);
        }

        @Override
        public Map<String, Map<Stage, Instant>> milestoneMoments(String dealershipId, List<String> agreementIds) {
            return stores.milestoneMoments(dealershipId, agreementIds);
        }

        @Override
        public void activity(String dealershipId, Instant start, Instant end, Consumer<Activity> sink) {
            stores.activity(dealershipId, start, end, sink);
        }

        @Override
        public boolean isRegistered(String dealershipId) {
            return stores.isRegistered(dealershipId);
        }

        @Override
        public List<String> registeredDealerships() {
            if (registryFails != null) {
                throw registryFails;
            }
            try {
                registry.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return stores.registeredDealerships();
        }
    }
}
