package com.dealerkpi.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.dealerkpi.api.Json;

import java.util.ArrayList;
import java.util.List;

import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * SnapStart: before Lambda snapshots an initialised function, run the code a first request needs (the JSON
 * mapper, the store client's request path, the handler's dispatch and error mapping) so the restored function
 * starts with it loaded; after a restore, fetch credentials anew. Outside SnapStart this is never called.
 */
final class Priming implements Resource {
    /** The runtime holds resources weakly: keep them alive for the life of the function. */
    private static final List<Priming> REGISTERED = new ArrayList<>();

    private final EntryPoint function;
    private final Wiring wiring;
    private final Runnable pingStore;

    private Priming(EntryPoint function, Wiring wiring, Runnable pingStore) {
        this.function = function;
        this.wiring = wiring;
        this.pingStore = pingStore;
    }

    /** @param pingStore a read the function's own policy allows (a failure fails the snapshot, loudly) */
    static synchronized void register(EntryPoint function, Wiring wiring, Runnable pingStore) {
        Priming priming = new Priming(function, wiring, pingStore);
        REGISTERED.add(priming);
        Core.getGlobalContext().register(priming);
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        Json.prime();
        pingStore.run();
        APIGatewayV2HTTPEvent unknownRoute = APIGatewayV2HTTPEvent.builder().withRouteKey("GET /priming")
                .withRawPath("/priming").build();
        function.handler().telemetry().quietly(() -> function.handleRequest(unknownRoute, null));
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        wiring.afterRestore();
        function.handler().telemetry().restored();
    }
}
