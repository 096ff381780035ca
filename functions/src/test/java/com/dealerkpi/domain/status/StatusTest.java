package com.dealerkpi.domain.status;

import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StatusTest {

    @ParameterizedTest
    @CsvSource({
            "Not Sold, NOT_SOLD", "not-sold, NOT_SOLD", "NOT_SOLD, NOT_SOLD", "' sold ', SOLD",
            "Contacted, CONTACTED", "did not attend, DID_NOT_ATTEND", "Selected-For Contact, SELECTED_FOR_CONTACT"})
    void namesAreCaseInsensitiveAndSpacesOrHyphensMeanUnderscores(String raw, Status expected) {
        assertEquals(expected, Status.parse(raw).orElseThrow());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "Sold!", "SOLDX", "NOTSOLD", "Not__Sold", "контакт"})
    void unknownNamesAreRejected(String raw) {
        assertTrue(Status.parse(raw).isEmpty(), raw);
    }

    @ParameterizedTest
    @CsvSource({
            "CONTACTED, CONTACTED",
            "APPOINTED, CONTACTED* APPOINTED",
            "ATTENDED, CONTACTED* APPOINTED* ATTENDED",
            "SOLD, CONTACTED* APPOINTED* ATTENDED* SOLD",
            "NOT_SOLD, CONTACTED*",
            "NO_ANSWER, ''",
            "SELECTED_FOR_CONTACT, ''",
            "CALL_BACK, ''",
            "NOT_INTERESTED, ''",
            "DID_NOT_ATTEND, ''",
            "LOST, ''"})
    void backFillFollowsTheHelpPage(Status status, String expected) {
        // "*" marks a back-filled stage
        String marks = status.marks().stream()
                .map(m -> m.stage().name() + (m.backfilled() ? "*" : ""))
                .collect(Collectors.joining(" "));
        assertEquals(expected, marks);
    }

    @Test
    void onlyTheFourStagesAreKpiStatuses() {
        List<Status> kpi = java.util.Arrays.stream(Status.values()).filter(s -> s.stage().isPresent()).toList();
        assertEquals(List.of(Status.CONTACTED, Status.APPOINTED, Status.ATTENDED, Status.SOLD), kpi);
    }
}
