package com.dealerkpi.store;

import com.dealerkpi.domain.status.Milestone;
import com.dealerkpi.domain.status.Stage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import static com.dealerkpi.store.AttributeMaps.n;
import static com.dealerkpi.store.AttributeMaps.s;
import static com.dealerkpi.store.TableLayout.*;

/**
 * The one way a milestone item changes: a status update claiming the stage, a void marking it, a rebuild settling
 * it, the aggregates' build giving it a home. Every change it builds raises the item's version and sets its outbox
 * flag in that same write, whatever else it does (and whatever condition it carries: the conditions of the steps
 * called are all required), so "the milestone changed", "its version moved" and "the aggregates may not hold it yet"
 * never come apart: a rebuild conditioned on the version it read fails if anything changed meanwhile, and the
 * aggregates (docs/aggregates.md) follow every change by its version and its flag. The one write that is not a change,
 * {@link #published}, removes the flag once the aggregates hold that version.
 */
final class MilestoneWrite {
    private final String dealershipId;
    private final Stage stage;
    private final Map<String, AttributeValue> key;
    private final Map<String, String> names = new HashMap<>();
    private final Map<String, AttributeValue> values = new HashMap<>();
    private final List<String> sets = new ArrayList<>();
    private final List<String> removes = new ArrayList<>();
    private final List<String> adds = new ArrayList<>();
    private final List<String> deletes = new ArrayList<>();
    private final List<String> conditions = new ArrayList<>();
    private final String outboxShard;
    private final Instant now;
    private boolean change = true;

    private MilestoneWrite(String dealershipId, String agreementId, Stage stage, Instant now) {
        this.dealershipId = dealershipId;
        this.stage = stage;
        this.key = AgreementItems.milestoneKey(dealershipId, agreementId, stage);
        this.outboxShard = outboxPk(dealershipId, agreementId);
        this.now = now;
    }

    /** @param now when the write is made (the moment its outbox flag is set at) */
    static MilestoneWrite of(String dealershipId, String agreementId, Stage stage, Instant now) {
        return new MilestoneWrite(dealershipId, agreementId, stage, now);
    }

    /** The aggregate month the milestone's new moment is counted in joins its homes (before any register is written). */
    MilestoneWrite home(String homeKey) {
        adds.add(name(HOMES) + " " + value(":home", AttributeValue.fromSs(List.of(homeKey))));
        return this;
    }

    /** Only to an item that exists (the build gives homes to milestones it found; it never creates one). */
    MilestoneWrite existing() {
        conditions.add("attribute_exists(" + name(PK) + ")");
        return this;
    }

    /**
     * Not a change: the aggregates hold the milestone at {@code version}, so its outbox flag goes, and so do the homes
     * that hold only a tombstone of it now; only if the item is still at that version.
     */
    MilestoneWrite published(long version, Set<String> staleHomes) {
        change = false;
        removes.add(name(OUTBOX_PK));
        removes.add(name(OUTBOX_SK));
        if (!staleHomes.isEmpty()) {
            deletes.add(name(HOMES) + " " + value(":stale", AttributeValue.fromSs(List.copyOf(staleHomes))));
        }
        conditions.add(name(VERSION) + " = " + value(":published", n(version)));
        return this;
    }

    /**
     * An update's moment becomes the milestone, keeping the moment it replaces ({@link TableLayout#REPLACED}), and
     * only if it ranks lower than the milestone standing, or that one's update was voided, and this update was not.
     */
    MilestoneWrite claimedBy(Instant at, boolean backfilled, String eventId) {
        sets.add(name(REPLACED) + " = if_not_exists(" + name(AT) + ", " + value(":nothing", s(NOTHING)) + ")");
        holding(at, backfilled, eventId, Milestone.rank(at, backfilled));
        sets.add(name(WINNER_VOIDED) + " = " + value(":false", bool(false)));
        conditions.add("NOT contains(" + name(VOIDED_EVENTS) + ", " + value(":eid", s(eventId)) + ") AND (attribute_not_exists("
                + name(RANK) + ") OR " + name(RANK) + " > " + value(":rk", s(Milestone.rank(at, backfilled))) + " OR "
                + name(WINNER_VOIDED) + " = " + value(":true", bool(true)) + ")");
        return this;
    }

    /** A rebuild's result: the milestone the remaining updates make (it replaced nothing they know of), settled. */
    MilestoneWrite rebuiltAs(Milestone milestone) {
        sets.add(name(REPLACED) + " = " + value(":nothing", s(NOTHING)));
        holding(milestone.at(), milestone.backfilled(), milestone.eventId(), milestone.rank());
        return settled();
    }

    /** A rebuild's result when no remaining update marks the stage: the item keeps only its version and voids. */
    MilestoneWrite rebuiltEmpty() {
        for (String attribute : List.of(AT, BACKFILLED, EVENT_ID, RANK, REPLACED, GSI1_PK, GSI1_SK)) {
            removes.add(name(attribute));
        }
        return settled();
    }

    /**
     * A void of {@code eventId}: a late write of that update is refused from now on; if it is the milestone's own
     * update, any update may take the stage over and the item waits for its rebuild.
     */
    MilestoneWrite voided(String eventId, boolean ofTheWinner) {
        adds.add(name(VOIDED_EVENTS) + " " + value(":voided", AttributeValue.fromSs(List.of(eventId))));
        if (ofTheWinner) {
            sets.add(name(WINNER_VOIDED) + " = " + value(":true", bool(true)));
            sets.add(name(REBUILD_PENDING) + " = " + value(":true", bool(true)));
            conditions.add(name(EVENT_ID) + " = " + value(":eid", s(eventId)));
        }
        return this;
    }

    /** Only if the item's version is still the one read. */
    MilestoneWrite ifVersion(AttributeValue version) {
        conditions.add(name(VERSION) + " = " + value(":v", version));
        return this;
    }

    UpdateItemRequest.Builder request(String table) {
        List<String> assignments = new ArrayList<>();
        if (change) {
            assignments.add(name(VERSION) + " = if_not_exists(" + name(VERSION) + ", " + value(":zero", n(0)) + ") + "
                    + value(":one", n(1)));
            assignments.add(name(OUTBOX_PK) + " = " + value(":obpk", s(outboxShard)));
            assignments.add(name(OUTBOX_SK) + " = " + value(":obsk", s(instant(now))));
        }
        assignments.addAll(sets);
        StringBuilder expression = new StringBuilder();
        if (!assignments.isEmpty()) {
            expression.append("SET ").append(String.join(", ", assignments));
        }
        if (!removes.isEmpty()) {
            expression.append(" REMOVE ").append(String.join(", ", removes));
        }
        if (!adds.isEmpty()) {
            expression.append(" ADD ").append(String.join(", ", adds));
        }
        if (!deletes.isEmpty()) {
            expression.append(" DELETE ").append(String.join(", ", deletes));
        }
        UpdateItemRequest.Builder request = UpdateItemRequest.builder().tableName(table).key(key)
                .updateExpression(expression.toString().trim()).expressionAttributeNames(names).expressionAttributeValues(values);
        return conditions.isEmpty() ? request : request.conditionExpression("(" + String.join(") AND (", conditions) + ")");
    }

    private void holding(Instant at, boolean backfilled, String eventId, String rank) {
        sets.add(name(RANK) + " = " + value(":rk", s(rank)));
        sets.add(name(AT) + " = " + value(":at", s(instant(at))));
        sets.add(name(BACKFILLED) + " = " + value(":bf", bool(backfilled)));
        sets.add(name(EVENT_ID) + " = " + value(":eid", s(eventId)));
        sets.add(name(GSI1_PK) + " = " + value(":g1pk", s(milestoneIndexPk(dealershipId, stage))));
        sets.add(name(GSI1_SK) + " = " + value(":g1sk", s(milestoneIndexSk(at, backfilled))));
    }

    private MilestoneWrite settled() {
        sets.add(name(WINNER_VOIDED) + " = " + value(":false", bool(false)));
        removes.add(name(REBUILD_PENDING));
        return this;
    }

    private String name(String attribute) {
        String placeholder = "#" + attribute;
        names.put(placeholder, attribute);
        return placeholder;
    }

    private String value(String placeholder, AttributeValue value) {
        values.put(placeholder, value);
        return placeholder;
    }

    private static AttributeValue bool(boolean value) {
        return AttributeValue.fromBool(value);
    }
}
