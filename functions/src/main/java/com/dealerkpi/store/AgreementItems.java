package com.dealerkpi.store;

import com.dealerkpi.domain.counts.MilestoneState;
import com.dealerkpi.domain.counts.UsageEvent;
import com.dealerkpi.domain.status.AgreementView;
import com.dealerkpi.domain.status.Milestone;
import com.dealerkpi.domain.status.Stage;
import com.dealerkpi.domain.status.Status;
import com.dealerkpi.domain.status.StatusUpdate;
import com.dealerkpi.domain.status.VoidedUpdate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import static com.dealerkpi.store.TableLayout.*;

/** An agreement's partition: its history items and milestone items, read together, and their mapping. */
final class AgreementItems {
    private final DynamoDbClient db;
    private final String table;

    AgreementItems(DynamoDbClient db, String table) {
        this.db = db;
        this.table = table;
    }

    /** Everything stored for one agreement, as read by one consistent Query. */
    record Partition(String dealershipId, String agreementId, List<Map<String, AttributeValue>> history,
                     Map<Stage, Map<String, AttributeValue>> milestones) {

        Optional<Map<String, AttributeValue>> event(String eventId) {
            return history.stream().filter(item -> item.get(EVENT_ID).s().equals(eventId)).findFirst();
        }

        /** The updates that count: accepted, not voided (neither marked on their item nor listed on a milestone). */
        List<StatusUpdate> counting(Set<String> voidedElsewhere) {
            return history.stream().filter(item -> !item.containsKey(VOIDED_AT))
                    .filter(item -> !voidedElsewhere.contains(item.get(EVENT_ID).s()))
                    .map(item -> statusUpdate(dealershipId, item)).toList();
        }

        Optional<AgreementView> view() {
            List<StatusUpdate> counting = new ArrayList<>();
            List<VoidedUpdate> voided = new ArrayList<>();
            for (Map<String, AttributeValue> item : history) {
                StatusUpdate update = statusUpdate(dealershipId, item);
                if (item.containsKey(VOIDED_AT)) {
                    voided.add(new VoidedUpdate(update, parseInstant(item.get(VOIDED_AT).s()), item.get(VOIDED_BY).s(),
                            item.get(VOID_REASON).s()));
                } else {
                    counting.add(update);
                }
            }
            counting.sort(AgreementView.CHRONOLOGICAL);
            voided.sort((a, b) -> AgreementView.CHRONOLOGICAL.compare(a.update(), b.update()));
            Map<Stage, Milestone> reached = new EnumMap<>(Stage.class);
            milestones.forEach((stage, item) -> milestone(stage, item).ifPresent(m -> reached.put(stage, m)));
            AgreementView view = new AgreementView(dealershipId, agreementId, List.copyOf(counting), List.copyOf(voided), reached);
            return view.isEmpty() ? Optional.empty() : Optional.of(view);
        }
    }

    Partition read(String dealershipId, String agreementId) {
        List<Map<String, AttributeValue>> history = new ArrayList<>();
        Map<Stage, Map<String, AttributeValue>> milestones = new EnumMap<>(Stage.class);
        QueryRequest query = QueryRequest.builder().tableName(table).consistentRead(true)
                .keyConditionExpression("#pk = :pk")
                .expressionAttributeNames(Map.of("#pk", PK))
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(agreementPk(dealershipId, agreementId))))
                .build();
        DynamoErrors.call("read agreement", () -> {
            for (QueryResponse page : db.queryPaginator(query)) {
                for (Map<String, AttributeValue> item : page.items()) {
                    String sk = item.get(SK).s();
                    if (sk.startsWith(HISTORY_PREFIX)) {
                        history.add(item);
                    } else if (sk.startsWith(MILESTONE_PREFIX)) {
                        milestones.put(stageOfMilestoneSk(sk), item);
                    }
                }
            }
            return null;
        });
        return new Partition(dealershipId, agreementId, history, milestones);
    }

    static Map<String, AttributeValue> historyKey(StatusUpdate u) {
        return Map.of(PK, AttributeValue.fromS(agreementPk(u.dealershipId(), u.agreementId())),
                SK, AttributeValue.fromS(historySk(u.occurredAt(), u.eventId())));
    }

    static Map<String, AttributeValue> milestoneKey(String dealershipId, String agreementId, Stage stage) {
        return Map.of(PK, AttributeValue.fromS(agreementPk(dealershipId, agreementId)),
                SK, AttributeValue.fromS(milestoneSk(stage)));
    }

    /** @param now when it is written (its outbox flag's moment) */
    static Map<String, AttributeValue> historyItem(StatusUpdate u, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>(historyKey(u));
        item.put(EVENT_ID, AttributeValue.fromS(u.eventId()));
        item.put(STATUS, AttributeValue.fromS(u.status().name()));
        item.put(AT, AttributeValue.fromS(instant(u.occurredAt())));
        item.put(USER_ID, AttributeValue.fromS(u.userId()));
        item.put(GSI2_PK, AttributeValue.fromS(activityIndexPk(u.dealershipId())));
        item.put(GSI2_SK, AttributeValue.fromS(activityIndexSk(u.occurredAt(), u.eventId())));
        // flagged until the usage counts hold it (docs/aggregates.md)
        item.put(OUTBOX_PK, AttributeValue.fromS(outboxPk(u.dealershipId(), u.agreementId())));
        item.put(OUTBOX_SK, AttributeValue.fromS(instant(now)));
        return item;
    }

    static StatusUpdate statusUpdate(String dealershipId, Map<String, AttributeValue> item) {
        return new StatusUpdate(item.get(EVENT_ID).s(), dealershipId, agreementIdOf(item.get(PK).s()),
                Status.valueOf(item.get(STATUS).s()), parseInstant(item.get(AT).s()), item.get(USER_ID).s());
    }

    /** The milestone an item holds; empty when it holds none (a void left it without one, or made it first). */
    static Optional<Milestone> milestone(Stage stage, Map<String, AttributeValue> item) {
        if (item == null || !item.containsKey(AT)) {
            return Optional.empty();
        }
        AttributeValue replaced = item.get(REPLACED);
        return Optional.of(new Milestone(stage, parseInstant(item.get(AT).s()), item.get(BACKFILLED).bool(),
                item.get(EVENT_ID).s(), replaced == null || NOTHING.equals(replaced.s()) ? null : parseInstant(replaced.s())));
    }

    /** A milestone item as the aggregates see it: version, moment (none after a void left it empty), homes, flag. */
    static MilestoneState state(String agreementId, Stage stage, Map<String, AttributeValue> item) {
        long version = item.containsKey(VERSION) ? Long.parseLong(item.get(VERSION).n()) : 0;
        Instant at = item.containsKey(AT) ? parseInstant(item.get(AT).s()) : null;
        Set<String> homes = item.containsKey(HOMES) && item.get(HOMES).hasSs() ? Set.copyOf(item.get(HOMES).ss()) : Set.of();
        return new MilestoneState(agreementId, stage, version, at, homes, item.containsKey(OUTBOX_PK));
    }

    /**
     * A history item as the usage counts see it (from the table or the activity index, which projects the status and
     * the user): its event, moment, status and user, whether it counts (not voided) and is flagged.
     */
    static UsageEvent usageEvent(Map<String, AttributeValue> item) {
        String sk = item.get(SK).s();
        String eventId = sk.substring(sk.lastIndexOf('#') + 1);
        Instant at = parseInstant(sk.substring(HISTORY_PREFIX.length(), sk.lastIndexOf('#')));
        return new UsageEvent(eventId, at, item.get(STATUS).s(), item.get(USER_ID).s(), !item.containsKey(VOIDED_AT),
                item.containsKey(OUTBOX_PK));
    }

    /** The event ids voided on a milestone item (so a late write of theirs is refused). */
    static Set<String> voidedEvents(Map<String, AttributeValue> item) {
        AttributeValue set = item == null ? null : item.get(VOIDED_EVENTS);
        return set == null || !set.hasSs() ? Set.of() : Set.copyOf(set.ss());
    }
}
