package com.dealerkpi.telemetry;

import com.dealerkpi.json.Json;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The SDK's own logging (SLF4J) as JSON lines beside ours: warnings and errors only, and never below the function's
 * log level ({@code AWS_LAMBDA_LOG_LEVEL}), so a throttled retry or a clock-skew correction is visible in the
 * function's log without loading a logging library.
 */
public final class JsonSlf4j implements SLF4JServiceProvider {
    private static final Telemetry.Level THRESHOLD = max(Telemetry.Level.WARN,
            Telemetry.Level.parse(System.getenv("AWS_LAMBDA_LOG_LEVEL"), Telemetry.Level.INFO));
    private final BasicMarkerFactory markers = new BasicMarkerFactory();
    private final NOPMDCAdapter mdc = new NOPMDCAdapter();
    private final ILoggerFactory loggers = JsonLogger::new;

    private static Telemetry.Level max(Telemetry.Level a, Telemetry.Level b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    @Override
    public ILoggerFactory getLoggerFactory() {
        return loggers;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    @Override
    public void initialize() {
        // nothing to set up
    }

    /** One logger per name; it writes nothing below the threshold and builds nothing either. */
    static final class JsonLogger extends LegacyAbstractLogger {
        JsonLogger(String name) {
            this.name = name;
        }

        private static boolean on(Telemetry.Level level) {
            return level.compareTo(THRESHOLD) >= 0;
        }

        @Override
        public boolean isTraceEnabled() {
            return on(Telemetry.Level.TRACE);
        }

        @Override
        public boolean isDebugEnabled() {
            return on(Telemetry.Level.DEBUG);
        }

        @Override
        public boolean isInfoEnabled() {
            return on(Telemetry.Level.INFO);
        }

        @Override
        public boolean isWarnEnabled() {
            return on(Telemetry.Level.WARN);
        }

        @Override
        public boolean isErrorEnabled() {
            return on(Telemetry.Level.ERROR);
        }

        @Override
        protected String getFullyQualifiedCallerName() {
            return null;
        }

        @Override
        protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments,
                                                   Throwable throwable) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("timestamp", Instant.now().toString());
            line.put("level", level.name());
            line.put("logger", name);
            line.put("message", MessageFormatter.basicArrayFormat(pattern, arguments));
            if (throwable != null) {
                StringWriter trace = new StringWriter();
                throwable.printStackTrace(new PrintWriter(trace));
                line.put("stackTrace", trace.toString());
            }
            System.out.println(Json.write(line));
        }
    }
}
