package com.dealerkpi.store;

import com.dealerkpi.app.common.ConcurrentChangeException;
import com.dealerkpi.app.status.StatusStore;
import com.dealerkpi.domain.status.AgreementView;
import com.dealerkpi.domain.status.Milestone;
import com.dealerkpi.domain.status.Stage;
import com.dealerkpi.domain.status.Status;
import com.dealerkpi.domain.status.StatusUpdate;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import static com.dealerkpi.store.AttributeMaps.s;
import static com.dealerkpi.store.TableLayout.*;

/**
 * A void, exact under concurrent updates and voids of the same agreement, with single-item conditional writes.
 *
 * <ol>
 * <li>The update's history item is marked voided (it leaves the activity index, so usage stops counting it).</li>
 * <li>On each milestone item of a stage it marks, its event id joins the item's voided set, so a late write of the
 *     voided update (a retry, a slow copy) is refused by the status write's condition. If it is the item's
 *     winner, the item is also marked "winner voided" (any status update may then take it over) and "rebuild
 *     pending".</li>
 * <li>Every item with a pending rebuild is rebuilt: read the agreement's partition (consistently), take the
 *     milestone the remaining updates make ({@link Milestone#earliest}), and write it only if the item's version is
 *     the one read. A lost race means someone wrote meanwhile: read again and repeat.</li>
 * </ol>
 * Why that converges to the rule: every status update stores its history item before its milestone writes. An
 * update whose history the rebuild's read missed therefore writes its milestone after that read, which either
 * changes the item's version (the rebuild's write fails and it reads again, now seeing the update) or fails its
 * own condition against a winner that ranks lower than it — a winner the rebuild's result can only match or
 * lower. An update that wrote before the read is in the read. Concurrent voids each add to the voided sets
 * before they rebuild, and every rebuild excludes what is voided at the time of its read.
 */
final class MilestoneRebuild {
    private static final int ATTEMPTS = 25;

    private final DynamoDbClient db;
    private final String table;
    private final AgreementItems agreements;
    private final Clock clock;
    /** The aggregate month of a rebuilt milestone's moment (empty: the dealership has no aggregates). */
    private final Function<Instant, Optional<String>> homeOf;

    MilestoneRebuild(DynamoDbClient db, String table, AgreementItems agreements, Clock clock,
                     Function<Instant, Optional<String>> homeOf) {
        this.db = db;
        this.table = table;
        this.agreements = agreements;
        this.clock = clock;
        this.homeOf = homeOf;
    }

    Optional<AgreementView> voidUpdate(String dealershipId, String agreementId, String eventId, StatusStore.VoidedBy by) {
        AgreementItems.Partition partition = agreements.read(dealershipId, agreementId);
        Optional<Map<String, AttributeValue>> event = partition.event(eventId);
        if (event.isEmpty()) {
            return Optional.empty();
        }
        StatusUpdate update = AgreementItems.statusUpdate(dealershipId, event.get());
        if (!event.get().containsKey(VOIDED_AT)) {
            markVoided(update, by);
        }
        for (Status.MilestoneMark mark : update.marks()) {
            markMilestone(update, mark.stage());
        }
        return rebuildPending(dealershipId, agreementId);
    }

    private void markVoided(StatusUpdate update, StatusStore.VoidedBy by) {
        DynamoErrors.call("void history", () -> {
            try {
                // flagged in the same write: the usage counts must take it out (docs/aggregates.md)
                db.updateItem(r -> r.tableName(table).key(AgreementItems.historyKey(update))
                        .updateExpression("SET #vat = :vat, #vby = :vby, #why = :why, #obpk = :obpk, #obsk = :obsk"
                                + " REMOVE #g2pk, #g2sk")
                        .conditionExpression("attribute_exists(#pk) AND attribute_not_exists(#vat)")
                        .expressionAttributeNames(Map.of("#pk", PK, "#vat", VOIDED_AT, "#vby", VOIDED_BY, "#why", VOID_REASON,
                                "#g2pk", GSI2_PK, "#g2sk", GSI2_SK, "#obpk", OUTBOX_PK, "#obsk", OUTBOX_SK))
                        .expressionAttributeValues(Map.of(":vat", s(by.at().toString()), ":vby", s(by.by()), ":why", s(by.reason()),
                                ":obpk", s(outboxPk(update.dealershipId(), update.agreementId())),
                                ":obsk", s(instant(clock.instant())))));
            } catch (ConditionalCheckFailedException alreadyVoided) {
                // a concurrent copy of this void came first: its who/when/why stand
            }
            return null;
        });
    }

    private void markMilestone(StatusUpdate update, Stage stage) {
        DynamoErrors.call("void milestone", () -> {
            try {
                db.updateItem(MilestoneWrite.of(update.dealershipId(), update.agreementId(), stage, clock.instant())
                        .voided(update.eventId(), true).request(table).build());
            } catch (ConditionalCheckFailedException notTheWinner) {
                db.updateItem(MilestoneWrite.of(update.dealershipId(), update.agreementId(), stage, clock.instant())
                        .voided(update.eventId(), false).request(table).build());
            }
            return null;
        });
    }

    /** Rebuilds every milestone item of the agreement that waits for it, until none does; then the view. */
    private Optional<AgreementView> rebuildPending(String dealershipId, String agreementId) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            AgreementItems.Partition partition = agreements.read(dealershipId, agreementId);
            boolean settled = true;
            for (Map.Entry<Stage, Map<String, AttributeValue>> item : partition.milestones().entrySet()) {
                Map<String, AttributeValue> attributes = item.getValue();
                if (attributes.containsKey(REBUILD_PENDING)) {
                    List<StatusUpdate> counting = partition.counting(AgreementItems.voidedEvents(attributes));
                    settled &= write(dealershipId, agreementId, item.getKey(), Milestone.earliest(item.getKey(), counting),
                            attributes.get(VERSION));
                }
            }
            if (settled) {
                return settled(partition, dealershipId, agreementId);
            }
        }
        throw new ConcurrentChangeException("Agreement " + agreementId + "'s milestones");
    }

    /** The partition just read, unless a rebuild wrote since: then read once more for the view. */
    private Optional<AgreementView> settled(AgreementItems.Partition read, String dealershipId, String agreementId) {
        boolean rebuilt = read.milestones().values().stream().anyMatch(item -> item.containsKey(REBUILD_PENDING));
        return (rebuilt ? agreements.read(dealershipId, agreementId) : read).view();
    }

    /** The rebuilt milestone (or none), only if the item's version is still {@code version}; false if it was not. */
    private boolean write(String dealershipId, String agreementId, Stage stage, Optional<Milestone> milestone,
                          AttributeValue version) {
        MilestoneWrite rebuilt = MilestoneWrite.of(dealershipId, agreementId, stage, clock.instant());
        milestone.ifPresentOrElse(m -> {
            rebuilt.rebuiltAs(m);
            homeOf.apply(m.at()).ifPresent(rebuilt::home);
        }, rebuilt::rebuiltEmpty);
        return DynamoErrors.call("rebuild milestone", () -> {
            try {
                db.updateItem(rebuilt.ifVersion(version).request(table).build());
                return true;
            } catch (ConditionalCheckFailedException changedMeanwhile) {
                return false;
            }
        });
    }
}
