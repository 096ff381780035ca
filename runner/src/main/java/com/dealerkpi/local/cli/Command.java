package com.dealerkpi.local.cli;

import com.dealerkpi.local.Options;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One command of the runner: what it does, the arguments and options it takes, and how it runs. */
record Command(String name, String summary, String arguments, List<Option> options, Action action) {

    /** An option: {@code --name value}, with what it means. */
    record Option(String name, String value, String description) {
    }

    @FunctionalInterface
    interface Action {
        /** Runs the command; the exit code. */
        int run(Options options) throws Exception;
    }

    /** The command line: {@code serve [--port N] ...}. */
    String usage() {
        StringBuilder usage = new StringBuilder("java -jar target/dealer-kpi.jar ").append(name);
        if (!arguments.isEmpty()) {
            usage.append(' ').append(arguments);
        }
        options.forEach(option -> usage.append(" [").append(option.name()).append(' ').append(option.value()).append(']'));
        return usage.toString();
    }

    /** What {@code help <command>} prints. */
    String help() {
        StringBuilder help = new StringBuilder(name).append(": ").append(summary).append("\n\nusage: ").append(usage())
                .append('\n');
        if (!options.isEmpty()) {
            help.append("\noptions:\n");
            int width = options.stream().mapToInt(o -> o.name().length() + o.value().length() + 1).max().orElse(0);
            for (Option option : options) {
                String left = option.name() + " " + option.value();
                help.append("  ").append(left).append(" ".repeat(width - left.length() + 2)).append(option.description())
                        .append('\n');
            }
        }
        return help.toString();
    }

    /**
     * The arguments after the command: {@code --name value} options this command takes, the rest positional. An
     * option it does not take, or one without its value, is refused with the options it does take.
     */
    Options parse(List<String> args) {
        List<String> positional = new ArrayList<>();
        Map<String, String> named = new HashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--")) {
                positional.add(arg);
                continue;
            }
            if (options.stream().noneMatch(option -> option.name().equals(arg))) {
                throw new IllegalArgumentException(name + " has no option " + arg + "; " + validOptions());
            }
            if (i + 1 >= args.size()) {
                throw new IllegalArgumentException(arg + " needs a value (" + arg + " "
                        + options.stream().filter(o -> o.name().equals(arg)).findFirst().orElseThrow().value() + ")");
            }
            named.put(arg, args.get(++i));
        }
        return new Options(positional, named);
    }

    private String validOptions() {
        return options.isEmpty() ? "it takes none"
                : "valid: " + String.join(", ", options.stream().map(Option::name).toList());
    }
}
