package com.dealerkpi.domain;

import java.util.List;

/** Input that breaks a rule. Carries every problem found, so a caller can fix them in one go. */
public class InvalidInputException extends RuntimeException {
    private final transient List<FieldError> errors;

    public InvalidInputException(List<FieldError> errors) {
        super(describe(errors));
        this.errors = List.copyOf(errors);
    }

    public InvalidInputException(String field, String message) {
        this(List.of(new FieldError(field, message)));
    }

    private static String describe(List<FieldError> errors) {
        if (errors.isEmpty()) {
            return "The request is not valid.";
        }
        StringBuilder text = new StringBuilder();
        for (FieldError e : errors) {
            text.append(text.length() == 0 ? "" : "; ").append(e.field()).append(' ').append(e.message());
        }
        return text.append('.').toString();
    }

    public List<FieldError> errors() {
        return errors;
    }
}
