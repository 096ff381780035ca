package com.dealerkpi.store;

import com.dealerkpi.domain.Stage;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** The read side of reports: milestone keys from their index, and the activity index. Read-only. */
public interface ReportStore {

    /**
     * Counts a stage's milestones between consecutive {@code boundaries} (sorted instants; bucket i is
     * [b[i], b[i+1])), reading only index keys.
     */
    long[] countMilestones(String dealershipId, Stage stage, List<Instant> boundaries);

    /** The moment of the dealership's first milestone (where an all-time view without go-live starts). */
    Optional<Instant> firstMilestone(String dealershipId);

    /** One page of a stage's milestones in [start, end), newest first; {@code after} continues a previous page. */
    MilestonePage milestones(String dealershipId, Stage stage, Instant start, Instant end, int limit,
                             Optional<Map<String, String>> after);

    /** Every accepted update in [start, end), oldest first. */
    void activity(String dealershipId, Instant start, Instant end, Consumer<Activity> sink);

    record MilestoneRow(String agreementId, Instant at, boolean backfilled) {
    }

    /** A page, and the key to continue after it (empty at the end). */
    record MilestonePage(List<MilestoneRow> rows, Optional<Map<String, String>> next) {
    }

    record Activity(Instant at, String status, String userId) {
    }
}
