package com.dealerkpi.store;

import com.dealerkpi.app.StatusStore;
import com.dealerkpi.domain.AgreementView;
import com.dealerkpi.domain.Digests;
import com.dealerkpi.domain.IdempotencyRecord;
import com.dealerkpi.domain.KpiEntry;
import com.dealerkpi.domain.KpiOutcome;
import com.dealerkpi.domain.Milestone;
import com.dealerkpi.domain.RecordedUpdate;
import com.dealerkpi.domain.Stage;
import com.dealerkpi.domain.Status;
import com.dealerkpi.domain.StatusUpdate;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

import static com.dealerkpi.store.TableLayout.*;

/** {@link StatusStore} on DynamoDB. Uses only single-item conditional writes: no transactions, no Scan. */
public final class DynamoStatusStore implements StatusStore {
    /** How long an Idempotency-Key is remembered (DynamoDB TTL removes it afterwards). */
    public static final Duration IDEMPOTENCY_RETENTION = Duration.ofDays(30);

    private final DynamoDbClient db;
    private final String table;
    private final Clock clock;

    public DynamoStatusStore(DynamoDbClient db, String table, Clock clock) {
        this.db = db;
        this.table = table;
        this.clock = clock;
    }

    @Override
    public void ping() {
        DynamoErrors.call("ping", () -> db.getItem(r -> r.tableName(table).key(dealershipProbeKey())));
    }

    @Override
    public Optional<IdempotencyRecord> claimIdempotencyKey(IdempotencyRecord claim) {
        StatusUpdate u = claim.update();
        Map<String, AttributeValue> key = idempotencyKey(claim.dealershipId(), claim.key());
        Map<String, AttributeValue> item = new HashMap<>(key);
        item.put(FINGERPRINT, s(claim.fingerprint()));
        item.put(EVENT_ID, s(u.eventId()));
        item.put(AGREEMENT_ID, s(u.agreementId()));
        item.put(STATUS, s(u.status().name()));
        item.put(AT, s(instant(u.occurredAt())));
        item.put(USER_ID, s(u.userId()));
        item.put(EXPIRES_AT, n(clock.instant().plus(IDEMPOTENCY_RETENTION).getEpochSecond()));
        return DynamoErrors.call("claim idempotency key", () -> {
            try {
                db.putItem(r -> r.tableName(table).item(item)
                        .conditionExpression("attribute_not_exists(#pk)")
                        .expressionAttributeNames(Map.of("#pk", PK))
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
                return Optional.empty();
            } catch (ConditionalCheckFailedException e) {
                Map<String, AttributeValue> existing = e.hasItem() && !e.item().isEmpty() ? e.item() : getConsistent(key);
                IdempotencyRecord earlier = idempotencyRecord(claim.dealershipId(), claim.key(), existing);
                // the SDK retried our own successful put (its event id is unique to this call): the claim is ours
                return earlier.update().eventId().equals(u.eventId()) ? Optional.<IdempotencyRecord>empty() : Optional.of(earlier);
            }
        });
    }

    @Override
    public Milestone writeMilestone(StatusUpdate update, Status.MilestoneMark mark) {
        Map<String, AttributeValue> key = Map.of(
                PK, s(agreementPk(update.dealershipId(), update.agreementId())),
                SK, s(milestoneSk(mark.stage())));
        Map<String, String> names = Map.of("#pk", PK, "#at", AT, "#bf", BACKFILLED, "#eid", EVENT_ID,
                "#prev", REPLACED, "#g1pk", GSI1_PK, "#g1sk", GSI1_SK);
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":at", s(instant(update.occurredAt())));
        values.put(":bf", bool(mark.backfilled()));
        values.put(":eid", s(update.eventId()));
        values.put(":nothing", s(NOTHING));
        values.put(":g1pk", s(milestoneIndexPk(update.dealershipId(), mark.stage())));
        values.put(":g1sk", s(milestoneIndexSk(update.occurredAt(), mark.backfilled())));
        // Milestone.supersedes, as a condition: earlier wins; at the same instant a real set beats a back-fill.
        String condition = "attribute_not_exists(#pk) OR #at > :at";
        if (!mark.backfilled()) {
            condition += " OR (#at = :at AND #bf = :true)";
            values.put(":true", bool(true));
        }
        String finalCondition = condition;
        return DynamoErrors.call("write milestone", () -> {
            try {
                Map<String, AttributeValue> stored = db.updateItem(r -> r.tableName(table).key(key)
                        .updateExpression("SET #prev = if_not_exists(#at, :nothing), #at = :at, #bf = :bf, "
                                + "#eid = :eid, #g1pk = :g1pk, #g1sk = :g1sk")
                        .conditionExpression(finalCondition)
                        .expressionAttributeNames(names)
                        .expressionAttributeValues(values)
                        .returnValues(ReturnValue.ALL_NEW)
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD))
                        .attributes();
                return milestone(mark.stage(), stored);
            } catch (ConditionalCheckFailedException e) {
                // Another update's earlier moment stands, or the SDK retried our own successful write:
                // either way the stored item is the truth, and Milestone.entryFor tells which.
                Map<String, AttributeValue> existing = e.hasItem() && !e.item().isEmpty() ? e.item() : getConsistent(key);
                return milestone(mark.stage(), existing);
            }
        });
    }

    @Override
    public void appendHistory(StatusUpdate update) {
        DynamoErrors.call("append history", () -> db.putItem(r -> r.tableName(table).item(historyItem(update))));
    }

    @Override
    public Completion completeHistory(StatusUpdate update, List<KpiEntry> kpi) {
        Map<String, AttributeValue> item = historyItem(update);
        item.put(KPI, AttributeValue.fromL(kpi.stream().map(DynamoStatusStore::kpiEntry).toList()));
        // tells this call's own write (retried by the SDK after it succeeded) from a racing copy of the request
        String writer = UUID.randomUUID().toString();
        item.put(WRITER, s(writer));
        return DynamoErrors.call("complete history", () -> {
            try {
                db.putItem(r -> r.tableName(table).item(item)
                        .conditionExpression("attribute_not_exists(#pk)")
                        .expressionAttributeNames(Map.of("#pk", PK)));
                return new Completion(new RecordedUpdate(update, kpi), true);
            } catch (ConditionalCheckFailedException e) {
                Map<String, AttributeValue> stored = getConsistent(historyKey(update));
                RecordedUpdate recorded = recordedUpdate(stored)
                        .orElseThrow(() -> new IllegalStateException("history item vanished"));
                return new Completion(recorded, stored.containsKey(WRITER) && writer.equals(stored.get(WRITER).s()));
            }
        });
    }

    @Override
    public Optional<RecordedUpdate> findCompleted(StatusUpdate update) {
        return DynamoErrors.call("read history", () -> recordedUpdate(getConsistent(historyKey(update))));
    }

    @Override
    public Optional<AgreementView> findAgreement(String dealershipId, String agreementId) {
        List<StatusUpdate> history = new ArrayList<>();
        Map<Stage, Milestone> milestones = new EnumMap<>(Stage.class);
        QueryRequest query = QueryRequest.builder().tableName(table).consistentRead(true)
                .keyConditionExpression("#pk = :pk")
                .expressionAttributeNames(Map.of("#pk", PK))
                .expressionAttributeValues(Map.of(":pk", s(agreementPk(dealershipId, agreementId))))
                .build();
        DynamoErrors.call("read agreement", () -> {
            for (QueryResponse page : db.queryPaginator(query)) {
                for (Map<String, AttributeValue> item : page.items()) {
                    String sk = item.get(SK).s();
                    if (sk.startsWith(HISTORY_PREFIX)) {
                        history.add(statusUpdate(dealershipId, item));
                    } else if (sk.startsWith(MILESTONE_PREFIX)) {
                        Stage stage = Stage.valueOf(sk.substring(MILESTONE_PREFIX.length()));
                        milestones.put(stage, milestone(stage, item));
                    }
                }
            }
            return null;
        });
        history.sort(AgreementView.CHRONOLOGICAL);
        AgreementView view = new AgreementView(dealershipId, agreementId, List.copyOf(history), milestones);
        return view.isEmpty() ? Optional.empty() : Optional.of(view);
    }

    private Map<String, AttributeValue> getConsistent(Map<String, AttributeValue> key) {
        return db.getItem(r -> r.tableName(table).key(key).consistentRead(true)).item();
    }

    private Map<String, AttributeValue> idempotencyKey(String dealershipId, String idempotencyKey) {
        return Map.of(PK, s(idempotencyPk(dealershipId, Digests.sha256Hex(idempotencyKey))), SK, s(IDEMPOTENCY_SK));
    }

    private static Map<String, AttributeValue> historyKey(StatusUpdate u) {
        return Map.of(PK, s(agreementPk(u.dealershipId(), u.agreementId())), SK, s(historySk(u.occurredAt(), u.eventId())));
    }

    private static Map<String, AttributeValue> historyItem(StatusUpdate u) {
        Map<String, AttributeValue> item = new HashMap<>(historyKey(u));
        item.put(EVENT_ID, s(u.eventId()));
        item.put(STATUS, s(u.status().name()));
        item.put(AT, s(instant(u.occurredAt())));
        item.put(USER_ID, s(u.userId()));
        item.put(GSI2_PK, s(activityIndexPk(u.dealershipId())));
        item.put(GSI2_SK, s(activityIndexSk(u.occurredAt(), u.eventId())));
        return item;
    }

    private static IdempotencyRecord idempotencyRecord(String dealershipId, String key, Map<String, AttributeValue> item) {
        StatusUpdate update = new StatusUpdate(item.get(EVENT_ID).s(), dealershipId, item.get(AGREEMENT_ID).s(),
                Status.valueOf(item.get(STATUS).s()), parseInstant(item.get(AT).s()), item.get(USER_ID).s());
        return new IdempotencyRecord(dealershipId, key, item.get(FINGERPRINT).s(), update);
    }

    private static Optional<RecordedUpdate> recordedUpdate(Map<String, AttributeValue> item) {
        if (item == null || item.isEmpty() || !item.containsKey(KPI)) {
            return Optional.empty();
        }
        String dealershipId = dealershipIdOfActivityPk(item.get(GSI2_PK).s());
        List<KpiEntry> kpi = item.get(KPI).l().stream().map(v -> new KpiEntry(
                Stage.valueOf(v.m().get(ENTRY_STAGE).s()),
                KpiOutcome.valueOf(v.m().get(ENTRY_OUTCOME).s()),
                parseInstant(v.m().get(AT).s()))).toList();
        return Optional.of(new RecordedUpdate(statusUpdate(dealershipId, item), kpi));
    }

    private static StatusUpdate statusUpdate(String dealershipId, Map<String, AttributeValue> item) {
        return new StatusUpdate(item.get(EVENT_ID).s(), dealershipId, agreementIdOf(item.get(PK).s()),
                Status.valueOf(item.get(STATUS).s()), parseInstant(item.get(AT).s()), item.get(USER_ID).s());
    }

    private static Milestone milestone(Stage stage, Map<String, AttributeValue> item) {
        String replaced = item.get(REPLACED).s();
        return new Milestone(stage, parseInstant(item.get(AT).s()), item.get(BACKFILLED).bool(),
                item.get(EVENT_ID).s(), NOTHING.equals(replaced) ? null : parseInstant(replaced));
    }

    private static AttributeValue kpiEntry(KpiEntry e) {
        return AttributeValue.fromM(Map.of(ENTRY_STAGE, s(e.stage().name()), ENTRY_OUTCOME, s(e.outcome().name()),
                AT, s(instant(e.at()))));
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    static AttributeValue bool(boolean value) {
        return AttributeValue.fromBool(value);
    }
}
