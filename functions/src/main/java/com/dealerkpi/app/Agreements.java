package com.dealerkpi.app;

import com.dealerkpi.domain.AgreementView;

import java.util.Optional;

/** One agreement as a person looks at it: its history and milestones. */
public final class Agreements {
    private final StatusStore store;

    public Agreements(StatusStore store) {
        this.store = store;
    }

    public Optional<AgreementView> find(String dealershipId, String agreementId) {
        return store.findAgreement(dealershipId, agreementId);
    }
}
