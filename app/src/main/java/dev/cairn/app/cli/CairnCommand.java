package dev.cairn.app.cli;

import dev.cairn.framework.CairnException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/** The top-level {@code cairn} command. */
@Command(name = "cairn", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT,
        versionProvider = CairnCommand.Version.class,
        description = "Local-first backup and recovery for an application install.",
        subcommands = {InitCommand.class, BackupCommand.class, SnapshotsCommand.class, ShowCommand.class, DiffCommand.class,
                RestoreCommand.class, VerifyCommand.class, ForgetCommand.class, PruneCommand.class, KeyCommand.class,
                AuditCommand.class,
                UnitsCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 ok, 2 usage, 3 partial backup, 10 not found, 11 locked, 12 wrong passphrase,",
                "13 damaged repository, 14 smoke test failed (nothing changed), 15 bad configuration, 16 I/O error, 17 out of memory. See docs/CLI.md."})
final class CairnCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command, e.g. 'cairn backup' (see 'cairn --help')");
    }

    /** {@return the configured command line} */
    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new CairnCommand());
        cli.setExecutionExceptionHandler(CairnCommand::handle);
        return cli;
    }

    private static int handle(Exception ex, CommandLine cmd, CommandLine.ParseResult parsed) {
        PrintWriter err = cmd.getErr();
        if (ex instanceof CairnException ce) {
            err.println("cairn: " + ce.getMessage());
            err.flush();
            return ExitCodes.of(ce.kind());
        }
        if (ex instanceof CommandLine.ParameterException pe) {
            err.println("cairn: " + pe.getMessage());
            err.flush();
            return ExitCodes.USAGE;
        }
        err.println("cairn: unexpected error: " + ex);
        ex.printStackTrace(err);
        err.flush();
        return ExitCodes.INTERNAL;
    }

    /** Reports the engine's version. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"cairn " + dev.cairn.engine.EngineVersion.VERSION, "java " + Runtime.version()};
        }
    }
}
