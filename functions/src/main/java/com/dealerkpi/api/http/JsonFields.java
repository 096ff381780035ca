package com.dealerkpi.api.http;

import com.dealerkpi.domain.FieldError;
import com.dealerkpi.domain.InvalidInputException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Typed access to the fields of a JSON body, collecting every problem (unknown field, wrong type,
 * missing value) so the caller gets them all in one 400.
 */
public final class JsonFields {
    private final Map<String, Object> body;
    private final List<FieldError> errors = new ArrayList<>();

    public JsonFields(Map<String, Object> body, Set<String> known) {
        this.body = body;
        for (String name : body.keySet()) {
            if (!known.contains(name)) {
                errors.add(new FieldError(name, "is not a field of this request; known fields: "
                        + String.join(", ", known.stream().sorted().toList())));
            }
        }
    }

    public boolean has(String name) {
        return body.containsKey(name);
    }

    /** A string field; null when absent (and an error if required). An explicit null counts as wrong type. */
    public String string(String name, boolean required) {
        Object value = body.get(name);
        if (value == null) {
            if (body.containsKey(name)) {
                errors.add(new FieldError(name, "must be a string, not null"));
            } else if (required) {
                errors.add(new FieldError(name, "is required"));
            }
            return null;
        }
        if (!(value instanceof String text)) {
            errors.add(new FieldError(name, "must be a string"));
            return null;
        }
        return text;
    }

    /** A number field; null when absent. */
    public Double number(String name) {
        Object value = body.get(name);
        if (value == null) {
            if (body.containsKey(name)) {
                errors.add(new FieldError(name, "must be a number, not null"));
            }
            return null;
        }
        if (!(value instanceof Number number)) {
            errors.add(new FieldError(name, "must be a number"));
            return null;
        }
        double d = number.doubleValue();
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            errors.add(new FieldError(name, "must be a finite number"));
            return null;
        }
        return d;
    }

    public void error(String field, String message) {
        errors.add(new FieldError(field, message));
    }

    public void errors(List<FieldError> more) {
        errors.addAll(more);
    }

    /** Throws one 400 listing every problem found so far. */
    public void throwIfInvalid() {
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
    }
}
