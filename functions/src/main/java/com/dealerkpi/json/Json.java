package com.dealerkpi.json;

import java.math.BigDecimal;
import java.util.Map;

/**
 * The one JSON mapper: maps, lists, strings, numbers, booleans and null, in and out. Written here rather than taken
 * from a library because it is all the API needs and a function's first request pays for every class it loads (a
 * JSON library was 113 classes, 32-48 ms of a cold start's first request: README, Performance).
 */
public final class Json {
    private Json() {
    }

    /**
     * Writes maps (in their iteration order), iterables, strings, numbers and booleans; a null, also as a map value,
     * is written as {@code null}. Anything else is refused rather than guessed at: callers turn dates, moments and
     * enums into the text the contract gives them.
     */
    public static String write(Object value) {
        StringBuilder out = new StringBuilder(256);
        write(value, out);
        return out.toString();
    }

    /**
     * Reads a JSON object into insertion-ordered maps, lists, strings, booleans, nulls and numbers (an Integer,
     * Long or BigInteger for a whole number as it fits, else a Double); anything else (broken JSON, another kind of
     * value, content after the object, a repeated field) is the caller's error.
     */
    public static Map<String, Object> readObject(String text) {
        return new JsonReader(text).object();
    }

    private static void write(Object value, StringBuilder out) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof CharSequence text) {
            string(text.toString(), out);
        } else if (value instanceof Boolean) {
            out.append(value);
        } else if (value instanceof Number number) {
            number(number, out);
        } else if (value instanceof Map<?, ?> map) {
            object(map, out);
        } else if (value instanceof Iterable<?> items) {
            array(items, out);
        } else {
            throw new IllegalArgumentException("no JSON form for " + value.getClass().getName());
        }
    }

    private static void number(Number number, StringBuilder out) {
        boolean floating = number instanceof Double || number instanceof Float;
        if (floating && !Double.isFinite(number.doubleValue())) {
            // JSON has no literal for NaN and the infinities
            string(number.toString(), out);
        } else {
            out.append(plain(number));
        }
    }

    /**
     * A number as people write it: never in the scientific notation Java prints below 0.001 and from 10^7 up (a
     * rate of 0.0001 a month is {@code 0.0001}, not {@code 1.0E-4}); the shortest digits that read back the same.
     */
    public static String plain(Number number) {
        String text = number.toString();
        if (text.indexOf('E') < 0) {
            return text;
        }
        return new BigDecimal(text).stripTrailingZeros().toPlainString();
    }

    private static void object(Map<?, ?> map, StringBuilder out) {
        out.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            string(String.valueOf(entry.getKey()), out);
            out.append(':');
            write(entry.getValue(), out);
        }
        out.append('}');
    }

    private static void array(Iterable<?> items, StringBuilder out) {
        out.append('[');
        boolean first = true;
        for (Object item : items) {
            if (!first) {
                out.append(',');
            }
            first = false;
            write(item, out);
        }
        out.append(']');
    }

    private static void string(String text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(Character.forDigit(c >> 4, 16))
                                .append(Character.forDigit(c & 0xF, 16));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
