package com.dealerkpi.app.report;

import com.dealerkpi.app.common.DealershipRegistry;
import com.dealerkpi.domain.status.Stage;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** The read side of reports: milestone keys from their index, and the activity index. Read-only. */
public interface ReportStore extends DealershipRegistry {

    /**
     * Counts a stage's milestones between consecutive {@code boundaries} (sorted instants; bucket i is
     * [b[i], b[i+1])), reading only index keys.
     */
    long[] countMilestones(String dealershipId, Stage stage, List<Instant> boundaries);

    /**
     * The moment of the dealership's first accepted (not voided) update of any status: where its all-time view starts
     * at the latest (no milestone is earlier: every milestone is the moment of an accepted update).
     */
    Optional<Instant> firstActivity(String dealershipId);

    /**
     * One page of a stage's milestones in [start, end), newest first; {@code after} continues after the last
     * row of a previous page of the same dealership and stage.
     */
    MilestonePage milestones(String dealershipId, Stage stage, Instant start, Instant end, int limit,
                             Optional<MilestoneRow> after);

    /** Every milestone of a stage in [start, end), read a page at a time (drill-downs page; insights read them all). */
    void milestoneRows(String dealershipId, Stage stage, Instant start, Instant end, Consumer<MilestoneRow> sink);

    /**
     * The milestone moments of each of the given agreements, by agreement and stage (agreements without any are
     * left out); up to {@link #MOMENTS_PER_READ} agreements per call.
     */
    Map<String, Map<Stage, Instant>> milestoneMoments(String dealershipId, List<String> agreementIds);

    /** Agreements per {@link #milestoneMoments} call: their four milestone items make one batch read (100 keys). */
    int MOMENTS_PER_READ = 25;

    /** Every accepted update in [start, end), oldest first. */
    void activity(String dealershipId, Instant start, Instant end, Consumer<Activity> sink);


    /** One milestone as a drill-down lists it; the last row of a page is also where the next page starts. */
    record MilestoneRow(String agreementId, Instant at, boolean backfilled) {
    }

    /** A page, and the row to continue after (empty at the end). */
    record MilestonePage(List<MilestoneRow> rows, Optional<MilestoneRow> next) {
    }

    record Activity(Instant at, String status, String userId) {
    }

}
