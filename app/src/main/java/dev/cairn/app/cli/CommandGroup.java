package dev.cairn.app.cli;

import picocli.CommandLine;

/** A command that only groups subcommands ({@code cairn key}, {@code cairn audit}): alone it is a usage error. */
abstract class CommandGroup implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name one of the " + spec.name() + " commands: "
                + String.join(", ", spec.subcommands().keySet()));
    }
}
