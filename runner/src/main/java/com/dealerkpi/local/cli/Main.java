package com.dealerkpi.local.cli;

import com.dealerkpi.local.AggregateTasks;
import com.dealerkpi.local.Dynalite;
import com.dealerkpi.local.Import;
import com.dealerkpi.local.Invoker;
import com.dealerkpi.local.Serve;
import com.dealerkpi.local.Smoke;
import com.dealerkpi.local.bench.Bench;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * {@code java -jar target/dealer-kpi.jar <command> ...}: the local runner's commands, their options and their help
 * ({@code --help}, {@code <command> --help}, {@code help [command]}). Lambda never runs this class.
 */
public final class Main {
    private static final Command.Option TEMPLATE = new Command.Option("--template", "FILE",
            "the SAM template to read routes, handlers and environment from (default: the project's template.yaml)");
    private static final Command.Option ENDPOINT = new Command.Option("--dynamodb-endpoint", "URL",
            "use the DynamoDB at URL (the table is created if missing) instead of an embedded dynalite");
    private static final Command.Option DATA_DIR = new Command.Option("--data-dir", "DIR",
            "keep the embedded dynalite's data in DIR between runs (default: in memory)");
    private static final Command.Option PRINCIPAL = new Command.Option("--principal", "national|group:<group>|dealer:<id>",
            "who the caller is, for requests without an X-Local-Principal header (default: national)");

    private static final List<Command> COMMANDS = List.of(
            new Command("serve", "every route of the API, and the dashboard at /, on 127.0.0.1", "", List.of(
                    new Command.Option("--port", "PORT", "the port to listen on (default: 3000)"),
                    ENDPOINT, DATA_DIR, PRINCIPAL, TEMPLATE,
                    new Command.Option("--jwt-issuer", "URL", "sign in as deployed: callers need a bearer token from this issuer"
                            + " (a user pool: https://cognito-idp.<region>.amazonaws.com/<pool id>), checked as the stack's JWT authorizer"
                            + " checks it"),
                    new Command.Option("--jwt-audience", "ID", "with --jwt-issuer: the app client id the tokens are for"),
                    new Command.Option("--sign-in-domain", "URL", "with --jwt-issuer: the hosted sign-in page's domain the"
                            + " dashboard signs in through (https://<prefix>.auth.<region>.amazoncognito.com)")), Serve::api),
            new Command("invoke", "runs one function on one event file, as sam local invoke does, and prints the response",
                    "<FunctionLogicalId> <event.json>", List.of(ENDPOINT, DATA_DIR, TEMPLATE), Invoker::run),
            new Command("dynamodb", "a standalone local DynamoDB (dynalite) with the table created, e.g. for sam local", "",
                    List.of(new Command.Option("--port", "PORT", "the port to listen on (default: 8000)"),
                            new Command.Option("--host", "HOST", "the address to listen on (default: 127.0.0.1; 0.0.0.0 for containers)"),
                            DATA_DIR), Serve::dynamodb),
            new Command("import", "posts every row of a CSV or JSON Lines file through the status route, resumably",
                    "<file.csv|file.jsonl>", List.of(
                    new Command.Option("--api", "URL", "the API's base URL (required)"),
                    new Command.Option("--token", "JWT", "a bearer token for a deployed API"),
                    new Command.Option("--principal", "national|group:<group>|dealer:<id>",
                            "without --token: who to import as on the local runner (default: national)"),
                    new Command.Option("--parallel", "N", "rows in flight at once (default: 16)")),
                    options -> Import.run(options, System.out, System.err)),
            new Command("smoke", "checks a running API end to end: a status update, its reports, and the refusals", "", List.of(
                    new Command.Option("--api", "URL", "the API's base URL (required)"),
                    new Command.Option("--dealer-token", "JWT", "a dealership user's token (deployed API)"),
                    new Command.Option("--national-token", "JWT", "a national user's token (deployed API)"),
                    new Command.Option("--local", "true|false", "use the local runner's principal header instead of tokens (default: false)"),
                    new Command.Option("--dealership", "ID", "the dealership the dealer token belongs to (default: D1)")),
                    options -> Smoke.run(options, System.out)),
            new Command("sweep", "completes what requests left unfinished in the aggregates, and builds them where needed",
                    "", List.of(ENDPOINT, DATA_DIR), options -> AggregateTasks.sweep(options, System.out)),
            new Command("verify-aggregates", "recounts every dealership from its milestones; exit 3 if an aggregate differs,"
                    + " 4 if a dealership could not be recounted",
                    "", List.of(ENDPOINT, DATA_DIR), options -> AggregateTasks.verify(options, System.out)),
            new Command("rebuild-aggregates", "starts a new generation of one dealership's aggregates (the next sweep builds it)",
                    "<dealershipId>", List.of(ENDPOINT, DATA_DIR), options -> AggregateTasks.rebuild(options, System.out)),
            new Command("bench", "measures the functions against their floors and prints each goal", "", List.of(
                    new Command.Option("--parts", "LIST", "comma-separated: status, reports, aggregates, rollup, runtime (= cold-start,"
                            + "restore), cold-start, restore (default: all)"),
                    new Command.Option("--iterations", "N", "status updates timed by the status part (default: 400)"),
                    new Command.Option("--runs", "N", "cold starts and restores per function (default: 5)"),
                    new Command.Option("--quick", "true|false", "fewer iterations, for a first look (default: false)"),
                    new Command.Option("--request-times", "true|false",
                            "also print where the status update's, each roll-up's and each aggregate report's time goes,"
                                    + " request by request (default: false)")),
                    options -> {
                        Bench.run(options);
                        return 0;
                    }));

    /** Commands that run until the JVM is stopped (Ctrl-C): they end with it, not with an exit code of theirs. */
    private static final List<String> RUN_UNTIL_STOPPED = List.of("serve", "dynamodb");

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        List<String> arguments = Arrays.asList(args);
        int code;
        try {
            code = run(arguments, System.out, System.err);
        } catch (Dynalite.NotInstalled e) {
            System.err.println("dealer-kpi: " + e.getMessage());
            code = 1;
        }
        if (arguments.isEmpty() || !RUN_UNTIL_STOPPED.contains(arguments.get(0)) || code != 0) {
            System.exit(code);
        }
    }

    /** Runs a command line; its exit code (2: the command line itself was wrong). */
    static int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        if (args.isEmpty() || isHelp(args.get(0))) {
            out.print(overview());
            return 0;
        }
        if (args.get(0).equals("help")) {
            return help(args.subList(1, args.size()), out, err);
        }
        Optional<Command> command = command(args.get(0));
        if (command.isEmpty()) {
            err.print("error: unknown command '" + args.get(0) + "'\n\n" + overview());
            return 2;
        }
        List<String> rest = args.subList(1, args.size());
        if (rest.stream().anyMatch(Main::isHelp)) {
            out.print(command.get().help());
            return 0;
        }
        try {
            return command.get().action().run(command.get().parse(rest));
        } catch (IllegalArgumentException e) {
            err.print("error: " + e.getMessage() + "\n\n" + command.get().help());
            return 2;
        }
    }

    private static int help(List<String> topics, PrintStream out, PrintStream err) {
        if (topics.isEmpty()) {
            out.print(overview());
            return 0;
        }
        Optional<Command> command = command(topics.get(0));
        if (command.isEmpty()) {
            err.print("error: no command '" + topics.get(0) + "'\n\n" + overview());
            return 2;
        }
        out.print(command.get().help());
        return 0;
    }

    private static String overview() {
        StringBuilder text = new StringBuilder("usage: java -jar target/dealer-kpi.jar <command> [options]\n\ncommands:\n");
        int width = COMMANDS.stream().mapToInt(c -> c.name().length()).max().orElse(0);
        for (Command command : COMMANDS) {
            text.append("  ").append(command.name()).append(" ".repeat(width - command.name().length() + 2))
                    .append(command.summary()).append('\n');
        }
        return text.append("\n'help <command>' or '<command> --help' shows a command's options.\n").toString();
    }

    private static Optional<Command> command(String name) {
        return COMMANDS.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    private static boolean isHelp(String arg) {
        return arg.equals("--help") || arg.equals("-h");
    }
}
