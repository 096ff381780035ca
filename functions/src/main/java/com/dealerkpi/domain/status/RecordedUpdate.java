package com.dealerkpi.domain.status;

import java.util.List;

/** A status update as the answer shows it: the update and what it did to each stage it touched. */
public record RecordedUpdate(StatusUpdate update, List<KpiEntry> kpi) {
}
