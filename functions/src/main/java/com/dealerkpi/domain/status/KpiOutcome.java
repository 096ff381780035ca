package com.dealerkpi.domain.status;

/** What one status update did to one milestone. */
public enum KpiOutcome {
    /** The stage was reached for the first time, by this status. */
    RECORDED,
    /** The stage was reached for the first time, back-filled by a later stage. */
    BACKFILLED,
    /** The stage had been reached, but later than this update: its moment moved earlier. */
    MOVED_EARLIER,
    /** The stage had already been reached at or before this moment: nothing changed. */
    UNCHANGED
}
