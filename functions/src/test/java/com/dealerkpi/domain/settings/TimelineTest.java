package com.dealerkpi.domain.settings;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TimelineTest {
    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final ZoneId SYDNEY = ZoneId.of("Australia/Sydney");

    @Test
    void theChangeWithTheGreatestEffectiveMonthUpToTheMonthWins() {
        Timeline<Long> sizes = new Timeline<>(List.of(
                new Timeline.Change<>(YearMonth.of(2026, 3), Instant.parse("2026-11-01T00:00:00Z"), 500L),
                new Timeline.Change<>(YearMonth.of(2026, 1), Instant.parse("2026-11-02T00:00:00Z"), 400L)));
        assertEquals(Optional.empty(), sizes.in(YearMonth.of(2025, 12), LONDON), "before the first change: none");
        assertEquals(Optional.of(400L), sizes.in(YearMonth.of(2026, 2), LONDON));
        assertEquals(Optional.of(500L), sizes.in(YearMonth.of(2026, 3), LONDON), "a later-made change of an earlier month does not hide it");
        assertEquals(Optional.of(500L), sizes.in(YearMonth.of(2030, 1), LONDON));
    }

    @Test
    void equalMonthsTakeTheLaterChangeAndNullUnsets() {
        Timeline<Double> rate = new Timeline<>(List.of(
                new Timeline.Change<>(YearMonth.of(2026, 5), Instant.parse("2026-05-01T00:00:00Z"), 0.1),
                new Timeline.Change<>(YearMonth.of(2026, 5), Instant.parse("2026-05-02T00:00:00Z"), 0.2),
                new Timeline.Change<>(YearMonth.of(2026, 8), Instant.parse("2026-05-03T00:00:00Z"), null)));
        assertEquals(Optional.of(0.2), rate.in(YearMonth.of(2026, 6), LONDON));
        assertEquals(Optional.empty(), rate.in(YearMonth.of(2026, 9), LONDON));
    }

    @Test
    void withoutItsOwnMonthAChangeStartsInTheMonthItWasMadeInEachZone() {
        // 31 March 23:30 UTC is already 1 April in London (BST) and in Sydney
        Timeline<Long> sizes = new Timeline<>(List.of(new Timeline.Change<>(null, Instant.parse("2026-03-31T23:30:00Z"), 100L)));
        assertEquals(Optional.empty(), sizes.in(YearMonth.of(2026, 3), LONDON));
        assertEquals(Optional.of(100L), sizes.in(YearMonth.of(2026, 4), LONDON));
        assertEquals(Optional.of(100L), sizes.in(YearMonth.of(2026, 3), ZoneId.of("America/Chicago")));
        assertEquals(Optional.empty(), sizes.in(YearMonth.of(2026, 3), SYDNEY));
    }

    @Test
    void aScopeDeleteUnsetsEveryFieldFromItsMonthAndPutsKeepOtherFields() {
        ScopeTargets scope = new ScopeTargets(List.of(
                new TargetChange(YearMonth.of(2026, 1), Instant.parse("2026-01-01T00:00:00Z"), "n", TargetChange.Action.PUT,
                        Map.of(TargetField.SOLD_RATE, 0.7, TargetField.APPOINTED_RATE, 0.6)),
                new TargetChange(YearMonth.of(2026, 4), Instant.parse("2026-01-02T00:00:00Z"), "n", TargetChange.Action.PUT,
                        Map.of(TargetField.SOLD_RATE, 0.75)),
                new TargetChange(YearMonth.of(2026, 9), Instant.parse("2026-01-03T00:00:00Z"), "n", TargetChange.Action.DELETE, Map.of())));
        assertEquals(Map.of(TargetField.SOLD_RATE, 0.7, TargetField.APPOINTED_RATE, 0.6), scope.valuesIn(YearMonth.of(2026, 3), LONDON));
        assertEquals(Map.of(TargetField.SOLD_RATE, 0.75, TargetField.APPOINTED_RATE, 0.6), scope.valuesIn(YearMonth.of(2026, 4), LONDON));
        assertEquals(Map.of(), scope.valuesIn(YearMonth.of(2026, 9), LONDON));
        assertEquals(List.of(YearMonth.of(2026, 1), YearMonth.of(2026, 4), YearMonth.of(2026, 9)),
                scope.steps(LONDON).stream().map(Map.Entry::getKey).toList());
        ScopeTargets.Audited second = scope.audit(LONDON).get(1);
        assertEquals(0.7, second.before().get(TargetField.SOLD_RATE));
        assertEquals(0.75, second.after().get(TargetField.SOLD_RATE));
    }
}
