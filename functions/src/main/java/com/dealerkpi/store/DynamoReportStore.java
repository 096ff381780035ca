package com.dealerkpi.store;

import com.dealerkpi.app.report.ReportStore;
import com.dealerkpi.domain.Moments;
import com.dealerkpi.domain.status.Stage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import static com.dealerkpi.store.AttributeMaps.s;
import static com.dealerkpi.store.TableLayout.*;

/**
 * {@link ReportStore} on DynamoDB: Query on the two time indexes, BatchGetItem of milestone items by key; never the
 * history, never Scan.
 */
public final class DynamoReportStore implements ReportStore {
    private final DynamoDbClient db;
    private final String table;
    /** Sorts after both flag suffixes ("#R", "#B") and event ids: closes a key range at its last millisecond. */
    private static final String RANGE_END = "#~";

    public DynamoReportStore(DynamoDbClient db, String table) {
        this.db = db;
        this.table = table;
    }

    /**
     * One Query over the whole range, not one per month: the keys-only index returns only the sort keys, and
     * bucketing them here costs less than a round trip per month (a year to date would be twelve).
     */
    @Override
    public long[] countMilestones(String dealershipId, Stage stage, List<Instant> boundaries) {
        String[] edges = boundaries.stream().map(TableLayout::instant).toArray(String[]::new);
        long[] counts = new long[edges.length - 1];
        QueryRequest query = timeRange(MILESTONE_INDEX, GSI1_PK, GSI1_SK, milestoneIndexPk(dealershipId, stage),
                boundaries.get(0), boundaries.get(boundaries.size() - 1))
                .projectionExpression("#sk")
                .build();
        DynamoErrors.call("count milestones", () -> {
            for (QueryResponse page : db.queryPaginator(query)) {
                for (Map<String, AttributeValue> item : page.items()) {
                    counts[bucket(edges, item.get(GSI1_SK).s())]++;
                }
            }
            return null;
        });
        return counts;
    }

    /** The bucket whose lower edge is the last one at or before the key (keys start with the same fixed-width instant). */
    private static int bucket(String[] edges, String key) {
        int found = Arrays.binarySearch(edges, key);
        int index = found >= 0 ? found : -found - 2;
        return Math.max(0, Math.min(index, edges.length - 2));
    }

    @Override
    public Optional<Instant> firstActivity(String dealershipId) {
        QueryRequest query = QueryRequest.builder().tableName(table).indexName(ACTIVITY_INDEX)
                .keyConditionExpression("#pk = :pk")
                .expressionAttributeNames(Map.of("#pk", GSI2_PK, "#sk", GSI2_SK))
                .expressionAttributeValues(Map.of(":pk", s(activityIndexPk(dealershipId))))
                .projectionExpression("#sk")
                .scanIndexForward(true)
                .limit(1)
                .build();
        return DynamoErrors.call("find first activity", () -> db.query(query).items().stream().findFirst()
                .map(item -> instantOf(item.get(GSI2_SK).s())));
    }

    @Override
    public MilestonePage milestones(String dealershipId, Stage stage, Instant start, Instant end, int limit,
                                    Optional<MilestoneRow> after) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        DynamoErrors.call("page milestones", () -> {
            Map<String, AttributeValue> from = after.map(row -> milestoneIndexKey(dealershipId, stage, row.agreementId(), row.at(), row.backfilled())).orElse(null);
            // one more than asked, so the last page is known to be the last (no empty page after it)
            while (items.size() <= limit) {
                QueryRequest.Builder query = timeRange(MILESTONE_INDEX, GSI1_PK, GSI1_SK,
                        milestoneIndexPk(dealershipId, stage), start, end)
                        .scanIndexForward(false)
                        .limit(limit + 1 - items.size());
                if (from != null) {
                    query.exclusiveStartKey(from);
                }
                QueryResponse page = db.query(query.build());
                items.addAll(page.items());
                if (!page.hasLastEvaluatedKey() || page.lastEvaluatedKey().isEmpty()) {
                    break;
                }
                from = page.lastEvaluatedKey();
            }
            return null;
        });
        List<MilestoneRow> rows = new ArrayList<>();
        for (Map<String, AttributeValue> item : items.subList(0, Math.min(limit, items.size()))) {
            String sk = item.get(GSI1_SK).s();
            rows.add(new MilestoneRow(agreementIdOf(item.get(PK).s()), instantOf(sk), isBackfilledIndexSk(sk)));
        }
        Optional<MilestoneRow> next = items.size() > limit ? Optional.of(rows.get(limit - 1)) : Optional.empty();
        return new MilestonePage(rows, next);
    }

    @Override
    public void milestoneRows(String dealershipId, Stage stage, Instant start, Instant end, Consumer<MilestoneRow> sink) {
        QueryRequest query = timeRange(MILESTONE_INDEX, GSI1_PK, GSI1_SK, milestoneIndexPk(dealershipId, stage), start, end)
                .expressionAttributeNames(Map.of("#pk", GSI1_PK, "#sk", GSI1_SK, "#apk", PK))
                .projectionExpression("#apk, #sk")
                .build();
        DynamoErrors.call("read milestones", () -> {
            for (QueryResponse page : db.queryPaginator(query)) {
                for (Map<String, AttributeValue> item : page.items()) {
                    String sk = item.get(GSI1_SK).s();
                    sink.accept(new MilestoneRow(agreementIdOf(item.get(PK).s()), instantOf(sk), isBackfilledIndexSk(sk)));
                }
            }
            return null;
        });
    }

    @Override
    public Map<String, Map<Stage, Instant>> milestoneMoments(String dealershipId, List<String> agreementIds) {
        if (agreementIds.size() > MOMENTS_PER_READ) {
            throw new IllegalArgumentException("at most " + MOMENTS_PER_READ + " agreements per read");
        }
        Map<String, Map<Stage, Instant>> moments = new HashMap<>();
        if (agreementIds.isEmpty()) {
            return moments;
        }
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (String agreementId : agreementIds) {
            for (Stage stage : Stage.values()) {
                keys.add(AgreementItems.milestoneKey(dealershipId, agreementId, stage));
            }
        }
        KeysAndAttributes request = KeysAndAttributes.builder().keys(keys)
                .projectionExpression("#pk, #sk, #at")
                .expressionAttributeNames(Map.of("#pk", PK, "#sk", SK, "#at", AT))
                .build();
        BatchReads.read(db, table, request, "read milestone moments", item -> {
            // a milestone item whose every update was voided keeps its voided list and no moment
            if (item.containsKey(AT)) {
                moments.computeIfAbsent(agreementIdOf(item.get(PK).s()), a -> new EnumMap<>(Stage.class))
                        .put(stageOfMilestoneSk(item.get(SK).s()), parseInstant(item.get(AT).s()));
            }
        });
        return moments;
    }

    @Override
    public boolean isRegistered(String dealershipId) {
        return DynamoErrors.call("read registry", () -> {
            // consistent: a dealership answered its first 201 a moment ago is known (no 404, in the national roll-up)
            Map<String, AttributeValue> item = db.getItem(r -> r.tableName(table).key(registryKey(dealershipId))
                    .consistentRead(true)).item();
            return item != null && !item.isEmpty();
        });
    }

    @Override
    public List<String> registeredDealerships() {
        List<String> ids = new ArrayList<>();
        QueryRequest query = QueryRequest.builder().tableName(table).consistentRead(true)
                .keyConditionExpression("#pk = :pk")
                .expressionAttributeNames(Map.of("#pk", PK, "#sk", SK))
                .expressionAttributeValues(Map.of(":pk", registryKey("-").get(PK)))
                .projectionExpression("#sk")
                .build();
        DynamoErrors.call("list registry", () -> {
            db.queryPaginator(query).items().forEach(item -> ids.add(item.get(SK).s()));
            return null;
        });
        return ids;
    }

    @Override
    public void activity(String dealershipId, Instant start, Instant end, Consumer<Activity> sink) {
        QueryRequest query = timeRange(ACTIVITY_INDEX, GSI2_PK, GSI2_SK, activityIndexPk(dealershipId), start, end)
                .projectionExpression("#sk, #st, #uid")
                .expressionAttributeNames(Map.of("#pk", GSI2_PK, "#sk", GSI2_SK, "#st", STATUS, "#uid", USER_ID))
                .build();
        DynamoErrors.call("read activity", () -> {
            for (QueryResponse page : db.queryPaginator(query)) {
                for (Map<String, AttributeValue> item : page.items()) {
                    sink.accept(new Activity(instantOf(item.get(GSI2_SK).s()), item.get(STATUS).s(), item.get(USER_ID).s()));
                }
            }
            return null;
        });
    }

    /** A Query on one index partition for index sort keys starting with an instant in [start, end). */
    private QueryRequest.Builder timeRange(String index, String pkName, String skName, String pk, Instant start, Instant end) {
        return QueryRequest.builder().tableName(table).indexName(index)
                .keyConditionExpression("#pk = :pk AND #sk BETWEEN :lo AND :hi")
                .expressionAttributeNames(Map.of("#pk", pkName, "#sk", skName))
                .expressionAttributeValues(Map.of(
                        ":pk", s(pk),
                        ":lo", s(instant(start)),
                        ":hi", s(instant(end.minusMillis(1)) + RANGE_END)));
    }

    /** Index sort keys start with the fixed-width instant. */
    private static Instant instantOf(String indexSortKey) {
        return Moments.parseFixedWidth(indexSortKey.substring(0, indexSortKey.indexOf('#')));
    }
}
