package com.dealerkpi.app.report;

import java.time.Duration;

/** A roll-up could not report on every dealership in scope within its time budget; nothing partial is answered (503). */
public class RollUpTimeoutException extends RuntimeException {
    public RollUpTimeoutException(String scope, int dealerships, Duration budget) {
        super("The " + scope + " roll-up covers " + dealerships + " dealerships and could not be completed within "
                + budget.toSeconds() + " s; no partial answer is given. " + advice(scope));
    }

    /** Past its budget before it knew its dealerships. */
    public RollUpTimeoutException(String scope, Duration budget) {
        super("The " + scope + " roll-up could not be completed within " + budget.toSeconds()
                + " s; no partial answer is given. " + advice(scope));
    }

    /** What the caller can ask instead: only national management may ask for a region or a brand. */
    private static String advice(String scope) {
        return scope.equals("national")
                ? "Ask for one region or brand (/regions/{region}/kpi, /brands/{brand}/kpi), or a shorter range, or try again shortly."
                : "Ask for a shorter range, or try again shortly.";
    }
}
