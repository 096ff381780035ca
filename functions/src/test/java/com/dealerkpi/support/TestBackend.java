package com.dealerkpi.support;

import com.dealerkpi.app.Stores;

import java.time.Clock;
import java.util.ServiceLoader;

/**
 * Where the suites keep their data. The fast tier uses {@link InMemoryStores}; the integration tier sets
 * {@code -Dtest.stores=dynamodb} and the same suites run on DynamoDB implementations (runner module).
 */
public interface TestBackend {
    String name();

    /** A new, empty store. */
    Stores fresh(Clock clock);

    /** Everything the store holds, as one comparable value. */
    Object snapshot(Stores stores);

    /** Whether indexes are updated within the write (in memory, dynalite, moto) or a moment later (DynamoDB). */
    boolean indexesAreSynchronous();

    static TestBackend current() {
        String wanted = System.getProperty("test.stores", "memory");
        if (wanted.equals("memory")) {
            return Memory.INSTANCE;
        }
        for (TestBackend backend : ServiceLoader.load(TestBackend.class)) {
            if (backend.name().equals(wanted)) {
                return backend;
            }
        }
        throw new IllegalStateException("no test backend named '" + wanted + "' on the class path");
    }

    /** The in-memory fake. */
    final class Memory implements TestBackend {
        static final Memory INSTANCE = new Memory();

        @Override
        public String name() {
            return "memory";
        }

        @Override
        public Stores fresh(Clock clock) {
            return new InMemoryStores();
        }

        @Override
        public Object snapshot(Stores stores) {
            return ((InMemoryStores) stores).snapshot();
        }

        @Override
        public boolean indexesAreSynchronous() {
            return true;
        }
    }
}
