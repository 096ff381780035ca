package com.dealerkpi.domain.counts;

import java.util.Map;

/** One local day's usage counts: every counting update, by status and by user. */
public record UsageDay(long total, Map<String, Long> byStatus, Map<String, Long> byUser) {

    public UsageDay {
        byStatus = Map.copyOf(byStatus);
        byUser = Map.copyOf(byUser);
    }

    public static UsageDay none() {
        return new UsageDay(0, Map.of(), Map.of());
    }
}
