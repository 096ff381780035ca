package com.dealerkpi.store;

import java.util.function.Supplier;

import software.amazon.awssdk.core.exception.SdkException;

/** The boundary where SDK failures become domain failures: anything the SDK gave up on is "unavailable". */
final class DynamoErrors {
    private DynamoErrors() {
    }

    static <T> T call(String what, Supplier<T> operation) {
        try {
            return operation.get();
        } catch (SdkException e) {
            throw new StoreUnavailableException("DynamoDB did not complete '" + what + "': " + e.getMessage(), e);
        }
    }
}
