package com.dealerkpi.app;

import com.dealerkpi.app.counts.CountsStore;
import com.dealerkpi.app.counts.Sweep;
import com.dealerkpi.app.settings.SettingsStore;
import com.dealerkpi.domain.Months;
import com.dealerkpi.domain.counts.NetworkCounts;
import com.dealerkpi.domain.counts.UsageEvent;
import com.dealerkpi.domain.report.KpiReport;
import com.dealerkpi.domain.settings.AuditEntry;
import com.dealerkpi.domain.settings.Profile;
import com.dealerkpi.store.DynamoStores;
import com.dealerkpi.store.TableLayout;
import com.dealerkpi.support.Backend;
import com.dealerkpi.support.Caller;
import com.dealerkpi.support.Reply;
import com.dealerkpi.support.TestApi;
import com.dealerkpi.support.TestBackend;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A table whose data was written before aggregates existed (as a deployed stack upgrading to this version has it),
 * and a dealership moving to another time zone: reports are counted from the milestones and say so until a sweep
 * has built the aggregates, then from the aggregates, with the same numbers, and every aggregate equals the recount.
 */
class AggregateBuildIT {
    private static final String KPI = "/dealerships/U1/kpi?range=custom&from=2026-01-01&to=2026-06-30";
    private static final String NATIONAL = "/kpi?range=custom&from=2026-01-01&to=2026-06-30";
    private static final List<String> STATUSES = List.of("Contacted", "Appointed", "Attended", "Sold", "Not Sold");

    @Test
    void aBuildCutOffPartWayGoesOnAfterTheLastBatchItCounted() {
        Set<String> agreementsRead = ConcurrentHashMap.newKeySet();
        // where each listing of U1's contacts began, and after what each listing of its updates did
        List<String> contactsListedFrom = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<String> updatesListedAfter = new java.util.concurrent.CopyOnWriteArrayList<>();
        AtomicReference<String> failReading = new AtomicReference<>();
        AtomicInteger usageWrites = new AtomicInteger();
        AtomicInteger failUsageWrite = new AtomicInteger();
        ExecutionInterceptor observed = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof QueryRequest query && query.expressionAttributeValues().containsKey(":pk")
                        && query.expressionAttributeValues().get(":pk").s().startsWith("D#U1#A#")) {
                    String agreement = query.expressionAttributeValues().get(":pk").s().substring("D#U1#A#".length());
                    agreementsRead.add(agreement);
                    if (agreement.equals(failReading.getAndUpdate(target -> agreement.equals(target) ? null : target))) {
                        throw SdkClientException.create("connection reset (injected) reading " + agreement);
                    }
                }
                if (context.request() instanceof QueryRequest query && TableLayout.MILESTONE_INDEX.equals(query.indexName())
                        && query.expressionAttributeValues().get(":pk").s().equals("D#U1#S#CONTACTED")) {
                    contactsListedFrom.add(query.expressionAttributeValues().get(":lo").s());
                }
                if (context.request() instanceof QueryRequest query && TableLayout.ACTIVITY_INDEX.equals(query.indexName())) {
                    updatesListedAfter.add(query.expressionAttributeValues().containsKey(":after")
                            ? query.expressionAttributeValues().get(":after").s() : "the first");
                }
                if (context.request() instanceof UpdateItemRequest update && update.key().get("pk").s().equals("D#U1#AGG")
                        && update.key().get("sk").s().startsWith("U#")
                        && usageWrites.incrementAndGet() == failUsageWrite.get()) {
                    throw SdkClientException.create("connection reset (injected) counting an update");
                }
            }
        };
        // one attempt a request: the injected failures reach the sweep rather than the SDK's retries
        DynamoDbClient db = Backend.get().client(1, Duration.ofSeconds(10), observed);
        String table = Backend.get().freshTable(db);
        TestApi api = withHistory(db, table, "U1", 300, 100, 11);
        Map<String, Object> counts = api.get(Caller.national(), KPI).map("counts");
        List<CountsStore.Place> agreements = new ArrayList<>();
        api.stores().counts().agreements("U1", Instant.EPOCH, agreements::add);
        Collections.sort(agreements);
        assertTrue(agreements.size() > 64, agreements.size() + " agreements: more than two batches of 32");
        List<UsageEvent> events = new ArrayList<>();
        api.stores().counts().events("U1", events::add);
        events.sort(java.util.Comparator.comparing((UsageEvent event) -> event.at()).thenComparing(UsageEvent::eventId));
        assertTrue(events.size() > 256, events.size() + " updates: more than one batch of 256");
        asWrittenBeforeAggregates(db, table);
        api.sweep(new Sweep.Grace(Duration.ZERO, Duration.ofHours(1)));

        Sweep.Result outOfTime = api.sweep(Sweep.Grace.NONE, Duration.ZERO);
        assertEquals(List.of(0, 0), List.of(outOfTime.built(), outOfTime.failed()), outOfTime.toString());
        assertEquals(Map.of("bthru", agreements.get(31).format()), progress(db, table), "a sweep out of time does one batch, and records it");

        // a read of the second batch fails: the first is counted in full and recorded, the second is not
        failReading.set(agreements.get(40).id());
        contactsListedFrom.clear();
        Sweep.Result cutOff = api.sweep();
        assertEquals(List.of(0, 1), List.of(cutOff.built(), cutOff.failed()), cutOff.toString());
        assertEquals(Map.of("bthru", agreements.get(31).format()), progress(db, table), "recorded through the first batch's last agreement");
        assertEquals(List.of(TableLayout.instant(agreements.get(31).at())), contactsListedFrom,
                "the agreements listed from the last one counted on, not from the first");

        // then the agreements after it, and the usage until a write of its second batch fails
        agreementsRead.clear();
        usageWrites.set(0);
        failUsageWrite.set(260);
        Sweep.Result usageCutOff = api.sweep();
        assertEquals(List.of(0, 1), List.of(usageCutOff.built(), usageCutOff.failed()), usageCutOff.toString());
        assertEquals(new TreeSet<>(agreements.subList(32, agreements.size()).stream().map(CountsStore.Place::id).toList()),
                new TreeSet<>(agreementsRead), "the next sweep counts the agreements after the first batch, and only those");
        UsageEvent lastOfTheFirstBatch = events.get(255);
        assertEquals(Map.of("bthru", agreements.get(agreements.size() - 1).format(), "buthru",
                        new CountsStore.Place(lastOfTheFirstBatch.at(), lastOfTheFirstBatch.eventId()).format()),
                progress(db, table), "every agreement recorded, and the first batch of updates");

        // a new generation (a repair) half-way: it goes on after nothing the one before counted
        assertTrue(api.rebuild("U1"));
        api.sweep(Sweep.Grace.NONE, Duration.ZERO);
        assertEquals(Map.of("bthru", agreements.get(31).format()), progress(db, table), "the new generation's first batch, alone");
        usageWrites.set(0);
        failUsageWrite.set(260);
        assertEquals(0, api.sweep().built());
        assertEquals(events.size(), usageWrites.get(), "the new generation counts its updates from the first");

        agreementsRead.clear();
        usageWrites.set(0);
        failUsageWrite.set(0);
        updatesListedAfter.clear();
        Sweep.Result resumed = api.sweep();
        assertEquals(1, resumed.built(), resumed.toString());
        assertEquals(Set.of(), agreementsRead, "every agreement was counted already");
        assertEquals(List.of(TableLayout.activityIndexSk(lastOfTheFirstBatch.at(), lastOfTheFirstBatch.eventId())),
                updatesListedAfter, "the updates listed after the last one counted");
        assertEquals(events.size() - 256, usageWrites.get(), "the updates after the first batch of 256, and only those");
        assertEquals(counts, api.get(Caller.national(), KPI).map("counts"));
        assertEquals(List.of(), api.verifyAggregates().mismatches());
    }

    /** How far the build of U1 has got, as its building marker records it (the generation aside). */
    private static Map<String, String> progress(DynamoDbClient db, String table) {
        Map<String, AttributeValue> marker = db.getItem(r -> r.tableName(table).key(Map.of("pk", AttributeValue.fromS("D##BUILDING"),
                "sk", AttributeValue.fromS("U1"))).consistentRead(true)).item();
        Map<String, String> progress = new java.util.TreeMap<>();
        for (String through : List.of("bthru", "buthru")) {
            if (marker.containsKey(through)) {
                progress.put(through, marker.get(through).s());
            }
        }
        return progress;
    }

    @Test
    void historyWrittenBeforeAggregatesIsBuiltAndSoIsANewTimeZone() {
        DynamoDbClient db = Backend.get().client();
        String table = Backend.get().freshTable(db);
        TestApi api = withHistory(db, table, "U1", 120, 40, 7);
        Map<String, Object> counts = api.get(Caller.national(), KPI).map("counts");

        asWrittenBeforeAggregates(db, table);
        Reply unlisted = api.get(Caller.national(), KPI);
        assertEquals(counts, unlisted.map("counts"), "the milestones count the same");
        assertEquals(1, api.sweep(new Sweep.Grace(Duration.ZERO, Duration.ofHours(1))).configured(), "listed, not built yet");
        Reply fromMilestones = api.get(Caller.national(), KPI);
        assertEquals(counts, fromMilestones.map("counts"));
        assertTrue(fromMilestones.list("notes").contains(KpiReport.FROM_MILESTONES_NOTE), fromMilestones.body());

        Sweep.Result swept = api.sweep();
        assertEquals(1, swept.built(), swept.toString());
        Reply built = api.get(Caller.national(), KPI);
        assertEquals(counts, built.map("counts"));
        assertFalse(built.list("notes").contains(KpiReport.FROM_MILESTONES_NOTE), built.body());
        assertEquals(List.of(), api.verifyAggregates().mismatches());

        assertEquals(201, api.putJson(Caller.national(), "/dealerships/U1/profile", "{\"timezone\":\"Pacific/Auckland\"}").status());
        Reply rezoned = api.get(Caller.national(), KPI);
        assertTrue(rezoned.list("notes").contains(KpiReport.FROM_MILESTONES_NOTE), "a new zone is built in the background");
        assertTrue(api.get(Caller.national(), NATIONAL).list("notes").contains("1 of 1 dealerships (U1) is counted from its"
                + " milestones (exact, slower) while its pre-aggregated counts are being built (a new time zone or dealer"
                + " group, or an upgrade)."), "the league table says so too");
        Map<String, Object> inAuckland = rezoned.map("counts");
        assertEquals(1, api.sweep().built());
        Reply rebuilt = api.get(Caller.national(), KPI);
        assertEquals(inAuckland, rebuilt.map("counts"), "the days are Auckland's now, as the milestones count them");
        assertFalse(rebuilt.list("notes").contains(KpiReport.FROM_MILESTONES_NOTE), rebuilt.body());
        assertFalse(api.get(Caller.national(), NATIONAL).body().contains("dealerships (U1)"), "built: no longer named");
        assertEquals(List.of(), api.verifyAggregates().mismatches());
        assertEquals(0, api.stores().counts().pending());
    }

    @Test
    void aReadyDealershipWhoseMonthsWereNeverCopiedToTheNetworkIsRebuilt() {
        DynamoDbClient db = Backend.get().client();
        String table = Backend.get().freshTable(db);
        TestApi api = withHistory(db, table, "U2", 60, 20, 11);
        String range = "range=custom&from=2026-01-01&to=2026-06-30";
        Map<String, Object> counts = api.get(Caller.national(), "/dealerships/U2/kpi?" + range).map("counts");
        // as a build between the aggregates and their network copies left it: a ready config, nothing copied or listed
        for (Map<String, AttributeValue> item : db.scanPaginator(r -> r.tableName(table)).items()) {
            if (item.get("pk").s().startsWith("N##")) {
                db.deleteItem(r -> r.tableName(table).key(Map.of("pk", item.get("pk"), "sk", item.get("sk"))));
            }
        }
        assertEquals(counts, api.get(Caller.national(), "/kpi?" + range).map("counts"), "counted from the milestones meanwhile");

        assertEquals(1, api.sweep(new Sweep.Grace(Duration.ZERO, Duration.ofHours(1))).configured(), "a new generation, to build");
        assertEquals(1, api.sweep().built());
        assertEquals(List.of(), api.verifyAggregates().mismatches(), "every month copied and listed again");
        assertEquals(counts, api.get(Caller.national(), "/kpi?" + range).map("counts"));
    }

    @Test
    void aDealershipBuiltBeforeMonthSummariesIsReadFromItsMilestonesUntilItsMonthsAreSummarizedInPlace() throws InterruptedException {
        DynamoDbClient db = Backend.get().client();
        String table = Backend.get().freshTable(db);
        TestApi api = withHistory(db, table, "U7", 120, 30, 29);
        String kpi = "/dealerships/U7/kpi?range=custom&from=2026-01-01&to=2026-06-30";
        String cohorts = "/dealerships/U7/kpi/cohorts?range=custom&from=2026-01-01&to=2026-06-30";
        Reply report = api.get(Caller.national(), kpi);
        assertFalse(report.list("notes").contains(KpiReport.FROM_MILESTONES_NOTE), report.body());
        Object rows = api.get(Caller.national(), cohorts).list("cohorts");
        assertFalse(String.valueOf(report.map("timeToConvert")).contains("null"), "sales to time: " + report.body());

        // as the version before summaries left it: month items alone, a config without a format
        for (Map<String, AttributeValue> item : db.scanPaginator(r -> r.tableName(table)).items()) {
            if (item.get("pk").s().equals("D#U7#AGG") && item.get("sk").s().startsWith("S#")) {
                db.deleteItem(r -> r.tableName(table).key(Map.of("pk", item.get("pk"), "sk", item.get("sk"))));
            }
        }
        asCompletedBeforeSummaries(db, table, "U7");
        Reply before = api.get(Caller.national(), kpi);
        assertTrue(before.list("notes").contains(KpiReport.FROM_MILESTONES_NOTE), before.body());
        assertEquals(report.map("counts"), before.map("counts"));
        assertEquals(report.map("timeToConvert"), before.map("timeToConvert"));
        assertEquals(rows, api.get(Caller.national(), cohorts).list("cohorts"));

        Sweep.Grace deployed = new Sweep.Grace(Duration.ZERO, Duration.ofHours(1));
        assertEquals(0, api.sweep(deployed).configured(), "not while the version before may still be writing");
        assertTrue(api.get(Caller.national(), kpi).list("notes").contains(KpiReport.FROM_MILESTONES_NOTE));
        assertServedFromTheNetwork(api, "U7");
        assertEquals(1, api.sweep().configured(), "summarized in place once that version has stopped");
        assertEquals(0, api.sweep().built(), "no new generation");
        assertServedFromTheNetwork(api, "U7");
        Reply rebuilt = api.get(Caller.national(), kpi);
        assertFalse(rebuilt.list("notes").contains(KpiReport.FROM_MILESTONES_NOTE), rebuilt.body());
        assertEquals(report.map("counts"), rebuilt.map("counts"));
        assertEquals(report.map("timeToConvert"), rebuilt.map("timeToConvert"));
        assertEquals(rows, api.get(Caller.national(), cohorts).list("cohorts"));
        assertEquals(List.of(), api.verifyAggregates().mismatches());
        assertEquals(0, api.sweep(deployed).configured(), "in the current format: done");

        // completed by the version before once more (a rollback), long after the first was found: it waits for that
        // version to stop again (a wait of 2 s here)
        Sweep.Grace briefly = new Sweep.Grace(Duration.ZERO, Duration.ofSeconds(2));
        Thread.sleep(2_500);
        asCompletedBeforeSummaries(db, table, "U7");
        assertEquals(0, api.sweep(briefly).configured(), "the moment the first was found is forgotten: it waits again");
        Thread.sleep(2_500);
        assertEquals(1, api.sweep(briefly).configured());
    }

    @Test
    void aGenerationIsStampedWithItsFormatWhenItIsCompletedAndVerificationComparesEverySummary() {
        DynamoDbClient db = Backend.get().client();
        String table = Backend.get().freshTable(db);
        TestApi api = withHistory(db, table, "U9", 80, 20, 37);
        String kpi = "/dealerships/U9/kpi?range=custom&from=2026-01-01&to=2026-06-30";
        assertEquals(201, api.putJson(Caller.national(), "/dealerships/U9/profile", "{\"timezone\":\"America/New_York\"}").status());
        Map<String, Object> counts = api.get(Caller.national(), kpi).map("counts");
        // not when it begins: the version before, completing it after a rollback, would leave it unsummarized but stamped
        Map<String, AttributeValue> config = configKey("U9");
        assertFalse(db.getItem(r -> r.tableName(table).key(config).consistentRead(true)).item().containsKey(TableLayout.FORMAT));
        assertEquals(1, api.sweep().built());
        assertEquals("2", db.getItem(r -> r.tableName(table).key(config).consistentRead(true)).item().get(TableLayout.FORMAT).n());
        Reply built = api.get(Caller.national(), kpi);
        assertFalse(built.list("notes").contains(KpiReport.FROM_MILESTONES_NOTE), built.body());
        assertEquals(counts, built.map("counts"));
        assertEquals(List.of(), api.verifyAggregates().mismatches());

        // and a summary left behind where no counter moved (its sales): verification finds it
        String generation = db.getItem(r -> r.tableName(table).key(config).consistentRead(true)).item().get(TableLayout.GENERATION).n();
        Map<String, AttributeValue> summary = db.scanPaginator(r -> r.tableName(table)).items().stream()
                .filter(item -> item.get("pk").s().equals("D#U9#AGG") && item.get("sk").s().startsWith("S#" + generation + "#")
                        && !item.get("sm").s().endsWith("|"))
                .findFirst().orElseThrow();
        String text = summary.get("sm").s();
        db.putItem(r -> r.tableName(table).item(Map.of("pk", summary.get("pk"), "sk", summary.get("sk"),
                "sm", AttributeValue.fromS(text.substring(0, text.lastIndexOf('|') + 1)))));
        List<com.dealerkpi.app.counts.Verification.Mismatch> found = api.verifyAggregates().mismatches();
        assertEquals(1, found.size(), found.toString());
        assertTrue(found.get(0).count().startsWith("summary of "), found.toString());
    }

    @Test
    void anUpdateCountedWithAConfigReadBeforeANewGenerationIsCountedByThatGenerationsBuild() {
        DynamoDbClient db = Backend.get().client();
        String table = Backend.get().freshTable(db);
        // wired as deployed: the status function uses a config it read less than a minute ago
        TestApi api = new TestApi(TestBackend.current(), new DynamoStores(db, table, Clock.systemUTC()), Clock.systemUTC(),
                com.dealerkpi.lambda.Wiring.Reuse.DEPLOYED);
        addHistory(api, "U8", 40, 10, 31);
        String kpi = "/dealerships/U8/kpi?range=custom&from=2026-01-01&to=2026-06-30";
        assertEquals(201, api.putJson(Caller.national(), "/dealerships/U8/profile", "{\"timezone\":\"Pacific/Auckland\"}").status());
        Reply sold = api.postJson(Caller.national(), "/dealerships/U8/agreements/LATE/status",
                "{\"status\":\"Sold\",\"occurredAt\":\"2026-03-01T10:00:00Z\"}");
        assertEquals(201, sold.status(), sold.toString());
        assertEquals(List.of("1#2026-03"), db.getItem(r -> r.tableName(table).consistentRead(true).key(Map.of(
                "pk", AttributeValue.fromS("D#U8#A#LATE"), "sk", AttributeValue.fromS("M#SOLD")))).item().get(TableLayout.HOMES).ss(),
                "counted in the generation the status function read before the profile changed");
        Reply fromMilestones = api.get(Caller.national(), kpi);
        assertTrue(fromMilestones.list("notes").contains(KpiReport.FROM_MILESTONES_NOTE), fromMilestones.body());

        assertEquals(1, api.sweep().built(), "the new generation, once its wait is over (none here)");
        Reply built = api.get(Caller.national(), kpi);
        assertFalse(built.list("notes").contains(KpiReport.FROM_MILESTONES_NOTE), built.body());
        assertEquals(fromMilestones.map("counts"), built.map("counts"), "the sale homed in the old generation is counted");
        assertEquals(List.of(), api.verifyAggregates().mismatches());
    }

    @Test
    void aNewLayoutWhoseSweepsKeepFailingForOneDealershipIsLaidOutOnceNotAtEverySweep() {
        java.util.concurrent.atomic.AtomicBoolean u4ConfigDown = new java.util.concurrent.atomic.AtomicBoolean();
        ExecutionInterceptor failing = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                Map<String, AttributeValue> key = context.request() instanceof UpdateItemRequest update ? update.key()
                        : context.request() instanceof software.amazon.awssdk.services.dynamodb.model.PutItemRequest put ? put.item() : Map.of();
                if (u4ConfigDown.get() && configKey("U4").equals(Map.of("pk", key.getOrDefault("pk", AttributeValue.fromS("")),
                        "sk", key.getOrDefault("sk", AttributeValue.fromS(""))))) {
                    throw SdkClientException.create("connection reset (injected) writing U4's config");
                }
            }
        };
        DynamoDbClient db = Backend.get().client(1, Duration.ofSeconds(10), failing);
        String table = Backend.get().freshTable(db);
        String range = "/kpi?range=custom&from=2026-01-01&to=2026-06-30";
        TestApi sixteen = withHistory(db, table, "U3", 60, 20, 13);
        addHistory(sixteen, "U4", 60, 20, 17);
        Map<String, Object> counts = sixteen.get(Caller.national(), range).map("counts");

        TestApi wider = api(db, table, 64);
        u4ConfigDown.set(true);
        Sweep.Result entering = wider.sweep(new Sweep.Grace(Duration.ZERO, Duration.ofHours(1)));
        assertEquals(List.of(1, 1), List.of(entering.configured(), entering.failed()), "U3 rebuilt, U4 not: " + entering);
        assertEquals(1, wider.sweep().built(), "U3, in the new layout");
        Sweep.Result still = wider.sweep();
        assertEquals(List.of(0, 0), List.of(still.configured(), still.built()),
                "U3, built in this layout, is not rebuilt while U4 keeps failing: " + still);
        assertTrue(still.failed() > 0, still.toString());
        assertTrue(wider.stores().counts().layoutListings().get("U3").ready(), "U3's listing stands, ready");
        assertEquals(Map.of(), wider.stores().counts().networkListings(java.util.Optional.empty()), "not trusted until recorded");
        assertEquals(counts, wider.get(Caller.national(), range).map("counts"), "counted from the milestones meanwhile");

        assertTrue(wider.stores().counts().layout().listingsForgotten());

        // a sweep of the layout before (its functions back for a while): what 64 has listed since may be stale (that
        // layout's functions publish copies 64 lacks), so 64's next sweep forgets it again
        sixteen.sweep(new Sweep.Grace(Duration.ZERO, Duration.ofHours(1)));
        assertFalse(wider.stores().counts().layout().listingsForgotten(), "another layout's sweep ran since");
        wider.sweep(new Sweep.Grace(Duration.ZERO, Duration.ofHours(1)));
        assertTrue(wider.stores().counts().layout().listingsForgotten(), "forgotten again");
        assertFalse(wider.stores().counts().layoutListings().containsKey("U3") && wider.stores().counts().layoutListings().get("U3").ready(),
                "U3 no longer listed ready in 64: rebuilt");

        u4ConfigDown.set(false);
        Sweep.Result recovered = wider.sweep(new Sweep.Grace(Duration.ZERO, Duration.ofHours(1)));
        assertEquals(0, recovered.failed(), recovered.toString());
        wider.sweep();
        assertServedFromTheNetwork(wider, "U3", "U4");
        assertEquals(counts, wider.get(Caller.national(), range).map("counts"));
        assertEquals(List.of(), wider.verifyAggregates().mismatches());
    }

    @Test
    void aBuildUnderWayWhenTheShardCountChangesIsBuiltAfreshInTheNewLayout() {
        DynamoDbClient db = Backend.get().client();
        String table = Backend.get().freshTable(db);
        TestApi sixteen = api(db, table, TableLayout.NETWORK_SHARDS);
        // a first batch of 32 agreements, the only ones with a milestone in January; the rest in April
        for (int i = 0; i < 72; i++) {
            Reply reply = sixteen.postJson(Caller.national(), "/dealerships/U2/agreements/A" + i + "/status",
                    "{\"status\":\"" + (i % 2 == 0 ? "Contacted" : "Sold") + "\",\"occurredAt\":\""
                            + (i < 32 ? "2026-01-" : "2026-04-") + String.format("%02d", 1 + i % 28) + "T10:00:00Z\"}");
            assertEquals(201, reply.status(), reply.toString());
        }
        Map<String, Object> counts = sixteen.get(Caller.national(), "/dealerships/U2/kpi?" + HALF).map("counts");
        asWrittenBeforeAggregates(db, table);
        sixteen.sweep(new Sweep.Grace(Duration.ZERO, Duration.ofHours(1)));
        sixteen.sweep(Sweep.Grace.NONE, Duration.ZERO);
        long generation = sixteen.stores().counts().config("U2").orElseThrow().generation();
        assertTrue(sixteen.stores().counts().buildProgress("U2", generation).agreements().isPresent(),
                "one batch built, in the 16 shards' copies");

        // the batches recorded copied their months into 16's shards only: in 64, a new generation
        TestApi wider = api(db, table, 64);
        assertEquals(1, wider.sweep().built());
        assertTrue(wider.stores().counts().config("U2").orElseThrow().generation() > generation, "a new generation");
        assertServedFromTheNetwork(wider, "U2");
        assertEquals(counts(counts), counts(wider.get(Caller.national(), "/kpi?" + HALF).map("counts")),
                "every month copied in the new layout");
        assertEquals(List.of(), wider.verifyAggregates().mismatches());
    }

    @Test
    void aTableLaidOutAgainWithMoreNetworkShardsRebuildsItsDealershipsAndItsRollUpsStayExact() {
        DynamoDbClient db = Backend.get().client();
        String table = Backend.get().freshTable(db);
        String range = "/kpi?range=custom&from=2026-01-01&to=2026-06-30";
        TestApi sixteen = withHistory(db, table, "U3", 60, 20, 13);
        putGroup(sixteen, "U4", "Alpha");
        addHistory(sixteen, "U4", 60, 20, 17);
        Map<String, Object> counts = sixteen.get(Caller.national(), range).map("counts");

        // every function of the stack now runs with NETWORK_SHARDS=64: nothing is listed in that layout yet
        TestApi wider = api(db, table, 64);
        assertEquals(Map.of(), wider.stores().counts().networkListings(java.util.Optional.empty()), "another layout's listing is not read");
        assertEquals(counts, wider.get(Caller.national(), range).map("counts"), "counted from the milestones meanwhile");
        assertEquals(2, wider.sweep(new Sweep.Grace(Duration.ZERO, Duration.ofHours(1))).configured(), "a new generation each");
        assertEquals(2, wider.sweep().built());
        assertEquals(java.util.Set.of("U3", "U4"), wider.stores().counts().networkListings(java.util.Optional.empty()).keySet());
        assertTrue(db.scanPaginator(r -> r.tableName(table)).items().stream()
                .anyMatch(item -> item.get("pk").s().matches("N##M#2026-0[1-6]#[0-9]+of64")), "copies in the new layout");
        assertEquals(List.of(), wider.verifyAggregates().mismatches(), "every copy in the new layout equals its month");
        assertServedFromTheNetwork(wider, "U3", "U4");
        assertEquals(counts, wider.get(Caller.national(), range).map("counts"));

        Reply sold = wider.postJson(Caller.national(), "/dealerships/U4/agreements/NEW/status",
                "{\"status\":\"Sold\",\"occurredAt\":\"2026-03-01T10:00:00Z\"}");
        assertEquals(201, sold.status(), sold.toString());
        Map<String, Object> withTheSale = wider.get(Caller.national(), range).map("counts");
        assertEquals(((Number) counts.get("sold")).longValue() + 1, ((Number) withTheSale.get("sold")).longValue(),
                "a new sale, in the new layout at once");
        assertEquals(List.of(), wider.verifyAggregates().mismatches());
        putGroup(wider, "U4", "Beta");
        assertEquals(1, wider.sweep().built(), "U4 in Beta's share of the new layout");

        // and back to 16: the old layout's listing still names the generations before, whose copies lack the sale,
        // and lists U4 in Alpha's share, which it has left
        TestApi back = api(db, table, TableLayout.NETWORK_SHARDS);
        assertEquals(withTheSale, back.get(Caller.national(), range).map("counts"), "before its first sweep: from the milestones");
        assertEquals(2, back.sweep(new Sweep.Grace(Duration.ZERO, Duration.ofHours(1))).configured(), "a new generation each again");
        assertEquals(withTheSale, back.get(Caller.national(), range).map("counts"), "counted from the milestones meanwhile");
        assertEquals(2, back.sweep().built());
        assertServedFromTheNetwork(back, "U3", "U4");
        assertServedFromTheGroupsShare(back, "beta", "U4");
        assertNotServedFromTheGroupsShare(back, "alpha", "U4");
        assertEquals(withTheSale, back.get(Caller.national(), range).map("counts"));
        assertEquals(List.of(), back.verifyAggregates().mismatches());
        assertEquals(0, back.sweep(new Sweep.Grace(Duration.ZERO, Duration.ofHours(1))).configured(), "the layout is recorded: done");
    }

    @Test
    void aDealershipMovingBetweenGroupsIsCopiedIntoEachGroupsShareAndEveryGroupsTableStaysExact() {
        DynamoDbClient db = Backend.get().client();
        String table = Backend.get().freshTable(db);
        TestApi api = api(db, table, TableLayout.NETWORK_SHARDS);
        // two groups whose dealerships' copies live in different shards
        assertTrue(TableLayout.networkShard(null, "alpha", TableLayout.NETWORK_SHARDS)
                != TableLayout.networkShard(null, "beta", TableLayout.NETWORK_SHARDS));
        putGroup(api, "U5", "Alpha");
        putGroup(api, "U6", "Beta");
        addHistory(api, "U5", 60, 20, 19);
        addHistory(api, "U6", 60, 20, 23);
        Map<String, Object> u5 = api.get(Caller.national(), "/dealerships/U5/kpi?" + HALF).map("counts");
        Map<String, Object> u6 = api.get(Caller.national(), "/dealerships/U6/kpi?" + HALF).map("counts");
        assertServedFromTheGroupsShare(api, "alpha", "U5");
        assertGroupTable(api, "Alpha", u5, "U5");

        putGroup(api, "U5", "Beta");
        assertGroupTable(api, "Alpha", ZERO); // U5 has left, from that moment
        assertGroupTable(api, "Beta", sum(u5, u6), "U5", "U6");
        assertNotServedFromTheGroupsShare(api, "beta", "U5");
        assertEquals(1, api.sweep().built(), "a new generation, in Beta's share");
        assertServedFromTheGroupsShare(api, "beta", "U5", "U6");
        assertNotServedFromTheGroupsShare(api, "alpha", "U5");
        assertGroupTable(api, "Beta", sum(u5, u6), "U5", "U6");

        Reply sold = api.postJson(Caller.national(), "/dealerships/U5/agreements/NEW/status",
                "{\"status\":\"Sold\",\"occurredAt\":\"2026-03-01T10:00:00Z\"}");
        assertEquals(201, sold.status(), sold.toString());
        Map<String, Object> u5Sold = api.get(Caller.national(), "/dealerships/U5/kpi?" + HALF).map("counts");
        assertGroupTable(api, "Beta", sum(u5Sold, u6), "U5", "U6");

        // back to Alpha: Alpha's share still holds U5's first generation, whose copies lack the sale
        putGroup(api, "U5", "Alpha");
        assertNotServedFromTheGroupsShare(api, "alpha", "U5");
        assertGroupTable(api, "Alpha", u5Sold, "U5");
        assertEquals(1, api.sweep().built());
        assertServedFromTheGroupsShare(api, "alpha", "U5");
        assertGroupTable(api, "Alpha", u5Sold, "U5");
        assertEquals(counts(sum(u5Sold, u6)), counts(api.get(Caller.national(), "/kpi?" + HALF).map("counts")), "national");
        assertEquals(List.of(), api.verifyAggregates().mismatches());

        // as an earlier version left U6: its config names no group, its profile is not in the group index
        db.updateItem(r -> r.tableName(table).key(configKey("U6"))
                .updateExpression("REMOVE #g").expressionAttributeNames(Map.of("#g", TableLayout.GROUP)));
        db.updateItem(r -> r.tableName(table).key(Map.of("pk", AttributeValue.fromS("PROFILES"), "sk", AttributeValue.fromS("D#U6")))
                .updateExpression("REMOVE #k, #s").expressionAttributeNames(Map.of("#k", TableLayout.GSI5_PK, "#s", TableLayout.GSI5_SK)));
        // its profile names Beta, so Beta's members do (counted from its milestones: its config names no group)
        assertGroupTable(api, "Beta", u6, "U6");
        // the sweep indexes the profile and gives the config a generation in its group's share
        assertEquals(1, api.sweep(new Sweep.Grace(Duration.ZERO, Duration.ofHours(1))).configured());
        assertGroupTable(api, "Beta", u6, "U6");
        assertEquals(1, api.sweep().built());
        assertServedFromTheGroupsShare(api, "beta", "U6");
        assertGroupTable(api, "Beta", u6, "U6");
        assertEquals(List.of(), api.verifyAggregates().mismatches());
    }

    @Test
    void aProfileTheSweepCannotIndexHoldsUpNoOtherDealershipsMove() {
        DynamoDbClient db = Backend.get().client();
        String table = Backend.get().freshTable(db);
        TestApi api = api(db, table, TableLayout.NETWORK_SHARDS);
        putGroup(api, "U8", "Alpha");
        putGroup(api, "U9", "Alpha");
        addHistory(api, "U8", 20, 10, 31);
        addHistory(api, "U9", 20, 10, 37);
        api.sweep();
        Map<String, Object> u8 = api.get(Caller.national(), "/dealerships/U8/kpi?" + HALF).map("counts");
        // U9 as a version before the group index left it; U8 moved to Beta, its re-bucketing cut off after the save
        Map<String, AttributeValue> u9Profile = Map.of("pk", AttributeValue.fromS("PROFILES"), "sk", AttributeValue.fromS("D#U9"));
        db.updateItem(r -> r.tableName(table).key(u9Profile)
                .updateExpression("REMOVE #k, #s").expressionAttributeNames(Map.of("#k", TableLayout.GSI5_PK, "#s", TableLayout.GSI5_SK)));
        SettingsStore profiles = new DynamoStores(db, table, Clock.systemUTC()).settings();
        var u8Profile = profiles.profile("U8").orElseThrow();
        Profile before = u8Profile.value();
        assertTrue(profiles.saveProfile(before, new Profile("U8", before.name(), before.region(), before.brand(), "Beta",
                before.timezone(), before.databaseSize(), before.goLiveDate()), u8Profile.version(),
                new AuditEntry(Instant.now(), "n", "UPDATE", Map.of(), Map.of())));

        // every write of U9's profile fails: that one failure, and U8's move is completed all the same
        DynamoDbClient u9Refused = (DynamoDbClient) java.lang.reflect.Proxy.newProxyInstance(DynamoDbClient.class.getClassLoader(),
                new Class<?>[] {DynamoDbClient.class}, (proxy, method, arguments) -> {
                    if (method.getName().equals("updateItem") && updateOf(arguments[0]).key().equals(u9Profile)) {
                        throw DynamoDbException.builder().statusCode(500).message("injected: U9's profile cannot be written").build();
                    }
                    try {
                        return method.invoke(db, arguments);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        Sweep.Result swept = new TestApi(TestBackend.current(), new DynamoStores(u9Refused, table, Clock.systemUTC(),
                TableLayout.NETWORK_SHARDS), Clock.systemUTC()).sweep(new Sweep.Grace(Duration.ZERO, Duration.ofHours(1)));
        assertEquals(1, swept.failed(), swept.toString());
        assertEquals(1, swept.configured(), "U8's new generation, in Beta's share: " + swept);
        assertEquals(1, api.sweep().built());
        assertServedFromTheGroupsShare(api, "beta", "U8");
        assertGroupTable(api, "Beta", u8, "U8");
    }

    @Test
    void aMoveBetweenGroupsDuringAStreamOfUpdatesLosesNoneOfThem() throws Exception {
        DynamoDbClient db = Backend.get().client();
        String table = Backend.get().freshTable(db);
        TestApi api = api(db, table, TableLayout.NETWORK_SHARDS);
        putGroup(api, "U7", "Alpha");
        java.util.concurrent.ExecutorService clients = java.util.concurrent.Executors.newFixedThreadPool(4);
        java.util.concurrent.CountDownLatch underway = new java.util.concurrent.CountDownLatch(4);
        List<java.util.concurrent.Future<?>> streams = new java.util.ArrayList<>();
        for (int client = 0; client < 4; client++) {
            long seed = 29 + client;
            streams.add(clients.submit(() -> {
                addHistory(api, "U7", 10, 30, seed);
                underway.countDown();
                addHistory(api, "U7", 30, 30, seed + 100);
            }));
        }
        // once every client has had updates counted in Alpha's share, while the rest stream in: some land in the old
        // generation, some in the new
        assertTrue(underway.await(2, java.util.concurrent.TimeUnit.MINUTES));
        putGroup(api, "U7", "Beta");
        for (java.util.concurrent.Future<?> stream : streams) {
            stream.get();
        }
        clients.shutdown();

        Map<String, Object> u7 = api.get(Caller.national(), "/dealerships/U7/kpi?" + HALF).map("counts");
        assertGroupTable(api, "Beta", u7, "U7");
        api.sweep(); // every update has answered: the new generation is built at once
        assertServedFromTheGroupsShare(api, "beta", "U7");
        assertNotServedFromTheGroupsShare(api, "alpha", "U7");
        assertGroupTable(api, "Beta", u7, "U7");
        assertGroupTable(api, "Alpha", ZERO);
        assertEquals(List.of(), api.verifyAggregates().mismatches(), "every update counted once, in Beta's share");
    }

    @Test
    void rollUpsReusingListingsReadBeforeNewGenerationsStayExact() {
        DynamoDbClient db = Backend.get().client();
        String table = Backend.get().freshTable(db);
        // national roll-ups reuse the listings they read for an hour: every new generation below raises the version
        // (a roll-up that did not check it would count the contact voided below)
        TestApi api = new TestApi(TestBackend.current(), new DynamoStores(db, table, Clock.systemUTC()), Clock.systemUTC(),
                new com.dealerkpi.lambda.Wiring.Reuse(Duration.ZERO, Duration.ofHours(1)));
        putGroup(api, "V1", "Alpha");
        putGroup(api, "V2", "Beta");
        addHistory(api, "V1", 60, 20, 41);
        addHistory(api, "V2", 60, 20, 43);
        // a customer of V2 contacted once, in a month no later update of V2 touches
        Reply contacted = api.postJson(Caller.national(), "/dealerships/V2/agreements/C1/status",
                "{\"status\":\"Contacted\",\"occurredAt\":\"2026-05-20T10:00:00Z\"}");
        assertEquals(201, contacted.status(), contacted.toString());
        api.sweep();
        assertServedFromTheNetwork(api, "V1", "V2");
        assertRollUpsAreTheSumOfTheirDealerships(api, Map.of("Alpha", List.of("V1"), "Beta", List.of("V2")));

        // a new time zone: a new generation, listed as building after the listings reused were read
        assertEquals(200, api.putJson(Caller.national(), "/dealerships/V1/profile",
                "{\"timezone\":\"Pacific/Auckland\",\"group\":\"Alpha\"}").status());
        sold(api, "V1", "Z1");
        // a move to another group's share (a new generation, the same zone), then that contact voided: the new
        // generation has no home for it, so no copy of May (being built, it is counted from its milestones), while
        // the generation before, which its listing read before names, still counts it in its copy of May
        putGroup(api, "V2", "Alpha");
        Reply voided = api.send(Caller.national(), "POST", "/dealerships/V2/agreements/C1/updates/"
                        + contacted.json().get("eventId") + "/void", null, Map.of("content-type", "application/json"),
                "{\"reason\":\"the wrong customer\"}", false);
        assertEquals(200, voided.status(), voided.toString());
        assertRollUpsAreTheSumOfTheirDealerships(api, Map.of("Alpha", List.of("V1", "V2"), "Beta", List.of()));
        sold(api, "V2", "Z2");
        assertRollUpsAreTheSumOfTheirDealerships(api, Map.of("Alpha", List.of("V1", "V2"), "Beta", List.of()));

        assertEquals(2, api.sweep().built());
        assertRollUpsAreTheSumOfTheirDealerships(api, Map.of("Alpha", List.of("V1", "V2"), "Beta", List.of()));
        sold(api, "V2", "Z3");
        assertRollUpsAreTheSumOfTheirDealerships(api, Map.of("Alpha", List.of("V1", "V2"), "Beta", List.of()));

        // back to Beta, whose share holds V2's first generation, without the sales made in Alpha
        putGroup(api, "V2", "Beta");
        assertRollUpsAreTheSumOfTheirDealerships(api, Map.of("Alpha", List.of("V1"), "Beta", List.of("V2")));
        assertEquals(1, api.sweep().built());
        assertRollUpsAreTheSumOfTheirDealerships(api, Map.of("Alpha", List.of("V1"), "Beta", List.of("V2")));
        assertEquals(List.of(), api.verifyAggregates().mismatches());
    }

    private static void sold(TestApi api, String dealership, String agreement) {
        Reply sold = api.postJson(Caller.national(), "/dealerships/" + dealership + "/agreements/" + agreement + "/status",
                "{\"status\":\"Sold\",\"occurredAt\":\"2026-03-01T10:00:00Z\"}");
        assertEquals(201, sold.status(), sold.toString());
    }

    /** The national table and each group's (its dealerships as given) sum their dealerships' own reports, as now. */
    private static void assertRollUpsAreTheSumOfTheirDealerships(TestApi api, Map<String, List<String>> groups) {
        Map<String, Map<String, Object>> own = new java.util.HashMap<>();
        groups.values().forEach(members -> members.forEach(dealership -> own.put(dealership,
                api.get(Caller.national(), "/dealerships/" + dealership + "/kpi?" + HALF).map("counts"))));
        assertEquals(counts(own.values().stream().reduce(ZERO, AggregateBuildIT::sum)),
                counts(api.get(Caller.national(), "/kpi?" + HALF).map("counts")), "national");
        groups.forEach((group, members) -> assertGroupTable(api, group,
                members.stream().map(own::get).reduce(ZERO, AggregateBuildIT::sum), members.toArray(String[]::new)));
    }

    private static final String HALF = "range=custom&from=2026-01-01&to=2026-06-30";
    private static final Map<String, Object> ZERO = Map.of("contacted", 0, "appointed", 0, "attended", 0, "sold", 0);

    private static void putGroup(TestApi api, String dealership, String group) {
        Reply profile = api.putJson(Caller.national(), "/dealerships/" + dealership + "/profile",
                "{\"timezone\":\"Europe/London\",\"group\":\"" + group + "\"}");
        assertTrue(profile.status() == 200 || profile.status() == 201, profile.toString());
    }

    private static void assertGroupTable(TestApi api, String group, Map<String, Object> counts, String... dealerships) {
        Reply table = api.get(Caller.national(), "/groups/" + group + "/kpi?" + HALF);
        assertEquals(200, table.status(), table.toString());
        assertEquals(counts(counts), counts(table.map("counts")), group + ": " + table.body());
        assertEquals(List.of(dealerships), table.list("dealerships").stream().map(row -> row.get("dealershipId")).toList(), group);
    }

    private static Map<String, Long> counts(Map<String, Object> counts) {
        Map<String, Long> stages = new java.util.TreeMap<>();
        ZERO.keySet().forEach(stage -> stages.put(stage, ((Number) counts.get(stage)).longValue()));
        return stages;
    }

    private static Map<String, Object> sum(Map<String, Object> one, Map<String, Object> other) {
        Map<String, Object> sum = new java.util.HashMap<>();
        ZERO.keySet().forEach(stage -> sum.put(stage, ((Number) one.get(stage)).longValue() + ((Number) other.get(stage)).longValue()));
        return sum;
    }

    private static void assertServedFromTheGroupsShare(TestApi api, String group, String... dealerships) {
        NetworkCounts share = groupShare(api, group);
        for (String dealership : dealerships) {
            assertTrue(share.byDay(dealership, ZoneId.of("Europe/London"), FROM, TO).isPresent(), dealership + " served by " + group + "'s share");
        }
    }

    private static void assertNotServedFromTheGroupsShare(TestApi api, String group, String dealership) {
        assertFalse(groupShare(api, group).byDay(dealership, ZoneId.of("Europe/London"), FROM, TO).isPresent(),
                dealership + " is not served by " + group + "'s share");
    }

    private static NetworkCounts groupShare(TestApi api, String group) {
        return network(api, java.util.Optional.of(group), Months.between(FROM, TO));
    }

    /** What a roll-up reads of the network (or a group's share) now: its listings, then its copies. */
    private static NetworkCounts network(TestApi api, java.util.Optional<String> group, List<java.time.YearMonth> months) {
        Map<String, com.dealerkpi.domain.counts.NetworkListing> listings = api.stores().counts().networkListings(group);
        return new NetworkCounts(listings, api.stores().counts().networkCopies(group, months).months());
    }

    private static final LocalDate FROM = LocalDate.of(2026, 1, 1);
    private static final LocalDate TO = LocalDate.of(2026, 6, 30);

    /** The roll-ups count these dealerships' first half of 2026 from the network's copies, not from their milestones. */
    private static void assertServedFromTheNetwork(TestApi api, String... dealerships) {
        LocalDate from = LocalDate.of(2026, 1, 1);
        LocalDate to = LocalDate.of(2026, 6, 30);
        NetworkCounts network = network(api, java.util.Optional.empty(), Months.between(from, to));
        for (String dealership : dealerships) {
            assertTrue(network.byDay(dealership, ZoneId.of("Europe/London"), from, to).isPresent(), dealership + " served by the copies");
        }
    }

    /** An API on the table, and a dealership's random updates of the first half of 2026 through it. */
    private static TestApi withHistory(DynamoDbClient db, String table, String dealership, int updates, int agreements, long seed) {
        TestApi api = api(db, table, TableLayout.NETWORK_SHARDS);
        addHistory(api, dealership, updates, agreements, seed);
        return api;
    }

    /** An UpdateItem's request, whether sent built or as a builder's lambda. */
    @SuppressWarnings("unchecked")
    private static UpdateItemRequest updateOf(Object argument) {
        return argument instanceof UpdateItemRequest request ? request
                : UpdateItemRequest.builder().applyMutation((java.util.function.Consumer<UpdateItemRequest.Builder>) argument).build();
    }

    /** A dealership's aggregate config item. */
    private static Map<String, AttributeValue> configKey(String dealership) {
        return Map.of("pk", AttributeValue.fromS("D#" + dealership + "#AGG"), "sk", AttributeValue.fromS("CFG"));
    }

    /** As the version before month summaries completed it: no format. */
    private static void asCompletedBeforeSummaries(DynamoDbClient db, String table, String dealership) {
        db.updateItem(r -> r.tableName(table).key(configKey(dealership))
                .updateExpression("REMOVE #f").expressionAttributeNames(Map.of("#f", TableLayout.FORMAT)));
    }

    private static TestApi api(DynamoDbClient db, String table, int networkShards) {
        return new TestApi(TestBackend.current(), new DynamoStores(db, table, Clock.systemUTC(), networkShards), Clock.systemUTC());
    }

    private static void addHistory(TestApi api, String dealership, int updates, int agreements, long seed) {
        Random random = new Random(seed);
        for (int i = 0; i < updates; i++) {
            String at = Instant.parse("2026-01-01T00:00:00Z").plusSeconds(random.nextInt(15_000_000)).toString();
            Reply reply = api.postJson(Caller.national(), "/dealerships/" + dealership + "/agreements/A" + random.nextInt(agreements)
                    + "/status", "{\"status\":\"" + STATUSES.get(random.nextInt(STATUSES.size())) + "\",\"occurredAt\":\"" + at + "\"}");
            assertEquals(201, reply.status(), reply.toString());
        }
    }

    /**
     * What a version before aggregates left: milestones without homes or outbox flags, no aggregate items, registry
     * entries that do not say the dealership was counted from the start.
     */
    private static void asWrittenBeforeAggregates(DynamoDbClient db, String table) {
        for (Map<String, AttributeValue> item : db.scanPaginator(r -> r.tableName(table)).items()) {
            String pk = item.get("pk").s();
            String sk = item.get("sk").s();
            Map<String, AttributeValue> key = Map.of("pk", item.get("pk"), "sk", item.get("sk"));
            if (pk.endsWith("#AGG") || pk.equals("D##BUILDING")) {
                db.deleteItem(r -> r.tableName(table).key(key));
            } else if (pk.contains("#A#") && sk.startsWith("M#")) {
                db.updateItem(r -> r.tableName(table).key(key).updateExpression("REMOVE homes, obpk, obsk"));
            } else if (pk.equals("D##REGISTRY")) {
                db.updateItem(r -> r.tableName(table).key(key).updateExpression("REMOVE cfs"));
            }
        }
    }
}
