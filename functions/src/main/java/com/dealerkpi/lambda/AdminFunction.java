package com.dealerkpi.lambda;

/** The admin function (template.yaml: AdminFunction). */
public final class AdminFunction extends EntryPoint {
    /** What Lambda calls, once per execution environment: wired from the environment, primed for SnapStart. */
    public AdminFunction() {
        this(Wiring.environment());
        Priming.register(this, Wiring.environment(), Wiring.environment().stores().settings()::ping);
    }

    /** Wired by the caller (the local runner, the tests). */
    public AdminFunction(Wiring wiring) {
        super(wiring.adminHandler());
    }
}
