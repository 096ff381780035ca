package com.dealerkpi.lambda;

import com.dealerkpi.lambda.priming.Priming;
import com.dealerkpi.lambda.priming.PrimingRequests;

/** The status function (template.yaml: StatusFunction). */
public final class StatusFunction extends EntryPoint {
    /** What Lambda calls, once per execution environment: wired from the environment, primed for SnapStart. */
    public StatusFunction() {
        this(Wiring.environment(), true);
    }

    /** Wired by the caller (the local runner, the tests). */
    public StatusFunction(Wiring wiring) {
        this(wiring, false);
    }

    private StatusFunction(Wiring wiring, boolean snapStart) {
        super(wiring.statusHandler());
        if (snapStart) {
            Priming.register(wiring, () -> Priming.send(EntryPoint.of(wiring.statusHandler(Priming.SILENT)),
                    new PrimingRequests(wiring.config().claimNames()).status()));
        }
    }
}
