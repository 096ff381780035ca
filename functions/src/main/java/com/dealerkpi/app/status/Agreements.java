package com.dealerkpi.app.status;

import com.dealerkpi.app.counts.Aggregates;
import com.dealerkpi.domain.counts.AggregateConfig;
import com.dealerkpi.domain.status.AgreementView;

import java.time.Clock;
import java.util.Optional;

/** One agreement as a person looks at it: its history and milestones. */
public final class Agreements {
    private final StatusStore store;
    private final Aggregates aggregates;
    private final Clock clock;

    public Agreements(StatusStore store, Aggregates aggregates, Clock clock) {
        this.store = store;
        this.aggregates = aggregates;
        this.clock = clock;
    }

    public Optional<AgreementView> find(String dealershipId, String agreementId) {
        return store.findAgreement(dealershipId, agreementId);
    }

    /**
     * Voids an accepted update (national management's correction): it no longer counts anywhere, in the aggregates
     * too by the time this answers. Voiding it again answers the same and changes nothing. Empty when the agreement
     * has no such update.
     */
    public Optional<AgreementView> voidUpdate(String dealershipId, String agreementId, String eventId, String reason,
                                              String by) {
        Optional<AggregateConfig> before = aggregates.config(dealershipId);
        Optional<AgreementView> voided = store.voidUpdate(dealershipId, agreementId, eventId,
                new StatusStore.VoidedBy(clock.instant(), by, reason), at -> before.map(c -> c.homeOf(at).key()));
        // read again: a first update may have created the config meanwhile (or a new generation begun), and what
        // the void changed must be in the one reports read before this answers
        aggregates.config(dealershipId).ifPresent(now -> aggregates.settle(dealershipId, agreementId, now));
        return voided;
    }
}
