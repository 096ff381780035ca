package com.dealerkpi.domain.access;

import com.dealerkpi.domain.Ids;

import java.util.Optional;

/**
 * Who is calling, as one of a closed set of kinds: national management (every dealership), the managers of a dealer
 * group (the dealerships whose profile is in the group, as it is when they ask) or the staff of one dealership. Built
 * only from the authorizer's claims; nothing a caller sends in a request changes it. Routes declare which kinds they
 * admit, and use cases that span dealerships (roll-ups) keep to what the caller may see.
 */
public sealed interface Caller permits Caller.National, Caller.Group, Caller.Dealership {

    /** The kinds of caller, as routes admit them and access lines name them. */
    enum Kind {
        NATIONAL("national"), GROUP("group"), DEALERSHIP("dealer");

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

    /**
     * Whether this caller may read or act for the dealership (null: one not named, which only national may);
     * {@code groups} says which group a dealership is in now, and is asked only for a group's managers.
     */
    boolean mayAccess(String dealershipId, GroupOf groups);

    /** Which dealer group a dealership's profile is in now (empty: none, or no profile). */
    @FunctionalInterface
    interface GroupOf {
        /** For a function none of whose routes admits a group's managers: no dealership is in any group there. */
        GroupOf NONE = dealershipId -> Optional.empty();

        Optional<String> groupOf(String dealershipId);
    }

    static Caller national(String subject) {
        return new National(subject);
    }

    /** @param group the group's name as the user pool spells it ({@code arnold_clark} for Arnold Clark) */
    static Caller group(String subject, String group) {
        return new Group(subject, Ids.groupKey(Ids.requireName("group", group)));
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
        public boolean mayAccess(String dealershipId, GroupOf groups) {
            return true;
        }
    }

    /** A dealer group's managers: the dealerships in the group, read-only; {@code groupKey} as {@link Ids#groupKey}. */
    record Group(String subject, String groupKey) implements Caller {
        @Override
        public Kind kind() {
            return Kind.GROUP;
        }

        @Override
        public boolean mayAccess(String dealershipId, GroupOf groups) {
            // an id no dealership can have is refused before any read (a key past the store's limits would be a 500)
            return Ids.isValid(dealershipId) && groups.groupOf(dealershipId).map(Ids::groupKey).filter(groupKey::equals).isPresent();
        }

        /** Whether the group a path names is this caller's own, however it is spelled. */
        public boolean isOwn(String group) {
            return group != null && Ids.isValidName(group) && groupKey.equals(Ids.groupKey(group));
        }
    }

    /** A dealership's staff: that dealership only. */
    record Dealership(String subject, String dealershipId) implements Caller {
        @Override
        public Kind kind() {
            return Kind.DEALERSHIP;
        }

        @Override
        public boolean mayAccess(String otherDealershipId, GroupOf groups) {
            return dealershipId.equals(otherDealershipId);
        }
    }
}
