package com.dealerkpi.store;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Plain values (strings, numbers, booleans, null) to and from DynamoDB attribute values. */
final class AttributeMaps {
    private AttributeMaps() {
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    /** A string attribute of an item, or null when the item has none. */
    static String str(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    static Map<String, AttributeValue> fromPlain(Map<String, Object> plain) {
        Map<String, AttributeValue> result = new LinkedHashMap<>();
        plain.forEach((key, value) -> result.put(key, attribute(value)));
        return result;
    }

    private static AttributeValue attribute(Object value) {
        if (value == null) {
            return AttributeValue.fromNul(true);
        }
        if (value instanceof Number number) {
            return AttributeValue.fromN(number.toString());
        }
        if (value instanceof Boolean bool) {
            return AttributeValue.fromBool(bool);
        }
        return AttributeValue.fromS(value.toString());
    }

    static Map<String, Object> toPlain(Map<String, AttributeValue> attributes) {
        Map<String, Object> result = new LinkedHashMap<>();
        attributes.forEach((key, value) -> {
            Object plain;
            if (value.s() != null) {
                plain = value.s();
            } else if (value.n() != null) {
                BigDecimal number = new BigDecimal(value.n());
                plain = number.scale() <= 0 ? (Object) number.longValueExact() : (Object) number.doubleValue();
            } else if (value.bool() != null) {
                plain = value.bool();
            } else {
                plain = null;
            }
            result.put(key, plain);
        });
        return result;
    }
}
