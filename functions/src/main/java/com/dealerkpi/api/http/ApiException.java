package com.dealerkpi.api.http;

import com.dealerkpi.domain.FieldError;

import java.util.List;

/** A request the API refuses, with the HTTP status and the words the caller sees (problem+json). */
public class ApiException extends RuntimeException {
    private final int status;
    private final String title;
    private final transient List<FieldError> errors;

    public ApiException(int status, String title, String detail, List<FieldError> errors) {
        super(detail);
        this.status = status;
        this.title = title;
        this.errors = List.copyOf(errors);
    }

    public ApiException(int status, String title, String detail) {
        this(status, title, detail, List.of());
    }

    public static ApiException unauthorized(String detail) {
        return new ApiException(401, "Unauthorized", detail);
    }

    public static ApiException forbidden(String detail) {
        return new ApiException(403, "Forbidden", detail);
    }

    public static ApiException notFound(String detail) {
        return new ApiException(404, "Not Found", detail);
    }

    public static ApiException badRequest(String field, String message) {
        return new ApiException(400, "Bad Request", field + " " + message + ".", List.of(new FieldError(field, message)));
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public List<FieldError> errors() {
        return errors;
    }
}
