package com.dealerkpi.domain.status;

import java.time.Instant;

/** One line of a status update's answer: a stage it touched, what happened, and the milestone's moment now. */
public record KpiEntry(Stage stage, KpiOutcome outcome, Instant at) {
}
