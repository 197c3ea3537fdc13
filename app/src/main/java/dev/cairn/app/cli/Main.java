package dev.cairn.app.cli;

import picocli.CommandLine;

/** The {@code cairn} entry point. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** {@return the exit code of running {@code args}} */
    public static int run(String... args) {
        CommandLine cli = CairnCommand.commandLine();
        return cli.execute(args);
    }
}
