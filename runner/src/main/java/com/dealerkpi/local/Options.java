package com.dealerkpi.local;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A command's arguments, checked against what the command takes: positional ones and {@code --name value} options. */
public record Options(List<String> positional, Map<String, String> named) {

    public Options {
        positional = List.copyOf(positional);
        named = Map.copyOf(named);
    }

    public String value(String name, String fallback) {
        return named.getOrDefault(name, fallback);
    }

    public Optional<String> optional(String name) {
        return Optional.ofNullable(named.get(name));
    }

    /** A yes-or-no option: {@code true} or {@code false}, off when not given; anything else is refused. */
    public boolean flag(String name) {
        String value = named.getOrDefault(name, "false");
        if (!value.equals("true") && !value.equals("false")) {
            throw new IllegalArgumentException(name + " takes true or false, not '" + value + "'");
        }
        return value.equals("true");
    }
}
