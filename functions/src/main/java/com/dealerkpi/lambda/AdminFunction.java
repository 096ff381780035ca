package com.dealerkpi.lambda;

import com.dealerkpi.lambda.priming.Priming;
import com.dealerkpi.lambda.priming.PrimingRequests;

/** The admin function (template.yaml: AdminFunction). */
public final class AdminFunction extends EntryPoint {
    /** What Lambda calls, once per execution environment: wired from the environment, primed for SnapStart. */
    public AdminFunction() {
        this(Wiring.environment(), true);
    }

    /** Wired by the caller (the local runner, the tests). */
    public AdminFunction(Wiring wiring) {
        this(wiring, false);
    }

    private AdminFunction(Wiring wiring, boolean snapStart) {
        super(wiring.adminHandler());
        if (snapStart) {
            Priming.register(wiring, () -> Priming.send(EntryPoint.of(wiring.adminHandler(Priming.SILENT)),
                    new PrimingRequests(wiring.config().claimNames()).settings()));
        }
    }
}
