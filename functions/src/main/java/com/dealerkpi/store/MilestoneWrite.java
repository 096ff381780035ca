package com.dealerkpi.store;

import com.dealerkpi.domain.status.Milestone;
import com.dealerkpi.domain.status.Stage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import static com.dealerkpi.store.AttributeMaps.n;
import static com.dealerkpi.store.AttributeMaps.s;
import static com.dealerkpi.store.TableLayout.*;

/**
 * The one way a milestone item changes: a status update claiming the stage, a void marking it, a rebuild settling
 * it. Every write it builds raises the item's version in that same write, whatever else it does (and whatever
 * condition it carries: the conditions of the steps called are all required), so "the milestone changed" and "its
 * version moved" never come apart: a rebuild conditioned on the version it read fails if anything changed meanwhile,
 * and whatever must follow every change of a milestone can follow its version alone.
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
    private final List<String> conditions = new ArrayList<>();

    private MilestoneWrite(String dealershipId, String agreementId, Stage stage) {
        this.dealershipId = dealershipId;
        this.stage = stage;
        this.key = AgreementItems.milestoneKey(dealershipId, agreementId, stage);
        sets.add(name(VERSION) + " = if_not_exists(" + name(VERSION) + ", " + value(":zero", n(0)) + ") + "
                + value(":one", n(1)));
    }

    static MilestoneWrite of(String dealershipId, String agreementId, Stage stage) {
        return new MilestoneWrite(dealershipId, agreementId, stage);
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
        StringBuilder expression = new StringBuilder("SET ").append(String.join(", ", sets));
        if (!removes.isEmpty()) {
            expression.append(" REMOVE ").append(String.join(", ", removes));
        }
        if (!adds.isEmpty()) {
            expression.append(" ADD ").append(String.join(", ", adds));
        }
        UpdateItemRequest.Builder request = UpdateItemRequest.builder().tableName(table).key(key)
                .updateExpression(expression.toString()).expressionAttributeNames(names).expressionAttributeValues(values);
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
