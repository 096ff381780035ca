package com.dealerkpi.local.runtime;

import com.dealerkpi.local.HttpServers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Lambda Runtime API (2018-06-01) as Lambda serves it to a runtime: the next invocation, its response or
 * error, an init error, and SnapStart's restore handshake. Enough of it for AWS's runtime interface client to
 * run a function exactly as the managed runtime does.
 */
public final class RuntimeApi implements AutoCloseable {
    private static final String BASE = "/2018-06-01/runtime/";

    /** What a function answered: a response body, or an error type and body. */
    public record Result(boolean ok, String body, String errorType) {
    }

    private record Invocation(String requestId, String event, String traceId) {
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "runtime-api");
        t.setDaemon(true);
        return t;
    });
    private final BlockingQueue<Invocation> pending = new LinkedBlockingQueue<>();
    private final Map<String, CompletableFuture<Result>> results = new ConcurrentHashMap<>();
    private final CompletableFuture<String> initError = new CompletableFuture<>();
    private final CompletableFuture<Long> restored = new CompletableFuture<>();
    private final CompletableFuture<String> restoreError = new CompletableFuture<>();
    private final AtomicInteger waitingPolls = new AtomicInteger();
    private final CompletableFuture<Long> firstPoll = new CompletableFuture<>();

    public RuntimeApi() throws IOException {
        server = HttpServers.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.setExecutor(threads);
        server.createContext(BASE, this::handle);
        server.start();
    }

    /** host:port, as AWS_LAMBDA_RUNTIME_API names it. */
    public String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** Hands an event to the function and waits for its answer. */
    public Result invoke(String event, Duration timeout) throws Exception {
        String requestId = UUID.randomUUID().toString();
        CompletableFuture<Result> result = new CompletableFuture<>();
        results.put(requestId, result);
        pending.add(new Invocation(requestId, event, "Root=1-" + Long.toHexString(System.currentTimeMillis())
                + "-" + requestId.replace("-", "").substring(0, 24) + ";Sampled=1"));
        try {
            CompletableFuture.anyOf(result, initError).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the function did not answer within " + timeout, e);
        }
        if (!result.isDone()) {
            throw new IllegalStateException("the function failed to start: " + initError.join());
        }
        return result.join();
    }

    public CompletableFuture<String> initError() {
        return initError;
    }

    /** When the restore handshake ended (System.nanoTime), once the runtime asked for it. */
    public CompletableFuture<Long> restored() {
        return restored;
    }

    public CompletableFuture<String> restoreError() {
        return restoreError;
    }

    /** When the function first asked for an invocation (System.nanoTime): its init was done. */
    public CompletableFuture<Long> firstPoll() {
        return firstPoll;
    }

    /** Waits until the function is asking for its next invocation (its init or restore hooks are done). */
    public void awaitPoll(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (waitingPolls.get() == 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the function did not ask for an invocation within " + timeout);
            }
            Thread.sleep(2);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath().substring(BASE.length());
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String method = exchange.getRequestMethod();
            if (method.equals("GET") && path.equals("invocation/next")) {
                next(exchange);
            } else if (method.equals("POST") && path.startsWith("invocation/") && path.endsWith("/response")) {
                complete(path, new Result(true, body, null));
                HttpServers.reply(exchange, 202, "application/json", "{\"status\":\"OK\"}");
            } else if (method.equals("POST") && path.startsWith("invocation/") && path.endsWith("/error")) {
                complete(path, new Result(false, body, exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type")));
                HttpServers.reply(exchange, 202, "application/json", "{\"status\":\"OK\"}");
            } else if (method.equals("POST") && path.equals("init/error")) {
                initError.complete(exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type") + " " + body);
                HttpServers.reply(exchange, 202, "application/json", "{\"status\":\"OK\"}");
            } else if (method.equals("GET") && path.equals("restore/next")) {
                // the snapshot would be taken here; the restored runtime then runs its afterRestore hooks
                restored.complete(System.nanoTime());
                HttpServers.reply(exchange, 200, "application/json", "");
            } else if (method.equals("POST") && path.equals("restore/error")) {
                restoreError.complete(exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type") + " " + body);
                HttpServers.reply(exchange, 202, "application/json", "{\"status\":\"OK\"}");
            } else {
                HttpServers.reply(exchange, 404, "application/json", "{\"errorMessage\":\"unknown runtime API path " + path + "\"}");
            }
        }
    }

    private void next(HttpExchange exchange) throws IOException {
        Invocation invocation;
        firstPoll.complete(System.nanoTime());
        waitingPolls.incrementAndGet();
        try {
            invocation = pending.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } finally {
            waitingPolls.decrementAndGet();
        }
        var headers = exchange.getResponseHeaders();
        headers.set("Lambda-Runtime-Aws-Request-Id", invocation.requestId());
        headers.set("Lambda-Runtime-Deadline-Ms", Long.toString(System.currentTimeMillis() + 30_000));
        headers.set("Lambda-Runtime-Invoked-Function-Arn", "arn:aws:lambda:eu-west-2:123456789012:function:dealer-kpi:live");
        headers.set("Lambda-Runtime-Trace-Id", invocation.traceId());
        HttpServers.reply(exchange, 200, "application/json", invocation.event());
    }

    private void complete(String path, Result result) {
        String requestId = path.substring("invocation/".length(), path.lastIndexOf('/'));
        CompletableFuture<Result> future = results.get(requestId);
        if (future != null) {
            future.complete(result);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
