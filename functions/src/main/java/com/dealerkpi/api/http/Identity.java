package com.dealerkpi.api.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.dealerkpi.domain.access.Caller;

/** Establishes who is calling from what the authorizer put in the event; no identity at all is a 401. */
@FunctionalInterface
public interface Identity {
    Caller of(APIGatewayV2HTTPEvent event);
}
