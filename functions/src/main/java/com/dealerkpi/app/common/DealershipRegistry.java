package com.dealerkpi.app.common;

import java.util.List;

/**
 * The dealerships that have had an accepted update, with a profile or not: what makes a dealership known to reports,
 * roll-ups and target warnings. Written by the status path, read by reports and settings.
 */
public interface DealershipRegistry {

    /** Whether the dealership has ever had an accepted update. */
    boolean isRegistered(String dealershipId);

    /** Every dealership that has had an accepted update (with a profile or not). */
    List<String> registeredDealerships();
}
