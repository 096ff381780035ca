package com.dealerkpi.api.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.dealerkpi.app.common.ConcurrentChangeException;
import com.dealerkpi.app.common.StoreUnavailableException;
import com.dealerkpi.app.report.RollUpTimeoutException;
import com.dealerkpi.app.report.UnknownDealershipException;
import com.dealerkpi.app.status.IdempotencyConflictException;
import com.dealerkpi.domain.FieldError;
import com.dealerkpi.domain.InvalidInputException;
import com.dealerkpi.json.Json;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The one place where failures become HTTP answers (RFC 9457 problem+json). */
public final class Problems {
    static final String TYPE_BASE = "https://dealer-kpi.example/problems/";
    static final int RETRY_AFTER_SECONDS = 2;

    private Problems() {
    }

    public static APIGatewayV2HTTPResponse toResponse(RuntimeException failure) {
        if (failure instanceof ApiException api) {
            return problem(api.status(), api.title(), api.getMessage(), api.errors());
        }
        if (failure instanceof InvalidInputException invalid) {
            return problem(400, "Bad Request", invalid.getMessage(), invalid.errors());
        }
        if (failure instanceof IdempotencyConflictException conflict) {
            return problem(422, "Idempotency-Key Reused", conflict.getMessage(), List.of());
        }
        if (failure instanceof UnknownDealershipException unknown) {
            return problem(404, "Not Found", unknown.getMessage(), List.of());
        }
        if (failure instanceof ConcurrentChangeException conflict) {
            return problem(409, "Conflict", conflict.getMessage(), List.of());
        }
        if (failure instanceof StoreUnavailableException) {
            return unavailable("The data store is not answering right now; nothing was lost. Retry in a few seconds "
                    + "(with the same Idempotency-Key for a status update).");
        }
        if (failure instanceof RollUpTimeoutException timeout) {
            return unavailable(timeout.getMessage());
        }
        return problem(500, "Internal Server Error",
                "Something went wrong on our side; the request id in the logs identifies it.", List.of());
    }

    private static APIGatewayV2HTTPResponse unavailable(String detail) {
        APIGatewayV2HTTPResponse response = problem(503, "Service Unavailable", detail, List.of());
        response.getHeaders().put("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
        return response;
    }

    /** Why a request was refused, as a metric dimension: the problem type's name. */
    static String reason(int status) {
        return switch (status) {
            case 400 -> "bad-request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 406 -> "not-acceptable";
            case 409 -> "conflict";
            case 413 -> "payload-too-large";
            case 415 -> "unsupported-media-type";
            case 422 -> "idempotency-key-reused";
            default -> "status-" + status;
        };
    }

    public static APIGatewayV2HTTPResponse problem(int status, String title, String detail, List<FieldError> errors) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", TYPE_BASE + title.toLowerCase(java.util.Locale.ROOT).replace(' ', '-'));
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        if (!errors.isEmpty()) {
            body.put("errors", errors.stream().map(Problems::fieldError).toList());
        }
        return Responses.of(status, "application/problem+json", Json.write(body));
    }

    private static Map<String, Object> fieldError(FieldError error) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("field", error.field());
        entry.put("message", error.message());
        return entry;
    }
}
