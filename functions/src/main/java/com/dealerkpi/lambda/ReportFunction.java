package com.dealerkpi.lambda;

import com.dealerkpi.api.ReportHandler;
import com.dealerkpi.lambda.priming.Priming;
import com.dealerkpi.lambda.priming.PrimingRequests;

/** The report function (template.yaml: ReportFunction). */
public final class ReportFunction extends EntryPoint {
    /** What Lambda calls, once per execution environment: wired from the environment, primed for SnapStart. */
    public ReportFunction() {
        this(Wiring.environment(), true);
    }

    /** Wired by the caller (the local runner, the tests). */
    public ReportFunction(Wiring wiring) {
        this(wiring, false);
    }

    private ReportFunction(Wiring wiring, boolean snapStart) {
        super(wiring.reportHandler());
        if (snapStart) {
            Priming.register(wiring, () -> {
                ReportHandler reports = wiring.reportHandler(Priming.SILENT);
                Priming.send(EntryPoint.of(reports), new PrimingRequests(wiring.config().claimNames()).reports());
                reports.primeReports(PrimingRequests.DEALERSHIP);
            });
        }
    }
}
