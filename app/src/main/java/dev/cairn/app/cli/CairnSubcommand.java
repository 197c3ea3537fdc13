package dev.cairn.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.cairn.framework.CairnException;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** What every subcommand shares: the global options, output streams and JSON rendering. */
abstract class CairnSubcommand implements Callable<Integer> {

    /**
     * The mapper for {@code --json} output, made on first use: every command's class initialization
     * used to build it, 4-5% of a no-change backup's main-thread samples, also for text output.
     */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }

    @CommandLine.Mixin
    GlobalOptions global = new GlobalOptions();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** Prints {@code value} as JSON on standard output. */
    void printJson(Object value) {
        try {
            out().println(Json.MAPPER.writeValueAsString(value));
            out().flush();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    Session session() {
        return new Session(global, err());
    }

    @Override
    public final Integer call() throws Exception {
        String stopping = onInterrupt();
        Interruption interruption = stopping != null ? Interruption.process() : null;
        if (interruption != null) {
            interruption.enter(err(), stopping);
        }
        try (Session session = session()) {
            return run(session);
        } catch (CairnException e) {
            if (interruption == null || e.kind() != CairnException.Kind.CANCELLED) {
                throw e;
            }
            // Said here, before leave(): once the command has left, the signal's hook returns and the JVM halts.
            err().println("cairn: " + e.getMessage());
            err().flush();
            return ExitCodes.CANCELLED;
        } finally {
            if (interruption != null) {
                interruption.leave();
            }
        }
    }

    /**
     * {@return what stopping means for this command when it watches {@link Interruption#process()} and
     * stops cleanly on Ctrl-C or SIGTERM (the signal then waits for it to clean up), or {@code null} when
     * it does not (the signal ends the process at once)}
     */
    String onInterrupt() {
        return null;
    }

    /** {@return the exit code} */
    abstract int run(Session session) throws Exception;

    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(java.util.Locale.ROOT, "%.1f %s", v, units[u]);
    }

    static String shortId(String id) {
        return id == null ? "-" : id.substring(0, Math.min(12, id.length()));
    }
}
