package com.dealerkpi.lambda;

import com.dealerkpi.lambda.priming.Priming;

/** The admin function (template.yaml: AdminFunction). */
public final class AdminFunction extends EntryPoint {
    /** What Lambda calls, once per execution environment: wired from the environment, primed for SnapStart. */
    public AdminFunction() {
        this(Wiring.environment());
        Wiring wiring = Wiring.environment();
        Priming.register(wiring, () -> Priming.send(EntryPoint.of(wiring.adminHandler(Priming.SILENT)),
                Priming.requests(wiring.config().claimNames()).settings()));
    }

    /** Wired by the caller (the local runner, the tests). */
    public AdminFunction(Wiring wiring) {
        super(wiring.adminHandler());
    }
}
