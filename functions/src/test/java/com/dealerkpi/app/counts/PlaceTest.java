package com.dealerkpi.app.counts;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PlaceTest {
    private static final Instant MARCH = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void itsTextOrdersAsThePlacesDo() {
        List<CountsStore.Place> places = new ArrayList<>(List.of(new CountsStore.Place(MARCH, "b"),
                new CountsStore.Place(MARCH.plusMillis(1), "a"), new CountsStore.Place(MARCH, "a"),
                new CountsStore.Place(Instant.parse("2009-02-13T23:31:30Z"), "z")));
        List<String> texts = new ArrayList<>(places.stream().map(CountsStore.Place::format).toList());
        Collections.sort(places);
        Collections.sort(texts);
        assertEquals(places.stream().map(CountsStore.Place::format).toList(), texts);
        assertEquals(new CountsStore.Place(MARCH, "a"), places.get(1));
    }

    @Test
    void itSortsBeforeAnyAgreementId() {
        // what a version that recorded an agreement's id as its build's progress makes of it: start from the first
        List<String> ids = new ArrayList<>(List.of("-1", ".a", "0000", "00123", "A1", "_x", "z"));
        String place = new CountsStore.Place(MARCH, "00123").format();
        assertEquals(-1, Collections.binarySearch(ids, place));
    }

    @Test
    void itReadsBackWhatItWritesAndNothingElse() {
        CountsStore.Place place = new CountsStore.Place(MARCH, "A-12.x");
        assertEquals(Optional.of(place), CountsStore.Place.parse(place.format()));
        // a build's progress as the version before recorded it: an agreement's id
        assertEquals(Optional.empty(), CountsStore.Place.parse("A-12.x"));
        assertEquals(Optional.empty(), CountsStore.Place.parse("12|A1"));
        // and an update's, as the version before recorded it
        assertEquals(Optional.empty(), CountsStore.Place.parse(place.format().substring(1)));
    }
}
