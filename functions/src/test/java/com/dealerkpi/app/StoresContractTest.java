package com.dealerkpi.app;

import com.dealerkpi.app.report.ReportStore;
import com.dealerkpi.app.settings.SettingsStore;
import com.dealerkpi.app.status.StatusStore;
import com.dealerkpi.domain.settings.AuditEntry;
import com.dealerkpi.domain.settings.Profile;
import com.dealerkpi.domain.settings.TargetChange;
import com.dealerkpi.domain.settings.TargetField;
import com.dealerkpi.domain.settings.TargetScope;
import com.dealerkpi.domain.settings.Timeline;
import com.dealerkpi.domain.status.IdempotencyRecord;
import com.dealerkpi.domain.status.KpiOutcome;
import com.dealerkpi.domain.status.Milestone;
import com.dealerkpi.domain.status.Stage;
import com.dealerkpi.domain.status.Status;
import com.dealerkpi.domain.status.StatusUpdate;
import com.dealerkpi.support.TestBackend;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The contract of the store ports, checked on the ports themselves: the in-memory fake of the fast tier passes it,
 * and so do the DynamoDB stores on dynalite and moto (the integration tier reruns this class), so the fake cannot
 * drift from what production does.
 */
@Tag("stores")
class StoresContractTest {
    private static final Instant T1 = Instant.parse("2026-03-01T10:00:00Z");
    private static final Instant T2 = Instant.parse("2026-03-02T10:00:00Z");
    private Stores stores;
    private int next;

    @BeforeEach
    void freshStores() {
        stores = TestBackend.current().fresh(Clock.systemUTC());
    }

    private StatusUpdate update(String agreement, Status status, Instant at) {
        return new StatusUpdate(String.format("0190c5a8-0000-7000-8000-%012d", ++next), "C1", agreement, status, at, "u");
    }

    private StatusUpdate accepted(String agreement, Status status, Instant at) {
        StatusUpdate u = update(agreement, status, at);
        stores.status().putHistory(u);
        u.marks().forEach(mark -> stores.status().writeMilestone(u, mark, Optional.empty()));
        return u;
    }

    private Map<Stage, Milestone> milestones(String agreement) {
        return stores.status().findAgreement("C1", agreement).orElseThrow().milestones();
    }

    @Test
    void theLowestRankStandsInEitherArrivalOrderAndARealSetBeatsABackFillAtTheSameInstant() {
        accepted("a", Status.APPOINTED, T1);            // back-fills CONTACTED at T1
        accepted("a", Status.CONTACTED, T1);            // really sets it at T1
        accepted("b", Status.CONTACTED, T1);
        accepted("b", Status.APPOINTED, T1);
        for (String agreement : List.of("a", "b")) {
            Milestone contacted = milestones(agreement).get(Stage.CONTACTED);
            assertEquals(T1, contacted.at(), agreement);
            assertFalse(contacted.backfilled(), agreement);
        }
        accepted("c", Status.CONTACTED, T2);
        accepted("c", Status.CONTACTED, T1);
        accepted("c", Status.CONTACTED, T2);
        assertEquals(T1, milestones("c").get(Stage.CONTACTED).at(), "the earliest moment, whatever the arrival order");
    }

    @Test
    void aMilestoneWriteRepeatedByItsOwnUpdateRecognisesItself() {
        StatusUpdate sold = update("d", Status.SOLD, T2);
        stores.status().putHistory(sold);
        Status.MilestoneMark mark = sold.marks().get(3);
        assertEquals(KpiOutcome.RECORDED, stores.status().writeMilestone(sold, mark, Optional.empty()).standing().orElseThrow().entryFor(sold.eventId()).outcome());
        assertEquals(KpiOutcome.RECORDED, stores.status().writeMilestone(sold, mark, Optional.empty()).standing().orElseThrow().entryFor(sold.eventId()).outcome(),
                "an SDK retry of a write that had succeeded");
        StatusUpdate earlier = accepted("d", Status.SOLD, T1);
        assertEquals(earlier.eventId(), milestones("d").get(Stage.SOLD).eventId());
        assertEquals(KpiOutcome.UNCHANGED, stores.status().writeMilestone(sold, mark, Optional.empty()).standing().orElseThrow().entryFor(sold.eventId()).outcome());
    }

    @Test
    void aDealershipRegisteredByThisVersionIsCountedFromTheStartWhoeverRegistersItSecond() {
        assertTrue(stores.status().registerDealership("REG1"));
        // what the loser of two racing first updates sees (dynalite returns no refused item: it must be read)
        assertTrue(stores.status().registerDealership("REG1"), "a second registration finds the first one's mark");
    }

    @Test
    void anIdempotencyKeyIsClaimedOnceAndItsAnswerIsStoredOnce() {
        StatusUpdate first = update("e", Status.CONTACTED, T1);
        IdempotencyRecord claim = new IdempotencyRecord("C1", "key-1", "fp", first);
        assertTrue(stores.status().claimIdempotencyKey(claim).isEmpty());
        assertTrue(stores.status().claimIdempotencyKey(claim).isEmpty(), "the same claim again is still ours");
        IdempotencyRecord other = new IdempotencyRecord("C1", "key-1", "fp2", update("e", Status.SOLD, T2));
        assertEquals(first, stores.status().claimIdempotencyKey(other).orElseThrow().update());
        assertTrue(stores.status().claimIdempotencyKey(new IdempotencyRecord("C2", "key-1", "fp", update("e", Status.SOLD, T2))).isEmpty(),
                "keys are per dealership");

        stores.status().putHistory(first);
        stores.status().putHistory(first);
        assertTrue(stores.status().findCompleted(first).isEmpty());
        StatusStore.Completion stored = stores.status().completeHistory(first, List.of(), false);
        assertTrue(stored.storedNow());
        assertFalse(stores.status().completeHistory(first, List.of(), false).storedNow(), "the first answer stands");
        assertEquals(stored.recorded(), stores.status().findCompleted(first).orElseThrow());
        assertEquals(1, stores.status().findAgreement("C1", "e").orElseThrow().history().size());
    }

    @Test
    void theFirstActivityIsTheEarliestAcceptedUpdateOfAnyStatusThatIsNotVoided() {
        assertEquals(Optional.empty(), stores.reports().firstActivity("C1"));
        accepted("g", Status.CONTACTED, T2);
        StatusUpdate noAnswer = accepted("g", Status.NO_ANSWER, T1.minusSeconds(86_400));
        StatusUpdate early = accepted("h", Status.SOLD, T1.minusSeconds(2 * 86_400));
        assertEquals(Optional.of(early.occurredAt()), stores.reports().firstActivity("C1"));
        stores.status().voidUpdate("C1", "h", early.eventId(), by(), at -> Optional.empty());
        assertEquals(Optional.of(noAnswer.occurredAt()), stores.reports().firstActivity("C1"), "a non-KPI status counts; a voided update does not");
    }

    @Test
    void aVoidRebuildsMilestonesFromWhatRemainsAndRefusesTheVoidedUpdateLater() {
        StatusUpdate contacted = accepted("f", Status.CONTACTED, T2);
        StatusUpdate sold = accepted("f", Status.SOLD, T1);
        assertTrue(stores.status().voidUpdate("C1", "f", "0190c5a8-0000-7000-8000-999999999999", by(), at -> Optional.empty()).isEmpty());
        var view = stores.status().voidUpdate("C1", "f", sold.eventId(), by(), at -> Optional.empty()).orElseThrow();
        assertEquals(Map.of(Stage.CONTACTED, T2), Map.of(Stage.CONTACTED, view.milestones().get(Stage.CONTACTED).at()));
        assertEquals(1, view.milestones().size());
        assertEquals(List.of(contacted), view.history());
        assertEquals(sold, view.voided().get(0).update());
        // a late copy of the voided update's write is refused
        stores.status().writeMilestone(sold, sold.marks().get(3), Optional.empty());
        assertFalse(milestones("f").containsKey(Stage.SOLD));
        List<String> activity = new ArrayList<>();
        stores.reports().activity("C1", T1.minusSeconds(1), T2.plusSeconds(1), a -> activity.add(a.status()));
        assertEquals(List.of("CONTACTED"), activity, "usage no longer sees the voided update");
        assertEquals(view, stores.status().voidUpdate("C1", "f", sold.eventId(), by(), at -> Optional.empty()).orElseThrow(), "voiding again changes nothing");
    }

    private static StatusStore.VoidedBy by() {
        return new StatusStore.VoidedBy(Instant.parse("2026-11-01T00:00:00Z"), "n", "mistake");
    }

    @Test
    void dealershipsWithUpdatesAreRegistered() {
        assertFalse(stores.reports().isRegistered("C9"));
        stores.status().registerDealership("C9");
        stores.status().registerDealership("C9");
        stores.status().registerDealership("C8");
        assertTrue(stores.reports().isRegistered("C9"));
        assertEquals(new HashSet<>(List.of("C8", "C9")), new HashSet<>(stores.reports().registeredDealerships()));
    }

    @Test
    void milestonesAreCountedByMonthAndPagedNewestFirstWithoutGapsOrRepeats() {
        for (int i = 0; i < 17; i++) {
            accepted("p" + i, i % 3 == 0 ? Status.APPOINTED : Status.CONTACTED, T1.plusSeconds(3600L * 24 * (i % 5)));
        }
        long[] counts = stores.reports().countMilestones("C1", Stage.CONTACTED,
                List.of(T1, T1.plusSeconds(3600L * 24 * 2), T1.plusSeconds(3600L * 24 * 10)));
        assertEquals(17, counts[0] + counts[1]);
        assertEquals(8, counts[0], "days 0 and 1: i % 5 of 0 or 1");
        assertEquals(Optional.of(T1), stores.reports().firstActivity("C1"));
        List<String> seen = new ArrayList<>();
        Optional<ReportStore.MilestoneRow> after = Optional.empty();
        do {
            ReportStore.MilestonePage page = stores.reports().milestones("C1", Stage.CONTACTED, T1, T1.plusSeconds(3600L * 24 * 10), 4, after);
            page.rows().forEach(row -> seen.add(row.agreementId()));
            for (int i = 1; i < page.rows().size(); i++) {
                assertFalse(page.rows().get(i).at().isAfter(page.rows().get(i - 1).at()), "newest first");
            }
            after = page.next();
        } while (after.isPresent());
        assertEquals(17, seen.size());
        assertEquals(17, new HashSet<>(seen).size());
    }

    @Test
    void aStagesMilestonesAreReadWholeAndTheirAgreementsMomentsByKey() {
        accepted("m1", Status.SOLD, T2);                   // back-fills Contacted, Appointed, Attended at T2
        accepted("m1", Status.CONTACTED, T1);
        accepted("m2", Status.APPOINTED, T1);
        accepted("m3", Status.CONTACTED, T2.plusSeconds(3600L * 24 * 30));
        List<ReportStore.MilestoneRow> rows = new ArrayList<>();
        stores.reports().milestoneRows("C1", Stage.CONTACTED, T1, T2.plusSeconds(1), rows::add);
        assertEquals(Map.of("m1", T1, "m2", T1), rows.stream().collect(java.util.stream.Collectors.toMap(
                ReportStore.MilestoneRow::agreementId, ReportStore.MilestoneRow::at)));
        assertEquals(List.of(false, true), rows.stream().sorted(java.util.Comparator.comparing(ReportStore.MilestoneRow::agreementId))
                .map(ReportStore.MilestoneRow::backfilled).toList(), "m2's Contacted is a back-fill");

        Map<String, Map<Stage, Instant>> moments = stores.reports().milestoneMoments("C1", List.of("m1", "m2", "none"));
        assertEquals(Map.of(Stage.CONTACTED, T1, Stage.APPOINTED, T2, Stage.ATTENDED, T2, Stage.SOLD, T2), moments.get("m1"));
        assertEquals(Map.of(Stage.CONTACTED, T1, Stage.APPOINTED, T1), moments.get("m2"));
        assertFalse(moments.containsKey("none"), "an agreement without milestones is left out");
        assertTrue(stores.reports().milestoneMoments("C2", List.of("m1")).isEmpty(), "another dealership's agreement of the same id");
    }

    @Test
    void momentsOfAFullReadAreAllThere() {
        List<String> agreements = new ArrayList<>();
        for (int i = 0; i < ReportStore.MOMENTS_PER_READ; i++) {
            accepted("full" + i, Status.ATTENDED, T1.plusSeconds(i));
            agreements.add("full" + i);
        }
        Map<String, Map<Stage, Instant>> moments = stores.reports().milestoneMoments("C1", agreements);
        assertEquals(ReportStore.MOMENTS_PER_READ, moments.size());
        moments.values().forEach(byStage -> assertEquals(3, byStage.size()));
    }

    @Test
    void profilesAndTargetsChangeOnlyFromTheVersionRead() {
        SettingsStore settings = stores.settings();
        Profile profile = new Profile("C1", "One", "North West", "Land Rover", "Arnold Clark", ZoneId.of("Europe/London"),
                new Timeline<>(List.of(new Timeline.Change<>(YearMonth.of(2026, 1), T1, 400L))), null);
        AuditEntry entry = new AuditEntry(T1, "n", "CREATE", Map.of(), Map.of("name", "One"));
        Profile none = Profile.unknown("C1");
        assertTrue(settings.saveProfile(none, profile, 0, entry));
        assertFalse(settings.saveProfile(none, profile, 0, entry), "a second create loses");
        assertTrue(settings.saveProfile(profile, profile, 1, entry));
        var stored = settings.profile("C1").orElseThrow();
        assertEquals(2, stored.version());
        assertEquals(profile, stored.value());
        assertEquals(2, stored.history().size());
        assertEquals(List.of("C1"), settings.profilesInRegion(" north west ").stream().map(Profile::dealershipId).toList());
        assertEquals(List.of("C1"), settings.profilesOfBrand("LAND ROVER").stream().map(Profile::dealershipId).toList());
        assertEquals(List.of("Arnold Clark"), settings.allProfiles().stream().map(Profile::group).toList());
        assertEquals(Optional.of("Arnold Clark"), settings.groupOf("C1"));
        assertEquals(Optional.empty(), settings.groupOf("C9"), "no profile: no group");
        Profile leftItsGroup = new Profile("C1", "One", "North West", "Land Rover", null, profile.timezone(),
                profile.databaseSize(), null);
        assertTrue(settings.saveProfile(profile, leftItsGroup, 2, entry));
        assertEquals(leftItsGroup, settings.profile("C1").orElseThrow().value(), "a dealership that leaves its group is in none");
        assertEquals(Optional.empty(), settings.groupOf("C1"));
        assertEquals(List.of(), settings.profilesInGroup("arnold clark"), "out of the group it left");
        assertTrue(settings.saveProfile(leftItsGroup, profile, 3, entry));
        assertEquals(List.of(profile), settings.profilesInGroup("ARNOLD_CLARK"), "back in the group it joined again");

        TargetChange change = new TargetChange(YearMonth.of(2026, 4), T1, "n", TargetChange.Action.PUT, Map.of(TargetField.SOLD_RATE, 0.75));
        assertTrue(settings.appendTargetChange(TargetScope.brand("land rover"), change, 0));
        assertFalse(settings.appendTargetChange(TargetScope.brand("Land Rover"), change, 0));
        assertEquals(List.of(change), settings.targets(TargetScope.brand("LAND ROVER")).orElseThrow().value().changes());
        assertTrue(settings.appendTargetChange(TargetScope.group("ARNOLD_CLARK"), change, 0), "a group as its user pool spells it");
        var layers = settings.targetLayers(profile);
        assertEquals(List.of("brand:Land Rover", "group:Arnold Clark"), layers.stream().map(l -> l.scope().label()).sorted().toList(),
                "only scopes that have changes, labelled with the dealership's own spelling");
    }
}
