package dev.cairn.app.cli;

import picocli.CommandLine;

/** The {@code cairn} entry point. */
public final class Main {

    private Main() {
    }

    /**
     * How the engine's log messages (System.Logger, through java.util.logging's console handler on
     * standard error) look: one line like Cairn's own messages, {@code cairn: WARNING: ...}, instead of
     * the JDK's two lines of date, class and method. A format given with {@code -D} (CAIRN_JAVA_OPTS) wins.
     */
    static final String LOG_FORMAT = "cairn: %4$s: %5$s%6$s%n";

    public static void main(String[] args) {
        JsonWarmUp.startFor(args);
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", LOG_FORMAT);
        }
        System.exit(run(args));
    }

    /** {@return the exit code of running {@code args}} */
    public static int run(String... args) {
        CommandLine cli = CairnCommand.commandLineFor(args);
        return guarded(() -> cli.execute(args), System.err);
    }

    /**
     * {@return the exit code {@code work} returns, or {@link ExitCodes#OUT_OF_MEMORY} with a message on
     * {@code err} when it runs out of Java heap} The heap limit is the launcher's (272 MiB); a
     * backup's metadata grows with the number of chunks (36 bytes a chunk: a 1 GB database of 4 KiB pages
     * backs up within 96 MiB, 64 MiB runs out), so a very large install can exceed it. An
     * {@link OutOfMemoryError} of a storing task arrives here too (the archiver rethrows it as itself).
     */
    static int guarded(java.util.function.IntSupplier work, java.io.PrintStream err) {
        try {
            return work.getAsInt();
        } catch (OutOfMemoryError e) {
            err.println("cairn: out of memory: the Java heap limit (" + (Runtime.getRuntime().maxMemory() >> 20)
                    + " MiB) is too small for this work (" + e.getMessage() + "); run it again with a larger one,"
                    + " e.g. CAIRN_JAVA_OPTS=-Xmx1g. Nothing half-written is published (a backup writes its snapshot last).");
            err.flush();
            return ExitCodes.OUT_OF_MEMORY;
        }
    }
}
