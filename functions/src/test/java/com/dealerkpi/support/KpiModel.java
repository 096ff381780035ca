package com.dealerkpi.support;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A deliberately simple, independent model of the contract's rules (it shares no code with production):
 * the accepted updates per agreement, and milestones computed from them by brute force.
 */
public final class KpiModel {
    public static final List<String> STAGES = List.of("CONTACTED", "APPOINTED", "ATTENDED", "SOLD");

    /** The contract's back-fill table: what each status marks (stage -> back-filled?). */
    private static final Map<String, Map<String, Boolean>> MARKS = Map.of(
            "CONTACTED", Map.of("CONTACTED", false),
            "APPOINTED", Map.of("CONTACTED", true, "APPOINTED", false),
            "ATTENDED", Map.of("CONTACTED", true, "APPOINTED", true, "ATTENDED", false),
            "SOLD", Map.of("CONTACTED", true, "APPOINTED", true, "ATTENDED", true, "SOLD", false),
            "NOT_SOLD", Map.of("CONTACTED", true));

    public record Event(String dealershipId, String agreementId, String eventId, String status, Instant at, String userId) {
    }

    public record Mark(Instant at, boolean backfilled) {
    }

    private final Map<String, List<Event>> byAgreement = new ConcurrentHashMap<>();
    private final java.util.Set<String> voided = ConcurrentHashMap.newKeySet();

    public static String canonical(String status) {
        return status.trim().replace(' ', '_').replace('-', '_').toUpperCase(Locale.ROOT);
    }

    public static Map<String, Boolean> marks(String status) {
        return MARKS.getOrDefault(canonical(status), Map.of());
    }

    public void accept(Event event) {
        byAgreement.computeIfAbsent(event.dealershipId() + "/" + event.agreementId(),
                k -> java.util.Collections.synchronizedList(new ArrayList<>())).add(event);
    }

    public Map<String, List<Event>> agreements() {
        return byAgreement;
    }

    /** From now on the event counts nowhere. */
    public void voidEvent(String eventId) {
        voided.add(eventId);
    }

    /** The events that count, by moment and then acceptance (time-ordered event ids). */
    public List<Event> history(String dealershipId, String agreementId) {
        List<Event> events = new ArrayList<>(byAgreement.getOrDefault(dealershipId + "/" + agreementId, List.of()));
        events.removeIf(e -> voided.contains(e.eventId()));
        events.sort(Comparator.comparing(Event::at).thenComparing(Event::eventId));
        return events;
    }

    /** The voided events of an agreement, in the same order. */
    public List<Event> voided(String dealershipId, String agreementId) {
        List<Event> events = new ArrayList<>(byAgreement.getOrDefault(dealershipId + "/" + agreementId, List.of()));
        events.removeIf(e -> !voided.contains(e.eventId()));
        events.sort(Comparator.comparing(Event::at).thenComparing(Event::eventId));
        return events;
    }

    /** Per stage: the earliest moment of any update marking it; at a tie, a real set beats a back-fill. */
    public Map<String, Mark> milestones(String dealershipId, String agreementId) {
        Map<String, Mark> result = new LinkedHashMap<>();
        for (Event e : history(dealershipId, agreementId)) {
            marks(e.status()).forEach((stage, backfilled) -> {
                Mark current = result.get(stage);
                if (current == null || e.at().isBefore(current.at())
                        || (e.at().equals(current.at()) && current.backfilled() && !backfilled)) {
                    result.put(stage, new Mark(e.at(), backfilled));
                }
            });
        }
        return result;
    }
}
