package com.dealerkpi.lambda;

/** The report function (template.yaml: ReportFunction). */
public final class ReportFunction extends EntryPoint {
    /** What Lambda calls, once per execution environment: wired from the environment, primed for SnapStart. */
    public ReportFunction() {
        this(Wiring.environment());
        Priming.register(this, Wiring.environment(), Wiring.environment().stores().reports()::ping);
    }

    /** Wired by the caller (the local runner, the tests). */
    public ReportFunction(Wiring wiring) {
        super(wiring.reportHandler());
    }
}
