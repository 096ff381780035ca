package com.dealerkpi.json;

import com.dealerkpi.domain.InvalidInputException;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The API's own JSON: RFC 8259 in, exactly; what it writes reads back as it was. */
class JsonTest {
    @Test
    void readsEveryKindOfValueInOrder() {
        Map<String, Object> read = Json.readObject(" {\"z\":1, \"a\":[true,false,null,\"x\",{}], \"m\":{\"k\":[]},"
                + " \"d\":-0.5e2, \"big\":12345678901234567890123, \"long\":3000000000, \"neg\":-2147483648}\n");
        assertEquals(List.of("z", "a", "m", "d", "big", "long", "neg"), new ArrayList<>(read.keySet()));
        assertEquals(1, read.get("z"));
        assertEquals(Arrays.asList(true, false, null, "x", Map.of()), read.get("a"));
        assertEquals(Map.of("k", List.of()), read.get("m"));
        assertEquals(-50.0, read.get("d"));
        assertEquals(new BigInteger("12345678901234567890123"), read.get("big"));
        assertEquals(3_000_000_000L, read.get("long"));
        assertEquals(Integer.MIN_VALUE, read.get("neg"));
    }

    @Test
    void readsEscapes() {
        Map<String, Object> read = Json.readObject("{\"s\":\"q\\\" b\\\\ s\\/ \\b\\f\\n\\r\\t \\u00e9\\uD83D\\uDE97 é\"}");
        assertEquals("q\" b\\ s/ \b\f\n\r\t é\uD83D\uDE97 é", read.get("s"));
    }

    @Test
    void writesWhatReadsBack() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("text", "quote \" backslash \\ newline \n tab \t bell \u0007 del \u007f é 🚗 </script>");
        value.put("none", null);
        value.put("numbers", List.of(0, -1, Long.MAX_VALUE, 0.05, 1.0E-4, 12.5));
        value.put("flags", List.of(true, false));
        value.put("nested", Map.of("list", List.of(Map.of())));
        String written = Json.write(value);
        assertEquals(value, Json.readObject(written));
        assertTrue(written.contains(" bell \\u0007 del \u007f "), written);
        assertTrue(written.startsWith("{\"text\":"), written);
    }

    @Test
    void writesNumbersWithoutScientificNotation() {
        assertEquals("[0.0001,0.0006,12345678,-0.00105,0.5,3]",
                Json.write(List.of(1.0E-4, 6.0E-4, 1.2345678E7, -0.00105, 0.5, 3)));
        assertEquals(List.of(1.0E-4, 6.0E-4), Json.readObject("{\"n\":" + Json.write(List.of(1.0E-4, 6.0E-4)) + "}").get("n"));
    }

    @Test
    void writesRandomTextThatReadsBackTheSame() {
        Random random = new Random(8259);
        for (int i = 0; i < 2_000; i++) {
            char[] chars = new char[random.nextInt(20)];
            for (int c = 0; c < chars.length; c++) {
                chars[c] = (char) (random.nextBoolean() ? random.nextInt(0x80) : random.nextInt(0xD800));
            }
            String text = new String(chars);
            assertEquals(Map.of(text, text), Json.readObject(Json.write(Map.of(text, text))));
        }
    }

    @Test
    void writesNonFiniteNumbersAsTextAndRefusesWhatItHasNoFormFor() {
        assertEquals("[\"NaN\",\"Infinity\",-0.0]", Json.write(List.of(Double.NaN, Float.POSITIVE_INFINITY, -0.0)));
        assertThrows(IllegalArgumentException.class, () -> Json.write(Map.of("x", new Object())));
        assertThrows(IllegalArgumentException.class, () -> Json.write(List.of(java.time.DayOfWeek.MONDAY)));
    }

    @Test
    void readsMinusZeroAsTheNumbersTheyAre() {
        assertEquals(0, Json.readObject("{\"n\":-0}").get("n"));
        assertEquals(-0.0, Json.readObject("{\"n\":-0.0}").get("n"));
        assertEquals(0.0, Json.readObject("{\"n\":1e-999999999}").get("n"));
    }

    @Test
    void aRepeatedLongFieldNameIsShownShort() {
        String name = "n".repeat(5_000);
        InvalidInputException refused = assertThrows(InvalidInputException.class,
                () -> Json.readObject("{\"" + name + "\":1,\"" + name + "\":2}"));
        assertEquals("is not valid JSON: the field \"" + "n".repeat(64) + "…\" appears twice (at character 5007)",
                refused.errors().get(0).message());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "'' | is not valid JSON: unexpected end of input",
            "{ | is not valid JSON: expected a field name in quotes, found the end of the input",
            "{\"a\":1,} | is not valid JSON: expected a field name in quotes, found '}' at character 8",
            "{'a':1} | is not valid JSON: expected a field name in quotes, found ''' at character 2",
            "{\"a\":01} | is not valid JSON: expected ',' or '}', found '1' at character 7",
            "{\"a\":1.} | is not valid JSON: a number needs digits after its '.' (at character 8)",
            "{\"a\":-} | is not valid JSON: a number needs digits (at character 7)",
            "{\"a\":1e} | is not valid JSON: a number needs digits in its exponent (at character 8)",
            "{\"a\":NaN} | is not valid JSON: unexpected 'N' at character 6",
            "{\"a\":tru} | is not valid JSON: unexpected 't' at character 6",
            "{\"a\":[1 2]} | is not valid JSON: expected ',' or ']', found '2' at character 9",
            "{\"a\" 1} | is not valid JSON: expected ':', found '1' at character 6",
            "{\"a\":\"x} | is not valid JSON: a string is not closed",
            "{\"a\":\"\\x\"} | is not valid JSON: unknown escape \\x at character 7",
            "{\"a\":\"\\u12G4\"} | is not valid JSON: a \\u escape needs four hex digits (at character 11)",
            "{\"a\":1,\"a\":2} | is not valid JSON: the field \"a\" appears twice (at character 8)",
            "{/*c*/} | is not valid JSON: expected a field name in quotes, found '/' at character 2",
            "{} {} | has content after the JSON object",
            "{}x | has content after the JSON object",
            "[1] | must be a JSON object",
            "\"text\" | must be a JSON object",
            "{\"a\":\"\\u١٢٣٤\"} | is not valid JSON: a \\u escape needs four hex digits (at character 9)",
            "{\"a\":\"\\uＡＡＡＡ\"} | is not valid JSON: a \\u escape needs four hex digits (at character 9)",
            "{\"a\":\"\\uD83D\"} | is not valid JSON: the \\u escape at character 7 is half a surrogate pair",
            "{\"a\":\"\\uD83Dx\"} | is not valid JSON: the \\u escape at character 7 is half a surrogate pair",
            "{\"a\":\"\\uD83D\\u0041\"} | is not valid JSON: the \\u escape at character 7 is half a surrogate pair",
            "{\"a\":\"\\uDE97\"} | is not valid JSON: the \\u escape at character 7 is half a surrogate pair",
            "{\"a\":\"\\\\uD83D\\uDE97\"} | is not valid JSON: the \\u escape at character 14 is half a surrogate pair",
            "\uFEFF{} | is not valid JSON: unexpected '\uFEFF' at character 1",
            "\u00A0{} | is not valid JSON: unexpected '\u00A0' at character 1",
            "{\"a\":\u0000} | is not valid JSON: unexpected code 0 at character 6",
    })
    void refusesWhatIsNotOneJsonObjectSayingWhere(String text, String message) {
        InvalidInputException refused = assertThrows(InvalidInputException.class, () -> Json.readObject(text));
        assertEquals("body " + message, refused.errors().get(0).field() + " " + refused.errors().get(0).message());
    }

    @Test
    void refusesAnUnescapedControlCharacterInAString() {
        InvalidInputException refused = assertThrows(InvalidInputException.class, () -> Json.readObject("{\"a\":\"x\ny\"}"));
        assertEquals("is not valid JSON: a string holds an unescaped control character (code 10) at character 8",
                refused.errors().get(0).message());
    }

    @ParameterizedTest
    @ValueSource(ints = {JsonReader.MAX_DEPTH, JsonReader.MAX_DEPTH + 1, 100_000})
    void boundsNesting(int depth) {
        String text = "{\"a\":" + "[".repeat(depth - 1) + "]".repeat(depth - 1) + "}";
        if (depth <= JsonReader.MAX_DEPTH) {
            assertInstanceOf(Map.class, Json.readObject(text));
        } else {
            InvalidInputException refused = assertThrows(InvalidInputException.class, () -> Json.readObject(text));
            assertEquals("is not valid JSON: nested more than 64 levels deep", refused.errors().get(0).message());
        }
    }

    @Test
    void boundsNumberLength() {
        String longest = "9".repeat(JsonReader.MAX_NUMBER_LENGTH);
        assertEquals(new BigInteger(longest), Json.readObject("{\"n\":" + longest + "}").get("n"));
        InvalidInputException refused = assertThrows(InvalidInputException.class,
                () -> Json.readObject("{\"n\":" + longest + "9}"));
        assertEquals("is not valid JSON: a number longer than 1000 characters", refused.errors().get(0).message());
    }

    @Test
    void readsHugeExponentsAsInfinityForTheFieldRulesToRefuse() {
        assertEquals(Double.POSITIVE_INFINITY, Json.readObject("{\"n\":1e400}").get("n"));
    }
}
