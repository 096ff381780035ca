package com.dealerkpi.domain.report;

import com.dealerkpi.domain.status.Stage;


/** How many agreements reached each stage (their first time) inside some range. */
public record KpiCounts(long contacted, long appointed, long attended, long sold) {

    public static final KpiCounts ZERO = new KpiCounts(0, 0, 0, 0);

    public static KpiCounts of(long[] byStage) {
        return new KpiCounts(byStage[0], byStage[1], byStage[2], byStage[3]);
    }

    public long get(Stage stage) {
        return switch (stage) {
            case CONTACTED -> contacted;
            case APPOINTED -> appointed;
            case ATTENDED -> attended;
            case SOLD -> sold;
        };
    }

    /** Each stage's conversion into the next. */
    public StageRates rates() {
        return StageRates.of(this);
    }

    /** Contacts per sale, with its label. */
    public ContactToSale contactToSale() {
        return ContactToSale.of(this);
    }

    public KpiCounts plus(KpiCounts other) {
        return new KpiCounts(contacted + other.contacted, appointed + other.appointed,
                attended + other.attended, sold + other.sold);
    }
}
