package com.dealerkpi.store;

import com.dealerkpi.app.common.ConcurrentChangeException;
import com.dealerkpi.app.status.StatusStore;
import com.dealerkpi.domain.Digests;
import com.dealerkpi.domain.status.AgreementView;
import com.dealerkpi.domain.status.IdempotencyRecord;
import com.dealerkpi.domain.status.KpiEntry;
import com.dealerkpi.domain.status.KpiOutcome;
import com.dealerkpi.domain.status.Milestone;
import com.dealerkpi.domain.status.RecordedUpdate;
import com.dealerkpi.domain.status.Stage;
import com.dealerkpi.domain.status.Status;
import com.dealerkpi.domain.status.StatusUpdate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import static com.dealerkpi.store.AttributeMaps.n;
import static com.dealerkpi.store.AttributeMaps.s;
import static com.dealerkpi.store.TableLayout.*;

/**
 * {@link StatusStore} on DynamoDB. Uses only single-item conditional writes: no transactions, no Scan. How voids
 * stay exact under concurrent updates is {@link MilestoneRebuild}'s part.
 */
public final class DynamoStatusStore implements StatusStore {
    /** How long an Idempotency-Key is remembered (DynamoDB TTL removes it afterwards). */
    public static final Duration IDEMPOTENCY_RETENTION = Duration.ofDays(30);

    private final DynamoDbClient db;
    private final String table;
    private final Clock clock;
    private final AgreementItems agreements;

    public DynamoStatusStore(DynamoDbClient db, String table, Clock clock) {
        this.db = db;
        this.table = table;
        this.clock = clock;
        this.agreements = new AgreementItems(db, table);
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
                if (existing.isEmpty()) {
                    // the claim expired (TTL) between the condition and the read: nothing of this request is stored
                    throw new ConcurrentChangeException("The Idempotency-Key's claim");
                }
                IdempotencyRecord earlier = idempotencyRecord(claim.dealershipId(), claim.key(), existing);
                // the SDK retried our own successful put (its event id is unique to this call): the claim is ours
                return earlier.update().eventId().equals(u.eventId()) ? Optional.<IdempotencyRecord>empty() : Optional.of(earlier);
            }
        });
    }

    @Override
    public void putHistory(StatusUpdate update) {
        DynamoErrors.call("put history", () -> {
            try {
                // a repeat (a keyed retry, an SDK retry) must not undo a void that happened in between
                db.putItem(r -> r.tableName(table).item(AgreementItems.historyItem(update, clock.instant()))
                        .conditionExpression("attribute_not_exists(#pk)")
                        .expressionAttributeNames(Map.of("#pk", PK)));
            } catch (ConditionalCheckFailedException alreadyStored) {
                // the same event id and moment: this very update is stored
            }
            return null;
        });
    }

    @Override
    public MilestoneWritten writeMilestone(StatusUpdate update, Status.MilestoneMark mark, Optional<String> home) {
        Map<String, AttributeValue> key = AgreementItems.milestoneKey(update.dealershipId(), update.agreementId(), mark.stage());
        MilestoneWrite claim = MilestoneWrite.of(update.dealershipId(), update.agreementId(), mark.stage(), clock.instant())
                .claimedBy(update.occurredAt(), mark.backfilled(), update.eventId());
        home.ifPresent(claim::home);
        UpdateItemRequest write = claim.request(table)
                .returnValues(ReturnValue.ALL_NEW)
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build();
        return DynamoErrors.call("write milestone", () -> {
            try {
                // Milestone.rank decides (the lower wins); a voided winner gives way to any update (the void's
                // rebuild then settles on the true earliest); a voided update never writes.
                Map<String, AttributeValue> stored = db.updateItem(write).attributes();
                return new MilestoneWritten(AgreementItems.milestone(mark.stage(), stored), true);
            } catch (ConditionalCheckFailedException e) {
                // Another update's lower rank stands, or the SDK retried our own successful write: either way the
                // stored item is the truth, and Milestone.entryFor tells which.
                Map<String, AttributeValue> existing = e.hasItem() && !e.item().isEmpty() ? e.item() : getConsistent(key);
                // still flagged: a change this request (cut off before) or another made is not published yet, and a
                // retry completes what its first attempt started
                boolean unpublished = existing != null && existing.containsKey(OUTBOX_PK);
                return new MilestoneWritten(AgreementItems.milestone(mark.stage(), existing), unpublished);
            }
        });
    }

    @Override
    public Completion completeHistory(StatusUpdate update, List<KpiEntry> kpi, boolean usageCounted) {
        // tells this call's own write (retried by the SDK after it succeeded) from a racing copy of the request
        String writer = UUID.randomUUID().toString();
        Map<String, String> names = new HashMap<>(Map.of("#pk", PK, "#kpi", KPI, "#wr", WRITER));
        if (usageCounted) {
            names.putAll(Map.of("#obpk", OUTBOX_PK, "#obsk", OUTBOX_SK, "#vat", VOIDED_AT));
        }
        UpdateItemRequest write = UpdateItemRequest.builder().tableName(table).key(AgreementItems.historyKey(update))
                .updateExpression("SET #kpi = :kpi, #wr = :wr" + (usageCounted ? " REMOVE #obpk, #obsk" : ""))
                .conditionExpression("attribute_exists(#pk) AND attribute_not_exists(#kpi)"
                        + (usageCounted ? " AND attribute_not_exists(#vat)" : ""))
                .expressionAttributeNames(names)
                .expressionAttributeValues(Map.of(":kpi", AttributeValue.fromL(kpi.stream().map(DynamoStatusStore::kpiEntry).toList()),
                        ":wr", s(writer))).build();
        return DynamoErrors.call("complete history", () -> {
            try {
                db.updateItem(write);
                return new Completion(new RecordedUpdate(update, kpi), true);
            } catch (ConditionalCheckFailedException e) {
                Map<String, AttributeValue> stored = getConsistent(AgreementItems.historyKey(update));
                if (usageCounted && !stored.isEmpty() && !stored.containsKey(KPI)) {
                    // voided since its usage was counted: its flag is the void's to clear; the answer still stands
                    return completeHistory(update, kpi, false);
                }
                RecordedUpdate recorded = recordedUpdate(stored)
                        .orElseThrow(() -> new IllegalStateException("history item of " + update.eventId() + " is missing"));
                return new Completion(recorded, stored.containsKey(WRITER) && writer.equals(stored.get(WRITER).s()));
            }
        });
    }

    @Override
    public Optional<RecordedUpdate> findCompleted(StatusUpdate update) {
        return DynamoErrors.call("read history", () -> recordedUpdate(getConsistent(AgreementItems.historyKey(update))));
    }

    @Override
    public Optional<AgreementView> findAgreement(String dealershipId, String agreementId) {
        return agreements.read(dealershipId, agreementId).view();
    }

    @Override
    public Optional<AgreementView> voidUpdate(String dealershipId, String agreementId, String eventId, VoidedBy by,
                                              Function<Instant, Optional<String>> homeOf) {
        return new MilestoneRebuild(db, table, agreements, clock, homeOf).voidUpdate(dealershipId, agreementId, eventId, by);
    }

    @Override
    public boolean registerDealership(String dealershipId) {
        Map<String, AttributeValue> item = new HashMap<>(registryKey(dealershipId));
        item.put(DEALERSHIP_ID, s(dealershipId));
        item.put(COUNTED_FROM_START, AttributeValue.fromBool(true));
        return DynamoErrors.call("register dealership", () -> {
            try {
                db.putItem(r -> r.tableName(table).item(item).conditionExpression("attribute_not_exists(#pk)")
                        .expressionAttributeNames(Map.of("#pk", PK))
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
                return true;
            } catch (ConditionalCheckFailedException registeredBefore) {
                // by this version (an update racing this one, an SDK retry of this very put) or by one before it; a
                // store that does not return the refused item (dynalite) is asked for it, else a race between two
                // first updates would take the dealership for one with uncounted history and start a build
                Map<String, AttributeValue> registered = registeredBefore.hasItem() && !registeredBefore.item().isEmpty()
                        ? registeredBefore.item() : getConsistent(registryKey(dealershipId));
                return registered.containsKey(COUNTED_FROM_START);
            }
        });
    }

    private Map<String, AttributeValue> getConsistent(Map<String, AttributeValue> key) {
        return db.getItem(r -> r.tableName(table).key(key).consistentRead(true)).item();
    }

    private Map<String, AttributeValue> idempotencyKey(String dealershipId, String idempotencyKey) {
        return Map.of(PK, s(idempotencyPk(dealershipId, Digests.sha256Hex(idempotencyKey))), SK, s(IDEMPOTENCY_SK));
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
        List<KpiEntry> kpi = item.get(KPI).l().stream().map(v -> new KpiEntry(
                Stage.valueOf(v.m().get(ENTRY_STAGE).s()),
                KpiOutcome.valueOf(v.m().get(ENTRY_OUTCOME).s()),
                parseInstant(v.m().get(AT).s()))).toList();
        return Optional.of(new RecordedUpdate(AgreementItems.statusUpdate(dealershipIdOfAgreementPk(item.get(PK).s()), item), kpi));
    }

    private static AttributeValue kpiEntry(KpiEntry e) {
        return AttributeValue.fromM(Map.of(ENTRY_STAGE, s(e.stage().name()), ENTRY_OUTCOME, s(e.outcome().name()),
                AT, s(instant(e.at()))));
    }
}
