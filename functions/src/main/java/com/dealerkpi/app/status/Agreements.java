package com.dealerkpi.app.status;

import com.dealerkpi.domain.status.AgreementView;

import java.time.Clock;
import java.util.Optional;

/** One agreement as a person looks at it: its history and milestones. */
public final class Agreements {
    private final StatusStore store;
    private final Clock clock;

    public Agreements(StatusStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public Optional<AgreementView> find(String dealershipId, String agreementId) {
        return store.findAgreement(dealershipId, agreementId);
    }

    /**
     * Voids an accepted update (national management's correction): it no longer counts anywhere. Voiding it again
     * answers the same and changes nothing. Empty when the agreement has no such update.
     */
    public Optional<AgreementView> voidUpdate(String dealershipId, String agreementId, String eventId, String reason,
                                              String by) {
        return store.voidUpdate(dealershipId, agreementId, eventId, new StatusStore.VoidedBy(clock.instant(), by, reason));
    }
}
