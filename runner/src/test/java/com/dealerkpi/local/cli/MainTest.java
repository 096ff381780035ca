package com.dealerkpi.local.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The runner's command line: help everywhere a person would look for it, and a wrong option named with the right ones. */
class MainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void helpListsTheCommands() throws Exception {
        for (List<String> args : List.of(List.<String>of(), List.of("--help"), List.of("-h"), List.of("help"))) {
            out.reset();
            assertEquals(0, run(args), args.toString());
            for (String command : List.of("serve", "invoke", "dynamodb", "import", "smoke", "bench")) {
                assertTrue(out().contains("\n  " + command + " "), args + ": " + out());
            }
        }
    }

    @Test
    void aCommandsHelpListsItsOptions() throws Exception {
        for (List<String> args : List.of(List.of("serve", "--help"), List.of("help", "serve"), List.of("serve", "--port", "1", "-h"))) {
            out.reset();
            assertEquals(0, run(args), args.toString());
            assertTrue(out().startsWith("serve: "), out());
            for (String option : List.of("--port PORT", "--dynamodb-endpoint URL", "--data-dir DIR", "--principal", "--template FILE")) {
                assertTrue(out().contains(option), option + " in " + out());
            }
        }
        out.reset();
        assertEquals(0, run(List.of("import", "--help")));
        assertTrue(out().contains("<file.csv|file.jsonl>") && out().contains("--api URL"), out());
    }

    @Test
    void anUnknownOptionNamesTheValidOnes() throws Exception {
        assertEquals(2, run(List.of("serve", "--prot", "3000")));
        assertTrue(err().contains("serve has no option --prot; valid: --port, --dynamodb-endpoint, --data-dir, --principal, --template"), err());
    }

    @Test
    void anOptionWithoutItsValueSaysWhatItNeeds() throws Exception {
        assertEquals(2, run(List.of("serve", "--port")));
        assertTrue(err().contains("--port needs a value (--port PORT)"), err());
    }

    @Test
    void anUnknownCommandOrTopicIsRefusedWithTheList() throws Exception {
        assertEquals(2, run(List.of("serv")));
        assertTrue(err().contains("unknown command 'serv'") && err().contains("  serve "), err());
        err.reset();
        assertEquals(2, run(List.of("help", "serv")));
        assertTrue(err().contains("no command 'serv'"), err());
    }

    private int run(List<String> args) throws Exception {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
