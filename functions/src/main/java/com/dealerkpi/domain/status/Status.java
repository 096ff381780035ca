package com.dealerkpi.domain.status;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The status catalogue. A status either is a KPI stage (and back-fills the stages before it) or is
 * recorded for history and usage only. NOT_SOLD is the one non-KPI status that back-fills: a
 * customer who was "not sold" was certainly contacted.
 */
public enum Status {
    CONTACTED(Stage.CONTACTED),
    APPOINTED(Stage.APPOINTED, Stage.CONTACTED),
    ATTENDED(Stage.ATTENDED, Stage.CONTACTED, Stage.APPOINTED),
    SOLD(Stage.SOLD, Stage.CONTACTED, Stage.APPOINTED, Stage.ATTENDED),
    NOT_SOLD(null, Stage.CONTACTED),
    SELECTED_FOR_CONTACT(null),
    NO_ANSWER(null),
    LEFT_MESSAGE(null),
    CALL_BACK(null),
    NOT_INTERESTED(null),
    DID_NOT_ATTEND(null),
    RESCHEDULED(null),
    WRONG_NUMBER(null),
    DO_NOT_CONTACT(null),
    LOST(null);

    private final Stage stage;
    private final Set<Stage> backfills;

    Status(Stage stage, Stage... backfills) {
        this.stage = stage;
        this.backfills = backfills.length == 0
                ? Collections.unmodifiableSet(EnumSet.noneOf(Stage.class))
                : Collections.unmodifiableSet(EnumSet.copyOf(Arrays.asList(backfills)));
    }

    /** The KPI stage this status sets itself, if it is a KPI status. */
    public Optional<Stage> stage() {
        return Optional.ofNullable(stage);
    }

    /** Every milestone this status touches, in funnel order: the stage it sets and those it back-fills. */
    public List<MilestoneMark> marks() {
        List<MilestoneMark> marks = new ArrayList<>(4);
        for (Stage s : Stage.values()) {
            if (s == stage) {
                marks.add(new MilestoneMark(s, false));
            } else if (backfills.contains(s)) {
                marks.add(new MilestoneMark(s, true));
            }
        }
        return marks;
    }

    /**
     * Parses a status as users type it: case-insensitive, with spaces and hyphens meaning underscores
     * ({@code "Not Sold"} = {@code "not-sold"} = {@code NOT_SOLD}).
     */
    public static Optional<Status> parse(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String canonical = raw.trim().replace(' ', '_').replace('-', '_').toUpperCase(Locale.ROOT);
        for (Status status : values()) {
            if (status.name().equals(canonical)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }

    /** The valid names, for error messages that tell a person what to send instead. */
    public static String catalogue() {
        return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
    }

    /** One stage an update marks, and whether it was back-filled rather than set. */
    public record MilestoneMark(Stage stage, boolean backfilled) {
    }
}
