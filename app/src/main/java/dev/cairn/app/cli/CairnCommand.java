package dev.cairn.app.cli;

import dev.cairn.framework.CairnException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/** The top-level {@code cairn} command. */
@Command(name = "cairn", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT,
        versionProvider = CairnCommand.Version.class,
        description = "Local-first backup and recovery for an application install.",
        footer = {"", "Exit codes: 0 ok, 2 usage, 3 partial backup, 10 not found, 11 locked, 12 wrong passphrase,",
                "13 damaged repository, 14 smoke test failed (nothing changed), 15 bad configuration, 16 I/O error, 17 out of memory. See docs/CLI.md."})
final class CairnCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command, e.g. 'cairn backup' (see 'cairn --help')");
    }

    /**
     * The subcommands, in the order help lists them. picocli builds the model of every subcommand it is
     * given (reflection over each command's options, mixins and nested commands) before it parses
     * anything: for all twelve that took 300-340 ms of every command's start on the benchmark machine.
     * Classes, not constructor references: a reference to picocli's help command (then a Java 5 class,
     * which the ahead-of-time cache cannot hold; the build now rewrites picocli's classes to the Java 8
     * format, build-tools' ClassFileUpgrade) made JDK 25.0.3 abort while building the launcher's cache.
     */
    private static final Map<String, Class<?>> SUBCOMMANDS = subcommands();

    private static Map<String, Class<?>> subcommands() {
        Map<String, Class<?>> m = new LinkedHashMap<>();
        m.put("init", InitCommand.class);
        m.put("backup", BackupCommand.class);
        m.put("snapshots", SnapshotsCommand.class);
        m.put("show", ShowCommand.class);
        m.put("diff", DiffCommand.class);
        m.put("restore", RestoreCommand.class);
        m.put("verify", VerifyCommand.class);
        m.put("forget", ForgetCommand.class);
        m.put("prune", PruneCommand.class);
        m.put("key", KeyCommand.class);
        m.put("audit", AuditCommand.class);
        m.put("units", UnitsCommand.class);
        m.put("help", CommandLine.HelpCommand.class);
        return java.util.Collections.unmodifiableMap(m);
    }

    /**
     * {@return the command line for running {@code args}}: with only the subcommand they name when they
     * name one (its help, options and errors are the same either way), else with all of them (the
     * top-level help lists them, {@code help} looks them up, a misspelt name gets suggestions).
     */
    static CommandLine commandLineFor(String... args) {
        return namesCommand(args) ? commandLine(java.util.List.of(args[0])) : commandLine(SUBCOMMANDS.keySet());
    }

    /** {@return whether {@code args} start with a command to run (not {@code help}, an option or a misspelling)} */
    static boolean namesCommand(String... args) {
        return args.length > 0 && SUBCOMMANDS.containsKey(args[0]) && !args[0].equals("help");
    }

    private static CommandLine commandLine(java.util.Collection<String> names) {
        CommandLine cli = new CommandLine(new CairnCommand());
        for (String name : names) {
            cli.addSubcommand(name, SUBCOMMANDS.get(name));
        }
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
