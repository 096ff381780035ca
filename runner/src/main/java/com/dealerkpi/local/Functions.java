package com.dealerkpi.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.dealerkpi.lambda.Wiring;

import java.lang.reflect.InvocationTargetException;

/**
 * Creates a function's handler the way the runner needs it: the class the template names, built on the
 * runner's wiring through the constructor every function has for that ({@code Function(Wiring)}).
 */
final class Functions {
    private Functions() {
    }

    @SuppressWarnings("unchecked")
    static RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler(String className, Wiring wiring) {
        try {
            Class<?> type = Class.forName(className);
            return (RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>)
                    type.getConstructor(Wiring.class).newInstance(wiring);
        } catch (ClassNotFoundException | NoSuchMethodException | InstantiationException | IllegalAccessException e) {
            throw new IllegalArgumentException("template.yaml names handler " + className + ", which this jar cannot build", e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("handler " + className + " failed to start", e.getCause());
        }
    }
}
