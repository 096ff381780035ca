package com.dealerkpi.api;

import com.dealerkpi.domain.InvalidInputException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.jr.ob.JSON;

import java.io.IOException;
import java.util.Map;

/** The one JSON mapper (jackson-jr: small, no reflection on our classes, quick to start). */
public final class Json {
    private static final JSON MAPPER = JSON.builder()
            .enable(JSON.Feature.FAIL_ON_DUPLICATE_MAP_KEYS, JSON.Feature.PRESERVE_FIELD_ORDERING)
            .disable(JSON.Feature.WRITE_NULL_PROPERTIES)
            .build();
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final JSON WITH_NULLS = MAPPER.with(JSON.Feature.WRITE_NULL_PROPERTIES);

    private Json() {
    }

    /** Writes maps, lists, strings, numbers and booleans; a null map value is written as {@code null}. */
    public static String write(Object value) {
        try {
            return WITH_NULLS.asString(value);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    /** Reads a JSON object; anything else (or broken JSON, or a repeated field) is the caller's error. */
    public static Map<String, Object> readObject(String text) {
        Object value;
        try (JsonParser parser = FACTORY.createParser(text)) {
            value = MAPPER.anyFrom(parser);
            if (parser.nextToken() != null) {
                throw new InvalidInputException("body", "has content after the JSON object");
            }
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("body", "is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidInputException("body", "is not valid JSON");
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new InvalidInputException("body", "must be a JSON object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> object = (Map<String, Object>) map;
        return object;
    }
}
