package com.dealerkpi.app.common;

/** The store did not answer (throttled, down, timed out) after the client's retries. Safe to retry later. */
public class StoreUnavailableException extends RuntimeException {
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
