package com.dealerkpi.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.dealerkpi.api.FunctionHandler;

/**
 * A function as Lambda loads it: the class template.yaml names, handing each event to its API handler. Public,
 * because the runtime calls {@code handleRequest} by reflection on the class where it is declared.
 */
public abstract class EntryPoint implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final FunctionHandler handler;

    EntryPoint(FunctionHandler handler) {
        this.handler = handler;
    }

    @Override
    public final APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return handler.handleRequest(event, context);
    }

    FunctionHandler handler() {
        return handler;
    }
}
