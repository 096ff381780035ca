package com.dealerkpi.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.dealerkpi.store.StatusStore;

/** The report function: everything that reads (read-only rights on the table). */
public final class ReportHandler extends FunctionHandler {
    private final StatusStore statusStore;

    /** Used by the Lambda runtime. */
    public ReportHandler() {
        this(Composition.fromEnvironment());
    }

    public ReportHandler(Composition composition) {
        super(composition.authorizer());
        this.statusStore = composition.statusStore();
        on(Route.GET_AGREEMENT, this::getAgreement);
    }

    private APIGatewayV2HTTPResponse getAgreement(ApiRequest request) {
        String dealershipId = request.id("dealershipId");
        String agreementId = request.id("agreementId");
        return statusStore.findAgreement(dealershipId, agreementId)
                .map(view -> Responses.json(200, Views.agreement(view)))
                .orElseThrow(() -> ApiException.notFound("No status update has been recorded for agreement "
                        + agreementId + " at dealership " + dealershipId + "."));
    }
}
