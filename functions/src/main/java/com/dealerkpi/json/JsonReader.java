package com.dealerkpi.json;

import com.dealerkpi.domain.InvalidInputException;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A strict reader of one JSON text (RFC 8259: no comments, no single quotes, no leading zeros, no NaN), every
 * failure a 400 on the body that says where. Nesting and number length are bounded, so no request can exhaust
 * the stack or spend the CPU on a number of a million digits.
 */
final class JsonReader {
    /** Far deeper than anything the API or API Gateway sends (at most 5), far shallower than the stack allows. */
    static final int MAX_DEPTH = 64;
    static final int MAX_NUMBER_LENGTH = 1000;
    /** How much of a repeated field's name a 400 repeats. */
    private static final int NAME_SHOWN = 64;

    private final String text;
    private int at;
    private int depth;

    JsonReader(String text) {
        this.text = Objects.requireNonNull(text, "text");
    }

    /** The text's one value, which must be an object. */
    Map<String, Object> object() {
        Object value = value();
        skipWhitespace();
        if (at < text.length()) {
            throw new InvalidInputException("body", "has content after the JSON object");
        }
        if (!(value instanceof Map<?, ?>)) {
            throw new InvalidInputException("body", "must be a JSON object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> object = (Map<String, Object>) value;
        return object;
    }

    private Object value() {
        skipWhitespace();
        if (at >= text.length()) {
            throw invalid("unexpected end of input");
        }
        char c = text.charAt(at);
        return switch (c) {
            case '{' -> nested(this::members);
            case '[' -> nested(this::elements);
            case '"' -> string();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", null);
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) {
                    yield number();
                }
                throw invalid("unexpected " + describe(at));
            }
        };
    }

    private Object nested(Supplier<Object> container) {
        if (++depth > MAX_DEPTH) {
            throw invalid("nested more than " + MAX_DEPTH + " levels deep");
        }
        Object value = container.get();
        depth--;
        return value;
    }

    private Map<String, Object> members() {
        Map<String, Object> map = new LinkedHashMap<>();
        at++;
        skipWhitespace();
        if (peek('}')) {
            at++;
            return map;
        }
        while (true) {
            skipWhitespace();
            if (!peek('"')) {
                throw invalid("expected a field name in quotes, found " + describe(at));
            }
            int nameAt = at;
            String name = string();
            skipWhitespace();
            expect(':');
            if (map.containsKey(name)) {
                String shown = name.length() > NAME_SHOWN ? name.substring(0, NAME_SHOWN) + "…" : name;
                throw invalid("the field \"" + shown + "\" appears twice (at character " + (nameAt + 1) + ")");
            }
            map.put(name, value());
            skipWhitespace();
            if (peek(',')) {
                at++;
            } else if (peek('}')) {
                at++;
                return map;
            } else {
                throw invalid("expected ',' or '}', found " + describe(at));
            }
        }
    }

    private List<Object> elements() {
        List<Object> list = new ArrayList<>();
        at++;
        skipWhitespace();
        if (peek(']')) {
            at++;
            return list;
        }
        while (true) {
            list.add(value());
            skipWhitespace();
            if (peek(',')) {
                at++;
            } else if (peek(']')) {
                at++;
                return list;
            } else {
                throw invalid("expected ',' or ']', found " + describe(at));
            }
        }
    }

    private String string() {
        at++;
        StringBuilder out = null;
        int start = at;
        while (true) {
            if (at >= text.length()) {
                throw invalid("a string is not closed");
            }
            char c = text.charAt(at);
            if (c == '"') {
                String value = out == null ? text.substring(start, at) : out.append(text, start, at).toString();
                at++;
                return value;
            }
            if (c < 0x20) {
                throw invalid("a string holds an unescaped control character (code " + (int) c + ") at character "
                        + (at + 1));
            }
            if (c == '\\') {
                if (out == null) {
                    out = new StringBuilder();
                }
                out.append(text, start, at);
                escape(out);
                start = at;
            } else {
                at++;
            }
        }
    }

    /** Appends what the escape at {@code at} (a backslash) stands for, leaving {@code at} after it. */
    private void escape(StringBuilder out) {
        if (at + 1 >= text.length()) {
            throw invalid("a string is not closed");
        }
        char c = text.charAt(at + 1);
        at += 2;
        switch (c) {
            case '"', '\\', '/' -> out.append(c);
            case 'b' -> out.append('\b');
            case 'f' -> out.append('\f');
            case 'n' -> out.append('\n');
            case 'r' -> out.append('\r');
            case 't' -> out.append('\t');
            case 'u' -> unicode(out);
            default -> throw invalid("unknown escape \\" + c + " at character " + (at - 1));
        }
    }

    /**
     * Appends the character of a {@code \\u} escape, or the pair a high surrogate's escape and the low one's after it
     * make; a lone half is refused, as I-JSON (RFC 7493) asks: it is no character and has no UTF-8 form to store.
     */
    private void unicode(StringBuilder out) {
        int escapeAt = at - 2;
        char c = hex4();
        if (Character.isHighSurrogate(c) && text.startsWith("\\u", at)) {
            at += 2;
            char low = hex4();
            if (Character.isLowSurrogate(low)) {
                out.append(c).append(low);
                return;
            }
        }
        if (Character.isSurrogate(c)) {
            throw invalid("the \\u escape at character " + (escapeAt + 1) + " is half a surrogate pair");
        }
        out.append(c);
    }

    private char hex4() {
        if (at + 4 > text.length()) {
            throw invalid("a \\u escape needs four hex digits");
        }
        int code = 0;
        for (int i = 0; i < 4; i++) {
            int digit = hexDigit(text.charAt(at + i));
            if (digit < 0) {
                throw invalid("a \\u escape needs four hex digits (at character " + (at + i + 1) + ")");
            }
            code = code * 16 + digit;
        }
        at += 4;
        return (char) code;
    }

    /** An ASCII hex digit's value, else -1 ({@code Character.digit} would take other scripts' digits too). */
    private static int hexDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    }

    private Object literal(String word, Object value) {
        if (!text.startsWith(word, at)) {
            throw invalid("unexpected " + describe(at));
        }
        at += word.length();
        return value;
    }

    private Number number() {
        int start = at;
        if (peek('-')) {
            at++;
        }
        if (peek('0')) {
            at++;
        } else if (!digits()) {
            throw invalid("a number needs digits (at character " + (at + 1) + ")");
        }
        boolean whole = true;
        if (peek('.')) {
            at++;
            whole = false;
            if (!digits()) {
                throw invalid("a number needs digits after its '.' (at character " + (at + 1) + ")");
            }
        }
        if (peek('e') || peek('E')) {
            at++;
            whole = false;
            if (peek('+') || peek('-')) {
                at++;
            }
            if (!digits()) {
                throw invalid("a number needs digits in its exponent (at character " + (at + 1) + ")");
            }
        }
        if (at - start > MAX_NUMBER_LENGTH) {
            throw invalid("a number longer than " + MAX_NUMBER_LENGTH + " characters");
        }
        String number = text.substring(start, at);
        if (!whole) {
            return Double.parseDouble(number);
        }
        BigInteger big = new BigInteger(number);
        if (big.bitLength() < Integer.SIZE) {
            return big.intValue();
        }
        // the cast keeps the conditional from unboxing the BigInteger to a long
        return big.bitLength() < Long.SIZE ? (Number) big.longValue() : big;
    }

    /** Reads one or more digits; false when there is none. */
    private boolean digits() {
        int start = at;
        while (at < text.length() && text.charAt(at) >= '0' && text.charAt(at) <= '9') {
            at++;
        }
        return at > start;
    }

    private void expect(char c) {
        if (!peek(c)) {
            throw invalid("expected '" + c + "', found " + describe(at));
        }
        at++;
    }

    private boolean peek(char c) {
        return at < text.length() && text.charAt(at) == c;
    }

    private void skipWhitespace() {
        while (at < text.length()) {
            char c = text.charAt(at);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            at++;
        }
    }

    private String describe(int position) {
        if (position >= text.length()) {
            return "the end of the input";
        }
        char c = text.charAt(position);
        String shown = c < 0x20 || c == 0x7f ? "code " + (int) c : "'" + c + "'";
        return shown + " at character " + (position + 1);
    }

    private static InvalidInputException invalid(String detail) {
        return new InvalidInputException("body", "is not valid JSON: " + detail);
    }
}
