package com.dealerkpi.store;

import com.dealerkpi.app.common.ConcurrentChangeException;
import com.dealerkpi.app.counts.CountsStore;
import com.dealerkpi.domain.counts.AggregateConfig;
import com.dealerkpi.domain.counts.CohortRecord;
import com.dealerkpi.domain.counts.Home;
import com.dealerkpi.domain.counts.MilestoneState;
import com.dealerkpi.domain.counts.MonthCounts;
import com.dealerkpi.domain.counts.MonthSummary;
import com.dealerkpi.domain.counts.NetworkListing;
import com.dealerkpi.domain.counts.NetworkRegister;
import com.dealerkpi.domain.counts.Register;
import com.dealerkpi.domain.counts.SaleRecord;
import com.dealerkpi.domain.counts.UsageDay;
import com.dealerkpi.domain.counts.UsageEvent;
import com.dealerkpi.domain.status.Stage;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.Select;

import static com.dealerkpi.store.AttributeMaps.n;
import static com.dealerkpi.store.AttributeMaps.s;
import static com.dealerkpi.store.TableLayout.*;

/**
 * {@link CountsStore} on DynamoDB (docs/aggregates.md). A month item's registers and counters change together in one
 * write conditioned on the registers' stored values; a failed condition returns the item as it is, and the write is
 * recomputed against it.
 */
public final class DynamoCountsStore implements CountsStore {
    /** Enough for any realistic contention on one month; past it the caller's retry or the sweep finishes. */
    private static final int ATTEMPTS = 20;
    /** Day items read a page at a time for the first counting day: a month's, which holds it unless all were voided. */
    private static final int FIRST_DAYS_PAGE = 31;
    private static final String READY = "ready";
    private static final String BUILDING = "building";
    /**
     * The longest range whose usage is read day item by day item (a year to date, a year and a month: at most 4
     * BatchGetItem requests, at once); a longer one is read with a Query of the days that have an item.
     */
    static final int USAGE_DAYS_BY_KEY = 400;


    /** Past any milestone's moment (they are at most minutes ahead of the moment they are recorded). */
    private static final Instant FAR_FUTURE = Instant.parse("9999-01-01T00:00:00Z");

    private final DynamoDbClient db;
    private final String table;
    private final Clock clock;
    private final DynamoReportStore milestoneIndex;
    private final int networkShards;

    /** @param networkShards how many items the network's month and listing are split into (the table's layout) */
    public DynamoCountsStore(DynamoDbClient db, String table, Clock clock, int networkShards) {
        if (!NETWORK_SHARD_COUNTS.contains(networkShards)) {
            throw new IllegalArgumentException("network shards: one of " + NETWORK_SHARD_COUNTS + ", not " + networkShards);
        }
        this.db = db;
        this.table = table;
        this.clock = clock;
        this.milestoneIndex = new DynamoReportStore(db, table);
        this.networkShards = networkShards;
    }

    @Override
    public Optional<AggregateConfig> config(String dealershipId) {
        return DynamoErrors.call("read aggregate config", () -> config(db.getItem(r -> r.tableName(table)
                .key(configKey(dealershipId)).consistentRead(true)).item()));
    }

    @Override
    public Map<String, AggregateConfig> configs(List<String> dealershipIds) {
        Map<String, AggregateConfig> configs = new HashMap<>();
        BatchReads.readAll(db, table, dealershipIds.stream().map(DynamoCountsStore::configKey).toList(),
                "read aggregate configs", item -> config(item).ifPresent(config ->
                        configs.put(dealershipIdOfAggregatePk(item.get(PK).s()), config)));
        return configs;
    }

    @Override
    public Optional<AggregateConfig> createConfig(String dealershipId, AggregateConfig config) {
        Map<String, AttributeValue> item = configItem(dealershipId, config);
        return DynamoErrors.call("create aggregate config", () -> {
            if (!config.ready()) {
                // listed first: a marker without a building config is dropped by the build, a building config
                // without a marker would never be built
                listAsBuilding(dealershipId);
            }
            Optional<AggregateConfig> standing;
            try {
                db.putItem(r -> r.tableName(table).item(item).conditionExpression("attribute_not_exists(#pk)")
                        .expressionAttributeNames(Map.of("#pk", PK)));
                standing = Optional.of(config);
            } catch (ConditionalCheckFailedException exists) {
                standing = config(db.getItem(r -> r.tableName(table).key(configKey(dealershipId)).consistentRead(true)).item());
            }
            // after the config: listed ready only once it is (a listing lost here is restored by the sweep)
            standing.ifPresent(stands -> list(dealershipId, stands));
            return standing;
        });
    }

    @Override
    public boolean replaceConfig(String dealershipId, AggregateConfig current, AggregateConfig next) {
        return DynamoErrors.call("replace aggregate config", () -> {
            if (!next.ready()) {
                listAsBuilding(dealershipId);
            }
            // listed before the config changes: roll-ups stop reading the old generation's copies before its
            // publishers stop keeping them; in the old generation's shard too, when the dealership changes group, so
            // that a group's roll-up reading that shard alone does not take the old listing for the current one
            list(dealershipId, next);
            if (shardOf(dealershipId, current) != shardOf(dealershipId, next)) {
                list(dealershipId, next, shardOf(dealershipId, current));
            }
            raiseListingsVersion();
            try {
                db.putItem(r -> r.tableName(table).item(configItem(dealershipId, next)).conditionExpression("#gen = :gen")
                        .expressionAttributeNames(Map.of("#gen", GENERATION))
                        .expressionAttributeValues(Map.of(":gen", n(current.generation()))));
                return true;
            } catch (ConditionalCheckFailedException changedMeanwhile) {
                return false;
            }
        });
    }

    @Override
    public void listAsBuilding(String dealershipId) {
        try {
            db.putItem(r -> r.tableName(table).item(buildingKey(dealershipId)).conditionExpression("attribute_not_exists(#pk)")
                    .expressionAttributeNames(Map.of("#pk", PK)));
        } catch (ConditionalCheckFailedException listedAlready) {
            // the same marker whoever wrote it
        }
    }

    @Override
    public BuildProgress buildProgress(String dealershipId, long generation) {
        Map<String, AttributeValue> marker = DynamoErrors.call("read how far a build has got", () ->
                db.getItem(r -> r.tableName(table).key(buildingKey(dealershipId)).consistentRead(true)).item());
        if (marker == null || !marker.containsKey(BUILD_GENERATION)
                || Long.parseLong(marker.get(BUILD_GENERATION).n()) != generation) {
            return BuildProgress.NONE;
        }
        return new BuildProgress(Optional.ofNullable(marker.get(BUILT_THROUGH)).map(AttributeValue::s),
                Optional.ofNullable(marker.get(USAGE_BUILT_THROUGH)).map(AttributeValue::s));
    }

    @Override
    public void recordBuildProgress(String dealershipId, long generation, BuildProgress progress) {
        // the whole of one generation's progress, what it lacks removed: a marker outlives a generation that a new one
        // supersedes, and the new one must not go on after what the old one counted
        Map<String, String> names = new HashMap<>(Map.of("#g", BUILD_GENERATION, "#pk", PK, "#a", BUILT_THROUGH,
                "#e", USAGE_BUILT_THROUGH));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":g", n(generation)));
        List<String> set = new ArrayList<>(List.of("#g = :g"));
        List<String> remove = new ArrayList<>();
        progress.agreements().ifPresentOrElse(through -> {
            set.add("#a = :a");
            values.put(":a", s(through));
        }, () -> remove.add("#a"));
        progress.events().ifPresentOrElse(through -> {
            set.add("#e = :e");
            values.put(":e", s(through));
        }, () -> remove.add("#e"));
        String update = "SET " + String.join(", ", set) + (remove.isEmpty() ? "" : " REMOVE " + String.join(", ", remove));
        DynamoErrors.call("record how far a build has got", () -> {
            try {
                db.updateItem(r -> r.tableName(table).key(buildingKey(dealershipId)).updateExpression(update)
                        .conditionExpression("attribute_exists(#pk)").expressionAttributeNames(names)
                        .expressionAttributeValues(values));
            } catch (ConditionalCheckFailedException builtMeanwhile) {
                // marked ready (by a sweep racing this one): nothing left to resume
            }
            return null;
        });
    }

    private static Map<String, AttributeValue> configItem(String dealershipId, AggregateConfig config) {
        Map<String, AttributeValue> item = new HashMap<>(configKey(dealershipId));
        item.put(GENERATION, n(config.generation()));
        item.put(ZONE, s(config.zone().getId()));
        if (config.group() != null) {
            item.put(GROUP, s(config.group()));
        }
        item.put(AGGREGATE_STATE, s(config.ready() ? READY : BUILDING));
        item.put(SINCE, s(instant(config.since())));
        if (config.ready()) {
            item.put(FORMAT, n(config.format()));
        }
        return item;
    }

    @Override
    public void markReady(String dealershipId, long generation) {
        DynamoErrors.call("mark aggregates ready", () -> {
            Optional<AggregateConfig> ready;
            try {
                // stamped with this version's format as it completes: a generation the version before completed
                // (made ready) keeps none
                ready = config(db.updateItem(r -> r.tableName(table).key(configKey(dealershipId))
                        .updateExpression("SET #state = :ready, #fmt = :fmt").conditionExpression("#gen = :gen AND #state = :building")
                        .expressionAttributeNames(Map.of("#state", AGGREGATE_STATE, "#gen", GENERATION, "#fmt", FORMAT))
                        .expressionAttributeValues(Map.of(":ready", s(READY), ":building", s(BUILDING), ":gen", n(generation),
                                ":fmt", n(AggregateConfig.CURRENT_FORMAT)))
                        .returnValues(ReturnValue.ALL_NEW)).attributes());
            } catch (ConditionalCheckFailedException readyOrNewer) {
                // ready already (a marker a crash left behind), or a newer generation started meanwhile: that one is
                // built on its own
                ready = config(dealershipId).filter(config -> config.generation() == generation && config.ready());
            }
            // listed ready after the config is, and unmarked after that: a marker left by a crash brings the build
            // back here, which lists it again
            ready.ifPresent(config -> {
                list(dealershipId, config);
                db.deleteItem(r -> r.tableName(table).key(buildingKey(dealershipId)));
            });
            return null;
        });
    }

    @Override
    public List<String> building() {
        List<String> dealerships = new ArrayList<>();
        QueryRequest query = QueryRequest.builder().tableName(table).consistentRead(true)
                .keyConditionExpression("#pk = :pk").expressionAttributeNames(Map.of("#pk", PK))
                .expressionAttributeValues(Map.of(":pk", s(BUILDING_PK))).build();
        DynamoErrors.call("list aggregates being built", () -> {
            for (QueryResponse page : db.queryPaginator(query)) {
                page.items().forEach(item -> dealerships.add(item.get(SK).s()));
            }
            return null;
        });
        return dealerships;
    }

    @Override
    public long pending() {
        return DynamoErrors.call("count the outbox", () -> {
            long pending = 0;
            for (int shard = 0; shard < OUTBOX_SHARDS; shard++) {
                QueryRequest query = QueryRequest.builder().tableName(table).indexName(OUTBOX_INDEX)
                        .keyConditionExpression("#pk = :pk").select(Select.COUNT)
                        .expressionAttributeNames(Map.of("#pk", OUTBOX_PK))
                        .expressionAttributeValues(Map.of(":pk", s("OB#" + shard))).build();
                for (QueryResponse page : db.queryPaginator(query)) {
                    pending += page.count();
                }
            }
            return pending;
        });
    }

    @Override
    public void recordSweep(Instant at) {
        DynamoErrors.call("record the sweep", () -> db.updateItem(r -> r.tableName(table).key(statusKey())
                .updateExpression("SET #at = :at").expressionAttributeNames(Map.of("#at", LAST_SWEEP))
                .expressionAttributeValues(Map.of(":at", s(instant(at))))));
    }

    @Override
    public Layout layout() {
        Map<String, AttributeValue> status = DynamoErrors.call("read the roll-ups' layout", () -> db.getItem(r -> r
                .tableName(table).key(statusKey()).consistentRead(true).projectionExpression("#l, #f")
                .expressionAttributeNames(Map.of("#l", LAYOUT, "#f", LISTINGS_FORGOTTEN))).item());
        AttributeValue forgotten = status == null ? null : status.get(LISTINGS_FORGOTTEN);
        return new Layout(laidOutAsRecorded(status), forgotten != null && Integer.parseInt(forgotten.n()) == networkShards,
                forgotten != null);
    }

    /** A table without a recorded layout has the one every version before the setting wrote: the default. */
    private boolean laidOutAsRecorded(Map<String, AttributeValue> statusItem) {
        AttributeValue recorded = statusItem == null ? null : statusItem.get(LAYOUT);
        return (recorded == null ? NETWORK_SHARDS : Integer.parseInt(recorded.n())) == networkShards;
    }

    /**
     * After the listing of a new generation, before the config that begins it: a roll-up that read the listings after
     * this (and so saw the new generation listed) reads this version or a later one; one that read them before sees
     * a later version beside its copies, so it cannot take the old generation's copies for current once publishers
     * keep only the new one's (which may leave a month of the old one's behind without a copy of the new one).
     */
    private void raiseListingsVersion() {
        DynamoErrors.call("raise the listings' version", () -> db.updateItem(r -> r.tableName(table).key(statusKey())
                .updateExpression("ADD #v :one").expressionAttributeNames(Map.of("#v", LISTINGS_VERSION))
                .expressionAttributeValues(Map.of(":one", n(1)))));
    }

    /** Sets {@code attribute} of the status item to this layout's shard count, raising the listings' version in the same write. */
    private void recordShardsRaisingVersion(String attribute, String what) {
        DynamoErrors.call(what, () -> db.updateItem(r -> r.tableName(table).key(statusKey())
                .updateExpression("SET #s = :s ADD #v :one").expressionAttributeNames(Map.of("#s", attribute, "#v", LISTINGS_VERSION))
                .expressionAttributeValues(Map.of(":s", n(networkShards), ":one", n(1)))));
    }

    @Override
    public long listingsVersion() {
        return listingsVersion(DynamoErrors.call("read the listings' version", () -> db.getItem(r -> r.tableName(table)
                .key(statusKey()).consistentRead(true).projectionExpression("#v")
                .expressionAttributeNames(Map.of("#v", LISTINGS_VERSION))).item()));
    }

    private static long listingsVersion(Map<String, AttributeValue> statusItem) {
        AttributeValue version = statusItem == null ? null : statusItem.get(LISTINGS_VERSION);
        return version == null ? 0 : Long.parseLong(version.n());
    }

    @Override
    public void forgetListings() {
        for (int shard = 0; shard < networkShards; shard++) {
            Map<String, AttributeValue> key = networkListingKey(shard, networkShards);
            DynamoErrors.call("forget the listings of a layout", () -> db.deleteItem(r -> r.tableName(table).key(key)));
        }
        recordShardsRaisingVersion(LISTINGS_FORGOTTEN, "record the listings forgotten");
    }

    @Override
    public void clearListingsForgotten() {
        DynamoErrors.call("clear the listings forgotten", () -> db.updateItem(r -> r.tableName(table).key(statusKey())
                .updateExpression("REMOVE #f").expressionAttributeNames(Map.of("#f", LISTINGS_FORGOTTEN))));
    }

    @Override
    public void recordLayout() {
        recordShardsRaisingVersion(LAYOUT, "record the roll-ups' layout");
    }

    @Override
    public Instant formatSince(Instant now) {
        return DynamoErrors.call("record when the aggregates' format came", () -> parseInstant(db.updateItem(r -> r
                .tableName(table).key(statusKey()).updateExpression("SET #f = if_not_exists(#f, :now)")
                .expressionAttributeNames(Map.of("#f", FORMAT_SINCE)).expressionAttributeValues(Map.of(":now", s(instant(now))))
                .returnValues(ReturnValue.ALL_NEW)).attributes().get(FORMAT_SINCE).s()));
    }

    @Override
    public void forgetFormatSince() {
        DynamoErrors.call("forget when the aggregates' format came", () -> {
            try {
                db.updateItem(r -> r.tableName(table).key(statusKey()).updateExpression("REMOVE #f")
                        .conditionExpression("attribute_exists(#f)").expressionAttributeNames(Map.of("#f", FORMAT_SINCE)));
            } catch (ConditionalCheckFailedException forgottenAlready) {
                // nothing to forget
            }
            return null;
        });
    }

    @Override
    public boolean summarizeInPlace(String dealershipId, AggregateConfig config) {
        return DynamoErrors.call("summarize months in place", () -> {
            for (QueryResponse page : db.queryPaginator(monthsQuery(dealershipId, config.generation()))) {
                page.items().forEach(item -> summarize(dealershipId, homeOf(item), summary(item)));
            }
            try {
                db.updateItem(r -> r.tableName(table).key(configKey(dealershipId)).updateExpression("SET #fmt = :fmt")
                        .conditionExpression("#gen = :gen AND #state = :ready AND attribute_not_exists(#fmt)")
                        .expressionAttributeNames(Map.of("#fmt", FORMAT, "#gen", GENERATION, "#state", AGGREGATE_STATE))
                        .expressionAttributeValues(Map.of(":fmt", n(AggregateConfig.CURRENT_FORMAT), ":gen",
                                n(config.generation()), ":ready", s(READY))));
                return true;
            } catch (ConditionalCheckFailedException changedMeanwhile) {
                // a new generation began, or another sweep stamped it: nothing to do
                return false;
            }
        });
    }

    @Override
    public void recordVerification(Verification verification) {
        AttributeValue value = AttributeValue.fromM(Map.of("at", s(instant(verification.at())),
                "checked", n(verification.checked()), "mismatches", n(verification.mismatches()),
                "unchecked", n(verification.unchecked())));
        DynamoErrors.call("record the verification", () -> db.updateItem(r -> r.tableName(table).key(statusKey())
                .updateExpression("SET #v = :v").expressionAttributeNames(Map.of("#v", LAST_VERIFICATION))
                .expressionAttributeValues(Map.of(":v", value))));
    }

    @Override
    public Status status() {
        Map<String, AttributeValue> item = DynamoErrors.call("read the aggregates' status", () ->
                db.getItem(r -> r.tableName(table).key(statusKey()).consistentRead(true)).item());
        if (item == null || item.isEmpty()) {
            return new Status(Optional.empty(), Optional.empty());
        }
        Optional<Instant> lastSweep = Optional.ofNullable(item.get(LAST_SWEEP)).map(v -> parseInstant(v.s()));
        Optional<Verification> verification = Optional.ofNullable(item.get(LAST_VERIFICATION)).map(AttributeValue::m)
                .map(m -> new Verification(parseInstant(m.get("at").s()), Integer.parseInt(m.get("checked").n()),
                        Integer.parseInt(m.get("mismatches").n()),
                        // recorded by a version before it counted them: none it could tell of
                        m.containsKey("unchecked") ? Integer.parseInt(m.get("unchecked").n()) : 0));
        return new Status(lastSweep, verification);
    }

    @Override
    public MonthSummary publish(String dealershipId, Home home, MonthCounts.Wanted wanted) {
        Map<String, AttributeValue> key = monthKey(dealershipId, home);
        return DynamoErrors.call("publish counts", () -> {
            // first as for a new agreement (no register yet); a failed condition says what the month holds
            MonthCounts.Stored stored = MonthCounts.Stored.nothingOf(wanted);
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                MonthCounts.Change change = MonthCounts.change(wanted, stored);
                if (change.isEmpty()) {
                    return summary(db.getItem(r -> r.tableName(table).key(key).consistentRead(true)).item());
                }
                try {
                    return summary(write(key, change));
                } catch (ConditionalCheckFailedException changedMeanwhile) {
                    Map<String, AttributeValue> item = changedMeanwhile.hasItem() && !changedMeanwhile.item().isEmpty()
                            ? changedMeanwhile.item()
                            : db.getItem(r -> r.tableName(table).key(key).consistentRead(true)).item();
                    stored = stored(item, wanted);
                }
            }
            throw new ConcurrentChangeException("The counts of " + home.month() + " at dealership " + dealershipId);
        });
    }

    /** The month item after the write (what its copies are made of). */
    private Map<String, AttributeValue> write(Map<String, AttributeValue> key, MonthCounts.Change change) {
        Expression expression = new Expression();
        change.registers().forEach((id, register) -> expression.replace(registerAttribute(id.stage(), id.agreementId()),
                register.format(), change.expected().get(id).map(Register::format)));
        change.sales().forEach((agreement, record) -> expression.replace(saleAttribute(agreement), record.format(),
                change.expectedSales().get(agreement).map(SaleRecord::format)));
        change.cohorts().forEach((agreement, record) -> expression.replace(cohortAttribute(agreement), record.format(),
                change.expectedCohorts().get(agreement).map(CohortRecord::format)));
        change.counters().forEach((counter, delta) -> expression.add(counterAttribute(counter.stage(), counter.day()), delta));
        change.cohortCounters().forEach((counter, delta) ->
                expression.add(cohortCounterAttribute(counter.stage(), counter.day()), delta));
        expression.add(MONTH_VERSION, 1);
        return db.updateItem(r -> r.tableName(table).key(key).updateExpression(expression.update())
                .conditionExpression(expression.condition())
                .expressionAttributeNames(expression.names).expressionAttributeValues(expression.values)
                .returnValues(ReturnValue.ALL_NEW)
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)).attributes();
    }

    /** What the reports read of a month item (none: no item). */
    private static MonthSummary summary(Map<String, AttributeValue> item) {
        if (item == null || item.isEmpty()) {
            return MonthSummary.none();
        }
        // a month item written before the network copies has no version yet: its first write gives it 1
        AttributeValue version = item.get(MONTH_VERSION);
        return new MonthSummary(version == null ? 0 : Long.parseLong(version.n()), counters(item, TableLayout::counterAttribute),
                counters(item, TableLayout::cohortCounterAttribute), sales(item));
    }

    @Override
    public void copyToNetwork(String dealershipId, AggregateConfig config, Home home, MonthSummary month) {
        NetworkRegister copy = new NetworkRegister(home.generation(), month.version(), month.milestones());
        forward(networkMonthKey(home.month(), shardOf(dealershipId, config), networkShards),
                networkCopyAttribute(dealershipId), copy.format(), "copy counts to the network");
    }

    @Override
    public void summarize(String dealershipId, Home home, MonthSummary month) {
        forward(summaryKey(dealershipId, home), SUMMARY, month.format(), "summarize a month");
    }

    @Override
    public void list(String dealershipId, AggregateConfig config) {
        list(dealershipId, config, shardOf(dealershipId, config));
    }

    private void list(String dealershipId, AggregateConfig config, int shard) {
        forward(networkListingKey(shard, networkShards), networkListingAttribute(dealershipId),
                NetworkListing.of(config).format(), "list aggregates in the network");
    }

    private int shardOf(String dealershipId, AggregateConfig config) {
        return networkShard(dealershipId, config.group(), networkShards);
    }

    /**
     * Sets an attribute whose values order as they are meant to move (a fixed-width version first) to {@code value},
     * unless it holds that value or a later one: a late or repeated write changes nothing.
     */
    private void forward(Map<String, AttributeValue> key, String attribute, String value, String what) {
        DynamoErrors.call(what, () -> {
            try {
                db.updateItem(r -> r.tableName(table).key(key).updateExpression("SET #a = :v")
                        .conditionExpression("attribute_not_exists(#a) OR #a < :v")
                        .expressionAttributeNames(Map.of("#a", attribute)).expressionAttributeValues(Map.of(":v", s(value))));
            } catch (ConditionalCheckFailedException heldAlready) {
                // the same or a later value stands
            }
            return null;
        });
    }

    /**
     * Of a dealership listed in several shards (it changed groups), the latest listing: listings only move forward,
     * and their format orders as they move. In a layout not yet recorded (its first sweep has not run) nothing is
     * listed: what an earlier stint in it listed may be superseded.
     */
    @Override
    public Map<String, NetworkListing> networkListings(Optional<String> group) {
        java.util.concurrent.atomic.AtomicReference<Map<String, AttributeValue>> status = new java.util.concurrent.atomic.AtomicReference<>();
        Map<String, NetworkListing> listings = listings(group, status::set);
        return laidOutAsRecorded(status.get()) ? listings : Map.of();
    }

    @Override
    public Map<String, NetworkListing> layoutListings() {
        return listings(Optional.empty(), status -> { });
    }

    /** The listings of the whole network or a group's share, and beside them (the same request) the status item. */
    private Map<String, NetworkListing> listings(Optional<String> group, java.util.function.Consumer<Map<String, AttributeValue>> status) {
        Map<String, NetworkListing> listings = new HashMap<>();
        Map<String, String> latestListing = new HashMap<>();
        List<Map<String, AttributeValue>> listingKeys = new ArrayList<>(List.of(statusKey()));
        shardsOf(group).forEach(shard -> listingKeys.add(networkListingKey(shard, networkShards)));
        BatchReads.readAll(db, table, listingKeys, "read the network's listing", item -> {
            if (item.get(PK).s().equals(AGGREGATES_STATUS_PK)) {
                status.accept(item);
                return;
            }
            item.forEach((attribute, value) -> networkDealershipOf(attribute)
                    .filter(dealership -> later(latestListing, dealership, value.s()))
                    .ifPresent(dealership -> listings.put(dealership, NetworkListing.parse(value.s()))));
        });
        return listings;
    }

    /** Of a dealership copied in several shards (it changed groups), the latest copy of each month, as listings. */
    @Override
    public NetworkCopies networkCopies(Optional<String> group, List<YearMonth> months) {
        List<Integer> shards = shardsOf(group);
        List<Map<String, AttributeValue>> keys = new ArrayList<>(List.of(statusKey()));
        for (YearMonth month : months) {
            shards.forEach(shard -> keys.add(networkMonthKey(month, shard, networkShards)));
        }
        Map<YearMonth, Map<String, String>> copies = new LinkedHashMap<>();
        months.forEach(month -> copies.put(month, new HashMap<>()));
        java.util.concurrent.atomic.AtomicLong version = new java.util.concurrent.atomic.AtomicLong();
        BatchReads.readAll(db, table, keys, "read the network's counts", item -> {
            if (item.get(PK).s().equals(AGGREGATES_STATUS_PK)) {
                version.set(listingsVersion(item));
                return;
            }
            YearMonth month = networkMonthOf(item);
            item.forEach((attribute, value) -> networkDealershipOf(attribute)
                    .ifPresent(dealership -> later(copies.get(month), dealership, value.s())));
        });
        return new NetworkCopies(version.get(), copies);
    }

    /** The shards of the whole network, or of one dealer group's share. */
    private List<Integer> shardsOf(Optional<String> group) {
        return group.map(g -> List.of(networkShard(null, g, networkShards)))
                .orElseGet(() -> java.util.stream.IntStream.range(0, networkShards).boxed().toList());
    }

    /** Whether {@code value} is a dealership's first or latest seen so far (and it is now the latest). */
    private static boolean later(Map<String, String> latest, String dealershipId, String value) {
        String seen = latest.get(dealershipId);
        if (seen != null && seen.compareTo(value) >= 0) {
            return false;
        }
        latest.put(dealershipId, value);
        return true;
    }

    @Override
    public Copies copies(String dealershipId, AggregateConfig config, List<YearMonth> months) {
        int shard = shardOf(dealershipId, config);
        List<Map<String, AttributeValue>> keys = new ArrayList<>(List.of(networkListingKey(shard, networkShards)));
        months.forEach(month -> keys.add(networkMonthKey(month, shard, networkShards)));
        java.util.concurrent.atomic.AtomicReference<NetworkListing> listing = new java.util.concurrent.atomic.AtomicReference<>();
        Map<YearMonth, NetworkRegister> copies = new java.util.TreeMap<>();
        Map<String, String> names = Map.of("#pk", PK, "#c", networkCopyAttribute(dealershipId),
                "#l", networkListingAttribute(dealershipId));
        BatchReads.readAll(db, table, keys, read -> read.projectionExpression("#pk, #c, #l").expressionAttributeNames(names),
                "read a dealership's network copies", item -> {
                    if (item.containsKey(networkListingAttribute(dealershipId))) {
                        listing.set(NetworkListing.parse(item.get(networkListingAttribute(dealershipId)).s()));
                    }
                    if (item.containsKey(networkCopyAttribute(dealershipId))) {
                        copies.put(networkMonthOf(item), NetworkRegister.parse(item.get(networkCopyAttribute(dealershipId)).s()));
                    }
                });
        return new Copies(Optional.ofNullable(listing.get()), copies);
    }

    /** A month item's update: attributes replaced on the condition of their old values, counters added to. */
    private static final class Expression {
        private final Map<String, String> names = new HashMap<>();
        private final Map<String, AttributeValue> values = new HashMap<>();
        private final List<String> sets = new ArrayList<>();
        private final List<String> adds = new ArrayList<>();
        private final List<String> conditions = new ArrayList<>();

        void replace(String attribute, String value, Optional<String> expected) {
            String name = "#a" + names.size();
            names.put(name, attribute);
            String placeholder = ":v" + values.size();
            values.put(placeholder, s(value));
            sets.add(name + " = " + placeholder);
            if (expected.isPresent()) {
                String old = ":v" + values.size();
                values.put(old, s(expected.get()));
                conditions.add(name + " = " + old);
            } else {
                conditions.add("attribute_not_exists(" + name + ")");
            }
        }

        void add(String attribute, long delta) {
            String name = "#a" + names.size();
            names.put(name, attribute);
            String placeholder = ":v" + values.size();
            values.put(placeholder, n(delta));
            adds.add(name + " " + placeholder);
        }

        String update() {
            return "SET " + String.join(", ", sets) + (adds.isEmpty() ? "" : " ADD " + String.join(", ", adds));
        }

        String condition() {
            return String.join(" AND ", conditions);
        }
    }

    private static MonthCounts.Stored stored(Map<String, AttributeValue> item, MonthCounts.Wanted wanted) {
        Map<MonthCounts.RegisterId, Optional<Register>> registers = new HashMap<>();
        for (MonthCounts.RegisterId id : wanted.registers().keySet()) {
            AttributeValue value = item == null ? null : item.get(registerAttribute(id.stage(), id.agreementId()));
            registers.put(id, value == null ? Optional.empty() : Optional.of(Register.parse(value.s())));
        }
        Map<String, Optional<SaleRecord>> sales = new HashMap<>();
        for (String agreement : wanted.sales().keySet()) {
            AttributeValue value = item == null ? null : item.get(saleAttribute(agreement));
            sales.put(agreement, value == null ? Optional.empty() : Optional.of(SaleRecord.parse(value.s())));
        }
        Map<String, Optional<CohortRecord>> cohorts = new HashMap<>();
        for (String agreement : wanted.cohorts().keySet()) {
            AttributeValue value = item == null ? null : item.get(cohortAttribute(agreement));
            cohorts.put(agreement, value == null ? Optional.empty() : Optional.of(CohortRecord.parse(value.s())));
        }
        return new MonthCounts.Stored(registers, sales, cohorts);
    }

    @Override
    public void published(String dealershipId, String agreementId, Stage stage, long version, Set<String> staleHomes) {
        DynamoErrors.call("clear outbox flag", () -> {
            try {
                db.updateItem(MilestoneWrite.of(dealershipId, agreementId, stage, clock.instant())
                        .published(version, staleHomes).request(table).build());
            } catch (ConditionalCheckFailedException changedSince) {
                // a later change keeps the flag: its own publication (or the sweep) clears it
            }
            return null;
        });
    }

    @Override
    public MilestoneState addHome(String dealershipId, String agreementId, Stage stage, String homeKey) {
        return DynamoErrors.call("add a home", () -> AgreementItems.state(agreementId, stage, db.updateItem(
                MilestoneWrite.of(dealershipId, agreementId, stage, clock.instant()).home(homeKey).existing()
                        .request(table).returnValues(ReturnValue.ALL_NEW).build()).attributes()));
    }

    @Override
    public Map<YearMonth, MonthSummary> summaries(String dealershipId, long generation, List<YearMonth> months) {
        Map<YearMonth, MonthSummary> read = new LinkedHashMap<>();
        months.forEach(month -> read.put(month, MonthSummary.none()));
        List<Map<String, AttributeValue>> keys = months.stream().map(month -> summaryKey(dealershipId, new Home(generation, month))).toList();
        BatchReads.readAll(db, table, keys, "read month summaries", item -> read.put(
                Home.parse(homeKeyOfSummarySk(item.get(SK).s())).month(), MonthSummary.parse(item.get(SUMMARY).s())));
        return read;
    }

    /** The milestone moments of each agreement a month item records as sold in it (tombstones left out). */
    private static List<Map<Stage, Instant>> sales(Map<String, AttributeValue> monthItem) {
        List<Map<Stage, Instant>> sales = new ArrayList<>();
        monthItem.forEach((attribute, value) -> {
            if (isSaleAttribute(attribute)) {
                SaleRecord record = SaleRecord.parse(value.s());
                if (record.isSale()) {
                    sales.add(record.moments());
                }
            }
        });
        return sales;
    }

    @Override
    public Map<YearMonth, MonthSummary> allMonths(String dealershipId, long generation) {
        Map<YearMonth, MonthSummary> months = new java.util.TreeMap<>();
        DynamoErrors.call("read every month's counts", () -> {
            for (QueryResponse page : db.queryPaginator(monthsQuery(dealershipId, generation))) {
                page.items().forEach(item -> months.put(monthOf(item), summary(item)));
            }
            return null;
        });
        return months;
    }

    @Override
    public Map<String, Map<Stage, Instant>> everyMilestone(String dealershipId) {
        Map<String, Map<Stage, Instant>> agreements = new HashMap<>();
        for (Stage stage : Stage.values()) {
            milestoneIndex.milestoneRows(dealershipId, stage, Instant.EPOCH, FAR_FUTURE, row ->
                    agreements.computeIfAbsent(row.agreementId(), id -> new EnumMap<>(Stage.class)).put(stage, row.at()));
        }
        return agreements;
    }

    @Override
    public void agreements(String dealershipId, Instant from, java.util.function.Consumer<Place> sink) {
        // every agreement with a milestone has a contact: a later stage back-fills it
        milestoneIndex.milestoneRows(dealershipId, Stage.CONTACTED, from, FAR_FUTURE,
                row -> sink.accept(new Place(row.at(), row.agreementId())));
    }

    /** Every month item of a generation, read consistently. */
    private QueryRequest monthsQuery(String dealershipId, long generation) {
        return QueryRequest.builder().tableName(table).consistentRead(true)
                .keyConditionExpression("#pk = :pk AND begins_with(#sk, :gen)")
                .expressionAttributeNames(Map.of("#pk", PK, "#sk", SK))
                .expressionAttributeValues(Map.of(":pk", s(aggregatePk(dealershipId)), ":gen", s(monthSk(generation + "#"))))
                .build();
    }

    private static Home homeOf(Map<String, AttributeValue> monthItem) {
        return Home.parse(monthItem.get(SK).s().substring(MONTH_PREFIX.length()));
    }

    private static YearMonth monthOf(Map<String, AttributeValue> monthItem) {
        return homeOf(monthItem).month();
    }

    /** One kind of a month item's counters ({@code attribute} names them by stage and day), each stage by day. */
    private static Map<Stage, long[]> counters(Map<String, AttributeValue> monthItem,
                                               java.util.function.BiFunction<Stage, Integer, String> attribute) {
        Map<Stage, long[]> byDay = MonthCounts.byDay(Map.of());
        for (Stage stage : Stage.values()) {
            for (int day = 1; day <= 31; day++) {
                AttributeValue value = monthItem.get(attribute.apply(stage, day));
                if (value != null) {
                    byDay.get(stage)[day] = Long.parseLong(value.n());
                }
            }
        }
        return byDay;
    }

    @Override
    public Agreement agreement(String dealershipId, String agreementId) {
        List<MilestoneState> milestones = new ArrayList<>();
        List<UsageEvent> events = new ArrayList<>();
        QueryRequest query = QueryRequest.builder().tableName(table).consistentRead(true)
                .keyConditionExpression("#pk = :pk").expressionAttributeNames(Map.of("#pk", PK))
                .expressionAttributeValues(Map.of(":pk", s(agreementPk(dealershipId, agreementId)))).build();
        DynamoErrors.call("read the agreement", () -> {
            for (QueryResponse page : db.queryPaginator(query)) {
                for (Map<String, AttributeValue> item : page.items()) {
                    String sk = item.get(SK).s();
                    if (sk.startsWith(MILESTONE_PREFIX)) {
                        milestones.add(AgreementItems.state(agreementId, stageOfMilestoneSk(sk), item));
                    } else if (sk.startsWith(HISTORY_PREFIX)) {
                        events.add(AgreementItems.usageEvent(item));
                    }
                }
            }
            return null;
        });
        return new Agreement(milestones, events);
    }

    @Override
    public void countUsage(String dealershipId, long generation, LocalDate day, UsageEvent event) {
        Map<String, AttributeValue> key = usageKey(dealershipId, generation, day);
        Map<String, String> names = Map.of("#t", USAGE_TOTAL, "#s", usageStatusAttribute(event.status()),
                "#u", usageUserAttribute(event.userId()), "#e", USAGE_EVENTS, "#v", USAGE_VOIDED);
        AttributeValue id = s(event.eventId());
        AttributeValue ids = AttributeValue.fromSs(List.of(event.eventId()));
        DynamoErrors.call("count usage", () -> {
            if (event.counting()) {
                try {
                    db.updateItem(r -> r.tableName(table).key(key).updateExpression("ADD #t :one, #s :one, #u :one, #e :ids")
                            .conditionExpression("NOT contains(#e, :id) AND NOT contains(#v, :id)")
                            .expressionAttributeNames(names)
                            .expressionAttributeValues(Map.of(":one", n(1), ":ids", ids, ":id", id)));
                } catch (ConditionalCheckFailedException countedOrVoided) {
                    // counted already (a retry, the sweep), or voided first: either way nothing more to count
                }
                return null;
            }
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                try {
                    db.updateItem(r -> r.tableName(table).key(key)
                            .updateExpression("ADD #t :minus, #s :minus, #u :minus, #v :ids DELETE #e :ids")
                            .conditionExpression("contains(#e, :id)").expressionAttributeNames(names)
                            .expressionAttributeValues(Map.of(":minus", n(-1), ":ids", ids, ":id", id)));
                    return null;
                } catch (ConditionalCheckFailedException notCounted) {
                    try {
                        // never counted here: only the tombstone, so that a late count of it is refused
                        db.updateItem(r -> r.tableName(table).key(key).updateExpression("ADD #v :ids")
                                .conditionExpression("NOT contains(#e, :id)")
                                .expressionAttributeNames(Map.of("#e", USAGE_EVENTS, "#v", USAGE_VOIDED))
                                .expressionAttributeValues(Map.of(":ids", ids, ":id", id)));
                        return null;
                    } catch (ConditionalCheckFailedException countedMeanwhile) {
                        // a count landed in between: take it out
                    }
                }
            }
            throw new ConcurrentChangeException("The usage of " + day + " at dealership " + dealershipId);
        });
    }

    @Override
    public void usagePublished(String dealershipId, String agreementId, UsageEvent event) {
        Map<String, AttributeValue> key = Map.of(PK, s(agreementPk(dealershipId, agreementId)),
                SK, s(historySk(event.at(), event.eventId())));
        DynamoErrors.call("clear the history flag", () -> {
            try {
                db.updateItem(r -> r.tableName(table).key(key).updateExpression("REMOVE #obpk, #obsk")
                        .conditionExpression(event.counting() ? "attribute_not_exists(#vat)" : "attribute_exists(#vat)")
                        .expressionAttributeNames(Map.of("#obpk", OUTBOX_PK, "#obsk", OUTBOX_SK, "#vat", VOIDED_AT)));
            } catch (ConditionalCheckFailedException voidedSince) {
                // voided after this state was read: the void's own publication (or the sweep) clears it
            }
            return null;
        });
    }

    @Override
    public Map<LocalDate, UsageDay> usage(String dealershipId, long generation, LocalDate from, LocalDate to) {
        Map<LocalDate, UsageDay> usage = new java.util.TreeMap<>();
        List<LocalDate> days = from.datesUntil(to.plusDays(1)).toList();
        days.forEach(day -> usage.put(day, UsageDay.none()));
        if (days.size() <= USAGE_DAYS_BY_KEY) {
            BatchReads.readAll(db, table, days.stream().map(day -> usageKey(dealershipId, generation, day)).toList(),
                    "read usage", item -> usage.put(dayOf(item), usageDay(item)));
            return usage;
        }
        // a long range (range=all, years back) in keys would be a consistent read of every day, each on this one
        // partition; its days with updates, in pages of 1 MB, are far fewer
        QueryRequest query = QueryRequest.builder().tableName(table).consistentRead(true)
                .keyConditionExpression("#pk = :pk AND #sk BETWEEN :from AND :to")
                .expressionAttributeNames(Map.of("#pk", PK, "#sk", SK))
                .expressionAttributeValues(Map.of(":pk", s(aggregatePk(dealershipId)), ":from", s(usageSk(generation, from)),
                        ":to", s(usageSk(generation, to))))
                .build();
        DynamoErrors.call("read a long range's usage", () -> {
            for (QueryResponse page : db.queryPaginator(query)) {
                page.items().forEach(item -> usage.put(dayOf(item), usageDay(item)));
            }
            return null;
        });
        return usage;
    }

    @Override
    public Map<LocalDate, UsageDay> allUsage(String dealershipId, long generation) {
        Map<LocalDate, UsageDay> usage = new java.util.TreeMap<>();
        QueryRequest query = QueryRequest.builder().tableName(table).consistentRead(true)
                .keyConditionExpression("#pk = :pk AND begins_with(#sk, :gen)")
                .expressionAttributeNames(Map.of("#pk", PK, "#sk", SK))
                .expressionAttributeValues(Map.of(":pk", s(aggregatePk(dealershipId)), ":gen", s(usageSk(generation, null))))
                .build();
        DynamoErrors.call("read every day's usage", () -> {
            for (QueryResponse page : db.queryPaginator(query)) {
                page.items().forEach(item -> usage.put(dayOf(item), usageDay(item)));
            }
            return null;
        });
        return usage;
    }

    @Override
    public Optional<LocalDate> firstUsageDay(String dealershipId, long generation) {
        QueryRequest query = QueryRequest.builder().tableName(table).consistentRead(true)
                .keyConditionExpression("#pk = :pk AND begins_with(#sk, :gen)").filterExpression("#t > :none")
                .projectionExpression("#sk").limit(FIRST_DAYS_PAGE)
                .expressionAttributeNames(Map.of("#pk", PK, "#sk", SK, "#t", USAGE_TOTAL))
                .expressionAttributeValues(Map.of(":pk", s(aggregatePk(dealershipId)), ":gen", s(usageSk(generation, null)),
                        ":none", n(0)))
                .build();
        // a day whose every update was voided keeps its item, at 0: the filter passes over it
        return DynamoErrors.call("read the first day's usage", () -> db.queryPaginator(query).items().stream()
                .findFirst().map(DynamoCountsStore::dayOf));
    }

    @Override
    public void events(String dealershipId, java.util.function.Consumer<UsageEvent> sink) {
        events(QueryRequest.builder().tableName(table).indexName(ACTIVITY_INDEX)
                .keyConditionExpression("#pk = :pk").expressionAttributeNames(Map.of("#pk", GSI2_PK))
                .expressionAttributeValues(Map.of(":pk", s(activityIndexPk(dealershipId)))).build(), sink);
    }

    /** The index orders an update by its moment, then its id, as a build does. */
    @Override
    public void events(String dealershipId, Place after, java.util.function.Consumer<UsageEvent> sink) {
        events(QueryRequest.builder().tableName(table).indexName(ACTIVITY_INDEX)
                .keyConditionExpression("#pk = :pk AND #sk > :after")
                .expressionAttributeNames(Map.of("#pk", GSI2_PK, "#sk", GSI2_SK))
                .expressionAttributeValues(Map.of(":pk", s(activityIndexPk(dealershipId)),
                        ":after", s(activityIndexSk(after.at(), after.id())))).build(), sink);
    }

    private void events(QueryRequest query, java.util.function.Consumer<UsageEvent> sink) {
        DynamoErrors.call("read activity", () -> {
            for (QueryResponse page : db.queryPaginator(query)) {
                page.items().forEach(item -> sink.accept(AgreementItems.usageEvent(item)));
            }
            return null;
        });
    }

    @Override
    public Map<LocalDate, UsageDay> recountUsage(String dealershipId, ZoneId zone) {
        Map<LocalDate, long[]> totals = new java.util.TreeMap<>();
        Map<LocalDate, Map<String, Long>> statuses = new HashMap<>();
        Map<LocalDate, Map<String, Long>> users = new HashMap<>();
        events(dealershipId, event -> {
            LocalDate day = event.at().atZone(zone).toLocalDate();
            totals.computeIfAbsent(day, d -> new long[1])[0]++;
            statuses.computeIfAbsent(day, d -> new HashMap<>()).merge(event.status(), 1L, Long::sum);
            users.computeIfAbsent(day, d -> new HashMap<>()).merge(event.userId(), 1L, Long::sum);
        });
        Map<LocalDate, UsageDay> usage = new java.util.TreeMap<>();
        totals.forEach((day, total) -> usage.put(day, new UsageDay(total[0], statuses.get(day), users.get(day))));
        return usage;
    }

    /** A day item's counts; a status or user whose updates were all voided (0) is left out. */
    private static UsageDay usageDay(Map<String, AttributeValue> item) {
        Map<String, Long> statuses = new HashMap<>();
        Map<String, Long> users = new HashMap<>();
        item.forEach((attribute, value) -> {
            usageStatusOf(attribute).filter(status -> Long.parseLong(value.n()) != 0)
                    .ifPresent(status -> statuses.put(status, Long.parseLong(value.n())));
            usageUserOf(attribute).filter(user -> Long.parseLong(value.n()) != 0)
                    .ifPresent(user -> users.put(user, Long.parseLong(value.n())));
        });
        AttributeValue total = item.get(USAGE_TOTAL);
        return new UsageDay(total == null ? 0 : Long.parseLong(total.n()), statuses, users);
    }

    private static LocalDate dayOf(Map<String, AttributeValue> usageItem) {
        String sk = usageItem.get(SK).s();
        return LocalDate.parse(sk.substring(sk.lastIndexOf('#') + 1));
    }

    private static Map<String, AttributeValue> usageKey(String dealershipId, long generation, LocalDate day) {
        return Map.of(PK, s(aggregatePk(dealershipId)), SK, s(usageSk(generation, day)));
    }

    @Override
    public List<FlaggedAgreement> flagged(Instant before) {
        Set<FlaggedAgreement> flagged = new LinkedHashSet<>();
        DynamoErrors.call("read the outbox", () -> {
            for (int shard = 0; shard < OUTBOX_SHARDS; shard++) {
                QueryRequest query = QueryRequest.builder().tableName(table).indexName(OUTBOX_INDEX)
                        .keyConditionExpression("#pk = :pk AND #sk < :before")
                        .expressionAttributeNames(Map.of("#pk", OUTBOX_PK, "#sk", OUTBOX_SK))
                        .expressionAttributeValues(Map.of(":pk", s("OB#" + shard), ":before", s(instant(before))))
                        .build();
                for (QueryResponse page : db.queryPaginator(query)) {
                    for (Map<String, AttributeValue> item : page.items()) {
                        String pk = item.get(PK).s();
                        flagged.add(new FlaggedAgreement(dealershipIdOfAgreementPk(pk), agreementIdOf(pk)));
                    }
                }
            }
            return null;
        });
        return List.copyOf(flagged);
    }

    private static Map<String, AttributeValue> configKey(String dealershipId) {
        return Map.of(PK, s(aggregatePk(dealershipId)), SK, s(AGGREGATE_CONFIG_SK));
    }

    private static Map<String, AttributeValue> buildingKey(String dealershipId) {
        return Map.of(PK, s(BUILDING_PK), SK, s(dealershipId));
    }

    private static Map<String, AttributeValue> statusKey() {
        return Map.of(PK, s(AGGREGATES_STATUS_PK), SK, s(AGGREGATES_STATUS_SK));
    }

    private static Map<String, AttributeValue> monthKey(String dealershipId, Home home) {
        return Map.of(PK, s(aggregatePk(dealershipId)), SK, s(monthSk(home.key())));
    }

    private static Map<String, AttributeValue> summaryKey(String dealershipId, Home home) {
        return Map.of(PK, s(aggregatePk(dealershipId)), SK, s(summarySk(home.key())));
    }

    private static Optional<AggregateConfig> config(Map<String, AttributeValue> item) {
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new AggregateConfig(Long.parseLong(item.get(GENERATION).n()), ZoneId.of(item.get(ZONE).s()),
                item.containsKey(GROUP) ? item.get(GROUP).s() : null, READY.equals(item.get(AGGREGATE_STATE).s()),
                parseInstant(item.get(SINCE).s()), format(item)));
    }

    /**
     * The format a generation was completed in: stamped when it became ready; one made ready without it was completed
     * by the version before summaries; one still being built is completed by whoever builds it.
     */
    private static int format(Map<String, AttributeValue> config) {
        if (config.containsKey(FORMAT)) {
            return Integer.parseInt(config.get(FORMAT).n());
        }
        return READY.equals(config.get(AGGREGATE_STATE).s()) ? 1 : AggregateConfig.CURRENT_FORMAT;
    }
}
