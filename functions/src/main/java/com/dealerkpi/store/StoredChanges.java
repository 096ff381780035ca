package com.dealerkpi.store;

import java.time.Instant;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.Map;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import static com.dealerkpi.store.AttributeMaps.s;
import static com.dealerkpi.store.TableLayout.CHANGE_AT;
import static com.dealerkpi.store.TableLayout.CHANGE_EFFECTIVE_FROM;

/** What every stored change (a target change, a database size, an audit entry) has: when it takes effect, when it was made. */
final class StoredChanges {
    private StoredChanges() {
    }

    /** The month a stored change takes effect from, or null for one that has always been in force. */
    static YearMonth effectiveMonth(Map<String, AttributeValue> change) {
        return change.containsKey(CHANGE_EFFECTIVE_FROM) ? YearMonth.parse(change.get(CHANGE_EFFECTIVE_FROM).s()) : null;
    }

    static Map<String, AttributeValue> attributes(YearMonth effectiveFrom, Instant at) {
        Map<String, AttributeValue> m = new LinkedHashMap<>();
        if (effectiveFrom != null) {
            m.put(CHANGE_EFFECTIVE_FROM, s(effectiveFrom.toString()));
        }
        m.put(CHANGE_AT, s(at.toString()));
        return m;
    }
}
