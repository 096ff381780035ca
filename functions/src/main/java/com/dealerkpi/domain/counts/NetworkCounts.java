package com.dealerkpi.domain.counts;

import com.dealerkpi.domain.Months;
import com.dealerkpi.domain.status.Stage;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a roll-up reads of the network's aggregates: every dealership's listing, and for each month read, the copy of
 * each dealership's month counters as stored ({@link NetworkRegister#format()}), decoded only when a row asks for
 * its dealership, in one pass into the days of its range: a region's or brand's table reads every dealership's
 * copies and keeps its own. (A copy no row asks for is not checked here; verification reads every copy.)
 */
public record NetworkCounts(Map<String, NetworkListing> listings, Map<YearMonth, Map<String, String>> months) {

    /**
     * Each stage's count on each local day from {@code from} to {@code to} (index 0: {@code from}) of one dealership,
     * if its listing serves {@code zone}: the copies of its listed generation (a month without one counted nothing in
     * that generation). Empty when the dealership's counts must be read otherwise (no listing, being built, another
     * zone), a month of the range was not read, or a copy is of a newer generation than the listing read before it
     * (one began meanwhile: what the listed generation's copies say may already be left behind).
     */
    public Optional<Map<Stage, long[]>> byDay(String dealershipId, ZoneId zone, LocalDate from, LocalDate to) {
        NetworkListing listing = listings.get(dealershipId);
        List<YearMonth> range = Months.between(from, to);
        if (listing == null || !listing.serves(zone) || !months.keySet().containsAll(range)
                || range.stream().map(month -> months.get(month).get(dealershipId))
                .anyMatch(copy -> copy != null && NetworkRegister.generationOf(copy) > listing.generation())) {
            return Optional.empty();
        }
        return Optional.of(MonthCounts.byDayOfRange(from, to, (month, firstDay, lastDay, into, offset) -> {
            String copy = months.get(month).get(dealershipId);
            if (copy != null && NetworkRegister.generationOf(copy) == listing.generation()) {
                NetworkRegister.copyDays(copy, firstDay, lastDay, into, offset);
            }
        }));
    }
}
