package com.dealerkpi.lambda;

/** The status function (template.yaml: StatusFunction). */
public final class StatusFunction extends EntryPoint {
    /** What Lambda calls, once per execution environment: wired from the environment, primed for SnapStart. */
    public StatusFunction() {
        this(Wiring.environment());
        Priming.register(this, Wiring.environment(), Wiring.environment().stores().status()::ping);
    }

    /** Wired by the caller (the local runner, the tests). */
    public StatusFunction(Wiring wiring) {
        super(wiring.statusHandler());
    }
}
