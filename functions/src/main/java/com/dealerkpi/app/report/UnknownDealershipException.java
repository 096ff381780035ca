package com.dealerkpi.app.report;

/** A dealership with neither a profile nor any accepted update: nothing can be reported about it (404). */
public class UnknownDealershipException extends RuntimeException {
    public UnknownDealershipException(String dealershipId) {
        super("Dealership " + dealershipId + " has no profile and no status update yet.");
    }
}
