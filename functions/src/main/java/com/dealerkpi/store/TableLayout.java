package com.dealerkpi.store;

import com.dealerkpi.domain.Moments;
import com.dealerkpi.domain.settings.TargetField;
import com.dealerkpi.domain.settings.TargetScope;
import com.dealerkpi.domain.status.Stage;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The one place that knows the single-table layout: key formats, attribute names and indexes.
 * Ids never contain {@code #} (see {@code Ids}), so every composite key below is unambiguous.
 *
 * <pre>
 * item              pk                       sk                     index keys
 * history event     D#{dealer}#A#{agreement} E#{at}#{eventId}       GSI2 D#{dealer} / {at}#{eventId}
 * milestone         D#{dealer}#A#{agreement} M#{STAGE}              GSI1 D#{dealer}#S#{STAGE} / {at}#{R|B}
 * idempotency key   D#{dealer}#K#{sha256}    K
 * profile           PROFILES                 D#{dealer}             GSI3 R#{region} / {dealer}, GSI4 B#{brand} / {dealer},
 *                                                                    GSI5 G#{group} / {dealer}
 * scope member      P#{R|B|G}#{key}, P#N#    {dealer}               (a copy of the profile's reported fields at its
 *                                                                    version pv, or "out" since pv; pend: versions
 *                                                                    being written; docs/aggregates.md)
 * scope members     P##STATE                 STATE                  (code, since: the code sweeping and since when;
 *                                                                    built, builtN (the nation's); codeN: the code
 *                                                                    that last compared every member; scopes: every
 *                                                                    scope a member was written in; lastMark,
 *                                                                    settled: whether the sweep must look)
 * target override   TARGETS                  {scope label}
 * registry entry    D##REGISTRY              {dealer}
 * aggregate config  D#{dealer}#AGG           CFG                    (gen, zone, group: its shard of the network)
 * dealership month  D#{dealer}#AGG           M#{generation}#{yyyy-mm} (registers rS#{agreement}, counters nS{dd},
 *                                                                    sale records x#{agreement}, cohort records
 *                                                                    c#{agreement} and counters kS{dd})
 * usage day         D#{dealer}#AGG           U#{generation}#{yyyy-mm-dd} (ut, us#{status}, uu#{user}, ue, uv)
 * building marker   D##BUILDING              {dealer}                (bgen, bthru, buthru: how far its build has got)
 * aggregates status D##AGGREGATES            STATUS
 * network month     N##M#{yyyy-mm}#{shard}   N                      (copies d#{dealer} of its month's counters; a
 *                                                                    dealer group's dealerships share one shard)
 * network listing   N##L#{shard}             N                      (listings l#{dealer} of its aggregate config)
 * milestone (flagged)                                                outbox OB#{shard} / {flagged at} (sparse)
 * </pre>
 * The registry lists every dealership with an accepted update (with a profile or not) for the national roll-up.
 * Profiles share one partition; the national roll-up and region, brand and group roll-ups read their own scope
 * members (the nation's: every profile's reported fields, without the change histories; the indexes on the profiles
 * lag a change: no code reads them), and Query that partition (a scope's filtered on its key attribute) until the
 * members are built (the nation's also after a version without them has swept). Profiles and target overrides
 * carry their change history ({@code hist}) in the item, appended by the same conditional write.
 * {@code {at}} is a fixed-width UTC instant ({@code 2026-03-01T09:30:00.000Z}) so string order is time order.
 */
public final class TableLayout {
    public static final String PK = "pk";
    public static final String SK = "sk";

    /** Milestones by (dealership, stage, time): keys only, the sort key carries the time and the back-fill flag. */
    public static final String MILESTONE_INDEX = "milestonesByStageTime";
    public static final String GSI1_PK = "gsi1pk";
    public static final String GSI1_SK = "gsi1sk";

    /** Every accepted update by (dealership, time): the usage report's index, with status and user projected. */
    public static final String ACTIVITY_INDEX = "activityByDealershipTime";
    public static final String GSI2_PK = "gsi2pk";
    public static final String GSI2_SK = "gsi2sk";

    /**
     * Milestones whose change the aggregates may not hold yet (sparse: only flagged items are in it), by shard and
     * the moment they were flagged: what the sweep completes.
     */
    public static final String OUTBOX_INDEX = "milestoneOutbox";
    public static final String OUTBOX_PK = "obpk";
    public static final String OUTBOX_SK = "obsk";
    public static final int OUTBOX_SHARDS = 8;

    /** Dealership profiles by region and by brand (for roll-ups and target scopes). */
    public static final String REGION_INDEX = "profilesByRegion";
    public static final String GSI3_PK = "gsi3pk";
    public static final String GSI3_SK = "gsi3sk";
    public static final String BRAND_INDEX = "profilesByBrand";
    public static final String GSI4_PK = "gsi4pk";
    public static final String GSI4_SK = "gsi4sk";
    /** Dealership profiles by dealer group: the group's roll-up and its targets' warning. */
    public static final String GROUP_INDEX = "profilesByGroup";
    public static final String GSI5_PK = "gsi5pk";
    public static final String GSI5_SK = "gsi5sk";

    // item attributes
    public static final String AT = "at";
    public static final String BACKFILLED = "bf";
    public static final String EVENT_ID = "eid";
    public static final String REPLACED = "prev";
    public static final String STATUS = "st";
    public static final String USER_ID = "uid";
    public static final String AGREEMENT_ID = "aid";
    public static final String KPI = "kpi";
    public static final String FINGERPRINT = "fp";
    public static final String WRITER = "wr";
    public static final String EXPIRES_AT = "ttl";
    public static final String VERSION = "ver";
    public static final String HISTORY = "hist";
    public static final String NAME = "name";
    public static final String REGION = "region";
    public static final String BRAND = "brand";
    public static final String GROUP = "group";
    public static final String TIMEZONE = "tz";
    /** A profile's database sizes over time: a list of changes. */
    public static final String DATABASE_SIZES = "dbs";
    /** A target scope's changes over time: a list of changes. */
    public static final String TARGET_CHANGES = "chg";
    public static final String GO_LIVE = "goLive";
    public static final String DEALERSHIP_ID = "did";
    /** A milestone's {@code Milestone.rank} (its condition compares it), and what voids left on it. */
    public static final String RANK = "rk";
    public static final String VOIDED_EVENTS = "vd";
    public static final String WINNER_VOIDED = "wv";
    public static final String REBUILD_PENDING = "rb";
    /** A milestone's aggregate months that may hold a register of it (a string set of home keys). */
    public static final String HOMES = "homes";
    /** An aggregate config's generation, the zone its months are local to, and whether it is complete. */
    public static final String GENERATION = "gen";
    public static final String ZONE = "zone";
    public static final String AGGREGATE_STATE = "state";
    public static final String SINCE = "since";
    /** An aggregate config's format ({@code AggregateConfig.CURRENT_FORMAT}; absent: 1, before month summaries). */
    public static final String FORMAT = "fmt";
    /**
     * On a building marker: the generation being built, the place ({@code CountsStore.Place}: first contact, then
     * id) of the last agreement counted into it, and that (moment, then id) of the last update counted into its usage.
     */
    static final String BUILD_GENERATION = "bgen";
    static final String BUILT_THROUGH = "bthru";
    static final String USAGE_BUILT_THROUGH = "buthru";
    /** On a registry entry: the dealership was registered by a version that counts every update into aggregates. */
    static final String COUNTED_FROM_START = "cfs";
    /** On a voided history event: when, by whom, why. */
    public static final String VOIDED_AT = "vAt";
    public static final String VOIDED_BY = "vBy";
    public static final String VOID_REASON = "vWhy";
    /** A KPI answer entry (inside {@link #KPI}): stage and outcome. */
    public static final String ENTRY_STAGE = "stage";
    public static final String ENTRY_OUTCOME = "outcome";
    /** A change (in {@link #DATABASE_SIZES}, {@link #TARGET_CHANGES}, {@link #HISTORY}): its own effective month, when, who, what, the value. */
    public static final String CHANGE_EFFECTIVE_FROM = "eff";
    public static final String CHANGE_AT = "at";
    public static final String CHANGE_BY = "by";
    public static final String CHANGE_ACTION = "act";
    public static final String CHANGE_VALUE = "val";
    /** A profile audit entry's fields before and after. */
    public static final String AUDIT_PREVIOUS = "prv";
    public static final String AUDIT_NEXT = "nxt";

    public static final String PROFILES_PK = "PROFILES";
    /** Every dealership with an accepted update; {@code D#} so the status function's policy covers it. */
    static final String REGISTRY_PK = "D##REGISTRY";
    static final String TARGETS_PK = "TARGETS";

    static final String AGGREGATE_CONFIG_SK = "CFG";
    static final String BUILDING_PK = "D##BUILDING";
    /** A usage day item's total, its event ids counted and voided, and its counts by status and by user. */
    static final String USAGE_TOTAL = "ut";
    static final String USAGE_EVENTS = "ue";
    static final String USAGE_VOIDED = "uv";
    private static final String USAGE_STATUS_PREFIX = "us#";
    private static final String NETWORK_COPY_PREFIX = "d#";
    private static final String NETWORK_LISTING_PREFIX = "l#";
    private static final String USAGE_USER_PREFIX = "uu#";
    static final String AGGREGATES_STATUS_PK = "D##AGGREGATES";
    static final String AGGREGATES_STATUS_SK = "STATUS";
    static final String LAST_SWEEP = "lastSweep";
    /** The network shard count the roll-ups' copies were last laid out with. */
    static final String LAYOUT = "layout";
    /**
     * On the aggregates' status: raised before every change of an aggregate config's generation and of the layout, so
     * a roll-up reusing listings read after it knows whether one came since.
     */
    static final String LISTINGS_VERSION = "listingsVersion";
    /** On the aggregates' status: the layout whose listings a sweep deleted when the layout changed to it. */
    static final String LISTINGS_FORGOTTEN = "listingsForgotten";
    /** When a version writing the current aggregates format first found a generation of the format before. */
    static final String FORMAT_SINCE = "fmt2Since";
    /** A dealership month's version: raised by every write of it, so a copy of its counters knows how recent it is. */
    static final String MONTH_VERSION = "mv";
    /** A dealership month's summary (beside its month item, the one attribute of its own item): what reports read. */
    static final String SUMMARY = "sm";
    private static final String SUMMARY_PREFIX = "S#";
    /** Where the copies of a region's, brand's or group's profiles live (one partition each) and their build state. */
    private static final String SCOPE_MEMBERS_PREFIX = "P#";
    static final String SCOPE_MEMBERS_STATE_PK = "P##STATE";
    static final String SCOPE_MEMBERS_STATE_SK = "STATE";
    static final String MEMBERS_BUILT = "built";
    /** The nation's members (every dealership with a profile): built after the other scopes', by a later version. */
    static final String NATION_MEMBERS_BUILT = "builtN";
    /**
     * The version of the code whose sweep last compared every one of the nation's members with its profile: readers
     * trust the nation's copies only while that version is the one sweeping ({@link #CODE_VERSION}).
     */
    static final String NATION_COMPARED_BY = "codeN";
    /** The nation as a scope: its members' partition is {@code P#N#}. */
    static final String NATION_SCOPE = "N#";
    /** Every scope a save has joined a profile to (a string set): where the sweep looks for saves cut off. */
    static final String SCOPES = "scopes";
    /** When a save last marked scope members pending; and the grace's end of the last sweep that settled them all. */
    static final String LAST_MARK = "lastMark";
    static final String RECONCILED = "settled";
    /** The version of the code that last swept the scope members (from {@link #SINCE} on). */
    static final String CODE_VERSION = "code";
    /** The profile version a scope member's copy is of. */
    static final String COPIED_VERSION = "pv";
    /** The profile versions being written that may change a scope member (a number set). */
    static final String PENDING = "pend";
    /** When a version was last added to {@link #PENDING}. */
    static final String MARKED_AT = "mAt";
    /** A scope member that left the scope at {@link #COPIED_VERSION}. */
    static final String LEFT = "out";
    /**
     * The network's month items and listing are split by dealership into this many items each (a partition each), so
     * no item nears DynamoDB's 400 KB and the writes of a month spread over as many partitions; a roll-up reads them
     * all, a BatchGetItem per 100. The default; a larger network sets more (README, "Hot items").
     */
    public static final int NETWORK_SHARDS = 16;
    /** The shard counts a table may be laid out with: powers of two; at 256 a year's roll-up sends 37 BatchGetItems. */
    public static final List<Integer> NETWORK_SHARD_COUNTS = List.of(16, 32, 64, 128, 256);
    private static final String NETWORK_SK = "N";
    static final String LAST_VERIFICATION = "lastVerify";
    static final String HISTORY_PREFIX = "E#";
    static final String MILESTONE_PREFIX = "M#";
    static final String MONTH_PREFIX = "M#";
    static final String IDEMPOTENCY_SK = "K";
    /** Stored in {@link #REPLACED} when a milestone replaced nothing (an update expression needs a value). */
    static final String NOTHING = "-";
    static final String REAL_FLAG = "R";
    /** Stage letters of register and counter attributes (CONTACTED, APPOINTED, ATTENDED, SOLD). */
    private static final String STAGE_LETTERS = "CATS";
    static final String BACKFILL_FLAG = "B";

    private TableLayout() {
    }

    public static String instant(Instant at) {
        return Moments.fixedWidth(at);
    }

    public static Instant parseInstant(String text) {
        return Instant.parse(text);
    }

    public static String agreementPk(String dealershipId, String agreementId) {
        return "D#" + dealershipId + "#A#" + agreementId;
    }

    /** The target fields as stored: short names of our own, so renaming a JSON field never migrates the table. */
    private static final Map<TargetField, String> TARGET_ATTRIBUTES = Map.of(
            TargetField.CONTACT_RATE_PER_MONTH, "tCr",
            TargetField.APPOINTED_RATE, "tAr",
            TargetField.ATTENDED_RATE, "tTr",
            TargetField.SOLD_RATE, "tSr");

    public static String targetAttribute(TargetField field) {
        return TARGET_ATTRIBUTES.get(field);
    }

    /** Profile fields in audit entries: the API's names and the stored ones. */
    private static final Map<String, String> PROFILE_ATTRIBUTES = Map.of("name", NAME, "region", REGION, "brand", BRAND, "group", GROUP,
            "timezone", TIMEZONE, "databaseSize", "dbSize", "effectiveFrom", CHANGE_EFFECTIVE_FROM, "goLiveDate", GO_LIVE);

    public static String profileAttribute(String field) {
        return PROFILE_ATTRIBUTES.getOrDefault(field, field);
    }

    public static String profileField(String attribute) {
        return PROFILE_ATTRIBUTES.entrySet().stream().filter(e -> e.getValue().equals(attribute)).map(Map.Entry::getKey)
                .findFirst().orElse(attribute);
    }

    /** The dealership id back out of an agreement partition key. */
    public static String dealershipIdOfAgreementPk(String agreementPk) {
        return agreementPk.substring("D#".length(), agreementPk.indexOf("#A#"));
    }

    /** The agreement id back out of an agreement partition key. */
    public static String agreementIdOf(String agreementPk) {
        return agreementPk.substring(agreementPk.indexOf("#A#") + 3);
    }

    public static String historySk(Instant at, String eventId) {
        return HISTORY_PREFIX + instant(at) + "#" + eventId;
    }

    public static String milestoneSk(Stage stage) {
        return MILESTONE_PREFIX + stage.name();
    }

    static Stage stageOfMilestoneSk(String sk) {
        return Stage.valueOf(sk.substring(MILESTONE_PREFIX.length()));
    }

    public static String milestoneIndexPk(String dealershipId, Stage stage) {
        return "D#" + dealershipId + "#S#" + stage.name();
    }

    public static String milestoneIndexSk(Instant at, boolean backfilled) {
        return instant(at) + "#" + (backfilled ? BACKFILL_FLAG : REAL_FLAG);
    }

    public static boolean isBackfilledIndexSk(String gsi1sk) {
        return gsi1sk.endsWith("#" + BACKFILL_FLAG);
    }

    public static String activityIndexPk(String dealershipId) {
        return "D#" + dealershipId;
    }

    /**
     * The full key of a milestone's entry in the milestone index (where a page of a drill-down continues):
     * the item's table key and its index key.
     */
    public static Map<String, AttributeValue> milestoneIndexKey(String dealershipId, Stage stage, String agreementId,
                                                                Instant at, boolean backfilled) {
        return Map.of(
                PK, AttributeValue.fromS(agreementPk(dealershipId, agreementId)),
                SK, AttributeValue.fromS(milestoneSk(stage)),
                GSI1_PK, AttributeValue.fromS(milestoneIndexPk(dealershipId, stage)),
                GSI1_SK, AttributeValue.fromS(milestoneIndexSk(at, backfilled)));
    }

    /** Where a dealership's aggregates live: its config and its months. */
    public static String aggregatePk(String dealershipId) {
        return "D#" + dealershipId + "#AGG";
    }

    public static String dealershipIdOfAggregatePk(String aggregatePk) {
        return aggregatePk.substring("D#".length(), aggregatePk.length() - "#AGG".length());
    }

    public static String monthSk(String homeKey) {
        return MONTH_PREFIX + homeKey;
    }

    /** The summary of a dealership month, in the month item's partition. */
    public static String summarySk(String homeKey) {
        return SUMMARY_PREFIX + homeKey;
    }

    public static String homeKeyOfSummarySk(String summarySk) {
        return summarySk.substring(SUMMARY_PREFIX.length());
    }

    /** A month's register of one agreement's stage: {@code rS#A1}. */
    public static String registerAttribute(Stage stage, String agreementId) {
        return "r" + STAGE_LETTERS.charAt(stage.ordinal()) + "#" + agreementId;
    }

    /** A month's sale record of one agreement: {@code x#A1}. */
    public static String saleAttribute(String agreementId) {
        return "x#" + agreementId;
    }

    public static boolean isSaleAttribute(String attribute) {
        return attribute.startsWith("x#");
    }

    /** A month's count of one stage on one day: {@code nS05}. */
    public static String counterAttribute(Stage stage, int day) {
        return "n" + STAGE_LETTERS.charAt(stage.ordinal()) + (day < 10 ? "0" : "") + day;
    }

    /** A day's usage item of one generation: {@code U#3#2026-03-05} (without a day: the prefix of its days). */
    public static String usageSk(long generation, java.time.LocalDate day) {
        return "U#" + generation + "#" + (day == null ? "" : day.toString());
    }

    public static String usageStatusAttribute(String status) {
        return USAGE_STATUS_PREFIX + status;
    }

    public static String usageUserAttribute(String userId) {
        return USAGE_USER_PREFIX + userId;
    }

    public static Optional<String> usageStatusOf(String attribute) {
        return attribute.startsWith(USAGE_STATUS_PREFIX) ? Optional.of(attribute.substring(USAGE_STATUS_PREFIX.length()))
                : Optional.empty();
    }

    public static Optional<String> usageUserOf(String attribute) {
        return attribute.startsWith(USAGE_USER_PREFIX) ? Optional.of(attribute.substring(USAGE_USER_PREFIX.length()))
                : Optional.empty();
    }

    /** A month's cohort record of one agreement: {@code c#A1}. */
    public static String cohortAttribute(String agreementId) {
        return "c#" + agreementId;
    }

    /** A month's count of the agreements first contacted on one day that have reached a later stage: {@code kS05}. */
    public static String cohortCounterAttribute(Stage stage, int day) {
        return "k" + STAGE_LETTERS.charAt(stage.ordinal()) + (day < 10 ? "0" : "") + day;
    }

    /**
     * The network month item of a dealership's month (its counters' copy), in a layout of {@code shards} items a
     * month. The default layout's keys end in the shard alone (as before shard counts could be chosen); another's in
     * {@code {shard}of{shards}}, so a table re-laid out never reads a copy of the other layout as its own.
     */
    public static Map<String, AttributeValue> networkMonthKey(java.time.YearMonth month, int shard, int shards) {
        return Map.of(PK, AttributeValue.fromS("N##M#" + month + "#" + shardName(shard, shards)), SK, AttributeValue.fromS(NETWORK_SK));
    }

    public static Map<String, AttributeValue> networkListingKey(int shard, int shards) {
        return Map.of(PK, AttributeValue.fromS("N##L#" + shardName(shard, shards)), SK, AttributeValue.fromS(NETWORK_SK));
    }

    private static String shardName(int shard, int shards) {
        return shards == NETWORK_SHARDS ? Integer.toString(shard) : shard + "of" + shards;
    }

    /**
     * The shard of a dealership's copies and listing: its dealer group's ({@link com.dealerkpi.domain.Ids#groupKey}),
     * so that a group's roll-up reads one item a month; a dealership without a group is spread by its id.
     */
    public static int networkShard(String dealershipId, String group, int shards) {
        return Math.floorMod((group == null ? dealershipId : "G#" + group).hashCode(), shards);
    }

    public static String networkCopyAttribute(String dealershipId) {
        return NETWORK_COPY_PREFIX + dealershipId;
    }

    public static String networkListingAttribute(String dealershipId) {
        return NETWORK_LISTING_PREFIX + dealershipId;
    }

    /** The dealership whose copy or listing an attribute of a network item is, if it is one. */
    public static Optional<String> networkDealershipOf(String attribute) {
        return attribute.startsWith(NETWORK_COPY_PREFIX) || attribute.startsWith(NETWORK_LISTING_PREFIX)
                ? Optional.of(attribute.substring(2)) : Optional.empty();
    }

    /** The month of a network month item's key. */
    public static java.time.YearMonth networkMonthOf(Map<String, AttributeValue> item) {
        String pk = item.get(PK).s();
        return java.time.YearMonth.parse(pk.substring("N##M#".length(), pk.lastIndexOf('#')));
    }

    /** The outbox shard of an agreement: flags spread over a few index partitions. */
    public static String outboxPk(String dealershipId, String agreementId) {
        return "OB#" + Math.floorMod((dealershipId + "#" + agreementId).hashCode(), OUTBOX_SHARDS);
    }

    public static String activityIndexSk(Instant at, String eventId) {
        return instant(at) + "#" + eventId;
    }

    public static String idempotencyPk(String dealershipId, String keyHash) {
        return "D#" + dealershipId + "#K#" + keyHash;
    }

    public static Map<String, AttributeValue> registryKey(String dealershipId) {
        return Map.of(PK, AttributeValue.fromS(REGISTRY_PK), SK, AttributeValue.fromS(dealershipId));
    }

    public static String profileSk(String dealershipId) {
        return "D#" + dealershipId;
    }

    /** The partition of a scope's members: its index key's ({@link #regionIndexPk} and the like). */
    static String scopeMembersPk(String scopeIndexPk) {
        return SCOPE_MEMBERS_PREFIX + scopeIndexPk;
    }

    /** Regions and brands are indexed by their match key: any spelling finds them. */
    public static String regionIndexPk(String region) {
        return "R#" + TargetScope.matchKey(region);
    }

    public static String brandIndexPk(String brand) {
        return "B#" + TargetScope.matchKey(brand);
    }

    /** Dealer groups by their key ({@link com.dealerkpi.domain.Ids#groupKey}), as their managers' access matches them. */
    public static String groupIndexPk(String group) {
        return "G#" + com.dealerkpi.domain.Ids.groupKey(group);
    }

    /** The table with its indexes, as the local runner and the tests create it (template.yaml mirrors this). */
    public static CreateTableRequest createTableRequest(String tableName) {
        return CreateTableRequest.builder()
                .tableName(tableName)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(stringAttributes(PK, SK, GSI1_PK, GSI1_SK, GSI2_PK, GSI2_SK,
                        GSI3_PK, GSI3_SK, GSI4_PK, GSI4_SK, GSI5_PK, GSI5_SK, OUTBOX_PK, OUTBOX_SK))
                .keySchema(key(PK, KeyType.HASH), key(SK, KeyType.RANGE))
                .globalSecondaryIndexes(
                        index(MILESTONE_INDEX, GSI1_PK, GSI1_SK, Projection.builder()
                                .projectionType(ProjectionType.KEYS_ONLY).build()),
                        index(ACTIVITY_INDEX, GSI2_PK, GSI2_SK, Projection.builder()
                                .projectionType(ProjectionType.INCLUDE).nonKeyAttributes(STATUS, USER_ID).build()),
                        index(REGION_INDEX, GSI3_PK, GSI3_SK, PROFILE_PROJECTION),
                        index(BRAND_INDEX, GSI4_PK, GSI4_SK, PROFILE_PROJECTION),
                        groupIndex(),
                        outboxIndex())
                .build();
    }

    /** What a roll-up needs of each dealership, without the change history. */
    private static final Projection PROFILE_PROJECTION = Projection.builder().projectionType(ProjectionType.INCLUDE)
            .nonKeyAttributes(DEALERSHIP_ID, NAME, REGION, BRAND, TIMEZONE, DATABASE_SIZES, GO_LIVE).build();

    /** The outbox index, as created with the table or added to an existing one. */
    static GlobalSecondaryIndex outboxIndex() {
        return index(OUTBOX_INDEX, OUTBOX_PK, OUTBOX_SK, Projection.builder().projectionType(ProjectionType.KEYS_ONLY).build());
    }

    /** The group index (the dealership ids alone: their profiles are read from the table), as the outbox index. */
    static GlobalSecondaryIndex groupIndex() {
        return index(GROUP_INDEX, GSI5_PK, GSI5_SK, Projection.builder().projectionType(ProjectionType.INCLUDE)
                .nonKeyAttributes(DEALERSHIP_ID).build());
    }

    private static List<AttributeDefinition> stringAttributes(String... names) {
        return java.util.Arrays.stream(names)
                .map(n -> AttributeDefinition.builder().attributeName(n).attributeType(ScalarAttributeType.S).build())
                .toList();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    private static GlobalSecondaryIndex index(String name, String pk, String sk, Projection projection) {
        return GlobalSecondaryIndex.builder().indexName(name)
                .keySchema(key(pk, KeyType.HASH), key(sk, KeyType.RANGE))
                .projection(projection).build();
    }
}
