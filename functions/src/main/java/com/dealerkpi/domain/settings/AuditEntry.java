package com.dealerkpi.domain.settings;

import java.time.Instant;
import java.util.Map;

/** One change to a profile or a target override: who made it, when, and the value before and after. */
public record AuditEntry(Instant at, String by, String action, Map<String, Object> previous, Map<String, Object> next) {
}
