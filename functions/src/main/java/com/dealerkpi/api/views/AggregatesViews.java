package com.dealerkpi.api.views;

import com.dealerkpi.app.counts.Aggregates;
import com.dealerkpi.domain.Moments;

import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON shape of the aggregates' state (docs/contract.md, "Reports at any scale"). */
public final class AggregatesViews {
    private AggregatesViews() {
    }

    /** {@code lastSweep} and {@code lastVerify} are null until the first sweep and verification. */
    public static Map<String, Object> state(Aggregates.State state) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("building", state.building());
        body.put("pending", state.pending());
        body.put("lastSweep", state.lastSweep().map(Moments::answered).orElse(null));
        body.put("lastVerify", state.lastVerification().map(verification -> {
            Map<String, Object> last = new LinkedHashMap<>();
            last.put("at", Moments.answered(verification.at()));
            last.put("checked", verification.checked());
            last.put("mismatches", verification.mismatches());
            last.put("unchecked", verification.unchecked());
            return last;
        }).orElse(null));
        return body;
    }
}
