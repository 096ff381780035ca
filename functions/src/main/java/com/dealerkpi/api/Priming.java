package com.dealerkpi.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * SnapStart priming: before Lambda snapshots an initialised function, run the code a first request needs (the
 * JSON mapper, the SDK client's request/response path and HTTP stack, the handler's dispatch and error mapping)
 * so the restored function starts with it loaded and compiled. Outside SnapStart this is never called.
 */
final class Priming implements Resource {
    /** CRaC may hold resources weakly: keep them alive for the life of the function. */
    private static final List<Priming> REGISTERED = new ArrayList<>();

    private final FunctionHandler handler;
    private final Composition composition;

    private Priming(FunctionHandler handler, Composition composition) {
        this.handler = handler;
        this.composition = composition;
    }

    /** For a handler built by its no-arg constructor, i.e. on the environment's composition. */
    static synchronized void register(FunctionHandler handler) {
        Priming priming = new Priming(handler, Composition.fromEnvironment());
        REGISTERED.add(priming);
        Core.getGlobalContext().register(priming);
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        Json.prime();
        try {
            // a key no function writes; the answer (an empty item, or access denied by a narrow policy) does not matter
            composition.dynamo().getItem(r -> r.tableName(composition.config().tableName())
                    .key(Map.of("pk", AttributeValue.fromS("PRIMING"), "sk", AttributeValue.fromS("PRIMING"))));
        } catch (RuntimeException expected) {
            // the request, signing, HTTP and error paths are warm either way
        }
        APIGatewayV2HTTPEvent unknownRoute = APIGatewayV2HTTPEvent.builder().withRouteKey("GET /priming")
                .withRawPath("/priming").build();
        handler.handleRequest(unknownRoute, null);
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // nothing to refresh: credentials are read from the environment on each request
    }
}
