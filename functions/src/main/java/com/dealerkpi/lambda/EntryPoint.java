package com.dealerkpi.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.dealerkpi.api.http.FunctionHandler;
import com.dealerkpi.api.http.HttpApiEvents;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A function as Lambda loads it: the class template.yaml names, taking the HTTP API event as bytes, mapping it
 * with {@link HttpApiEvents} and handing it to its API handler. Public, because the runtime calls
 * {@code handleRequest} by reflection on the class where it is declared.
 */
public abstract class EntryPoint implements RequestStreamHandler {
    private final FunctionHandler handler;

    EntryPoint(FunctionHandler handler) {
        this.handler = handler;
    }

    @Override
    public final void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        output.write(HttpApiEvents.write(handler.handleRequest(HttpApiEvents.read(input.readAllBytes()), context)));
    }

    /** A function of a handler wired by the caller (SnapStart priming sends its requests through one). */
    static EntryPoint of(FunctionHandler handler) {
        return new EntryPoint(handler) {
        };
    }

    FunctionHandler handler() {
        return handler;
    }
}
