package com.dealerkpi.domain.access;

import com.dealerkpi.domain.Ids;

/**
 * Who is calling, as one of a closed set of kinds: national management (every dealership) or the staff of one
 * dealership. Built only from the authorizer's claims; nothing a caller sends in a request changes it. Routes
 * declare which kinds they admit, and use cases that span dealerships (roll-ups) keep to what the caller may see.
 */
public sealed interface Caller permits Caller.National, Caller.Dealership {

    /** The kinds of caller, as routes admit them and access lines name them. */
    enum Kind {
        NATIONAL("national"), DEALERSHIP("dealer");

        private final String wire;

        Kind(String wire) {
            this.wire = wire;
        }

        /** As an access line names the kind. */
        public String wire() {
            return wire;
        }
    }

    /** The authenticated subject (the token's {@code sub}): who made a change, in audit entries and history. */
    String subject();

    Kind kind();

    /** Whether this caller may read or act for the dealership (null: one not named, which only national may). */
    boolean mayAccess(String dealershipId);

    static Caller national(String subject) {
        return new National(subject);
    }

    static Caller dealership(String subject, String dealershipId) {
        return new Dealership(subject, Ids.require("dealershipId", dealershipId));
    }

    /** National management: every dealership, every scope, every write. */
    record National(String subject) implements Caller {
        @Override
        public Kind kind() {
            return Kind.NATIONAL;
        }

        @Override
        public boolean mayAccess(String dealershipId) {
            return true;
        }
    }

    /** A dealership's staff: that dealership only. */
    record Dealership(String subject, String dealershipId) implements Caller {
        @Override
        public Kind kind() {
            return Kind.DEALERSHIP;
        }

        @Override
        public boolean mayAccess(String otherDealershipId) {
            return dealershipId.equals(otherDealershipId);
        }
    }
}
