package com.dealerkpi.domain;

/**
 * Who is calling: national management (any dealership) or the staff of one dealership.
 * Built only from the authorizer's claims; nothing a caller sends in a request changes it.
 */
public record Principal(String subject, String dealershipId) {

    public static Principal national(String subject) {
        return new Principal(subject, null);
    }

    public static Principal dealer(String subject, String dealershipId) {
        return new Principal(subject, Ids.require("dealershipId", dealershipId));
    }

    public boolean isNational() {
        return dealershipId == null;
    }

    public boolean mayAccess(String targetDealershipId) {
        return isNational() || dealershipId.equals(targetDealershipId);
    }
}
