package dev.cairn.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the assembled distribution's launcher as a real process, as a user would. */
final class Cli {

    /** What one run printed and returned. */
    record Result(int exit, String out, String err) {
        Result expect(int code) {
            if (exit != code) {
                throw new AssertionError("expected exit " + code + " but got " + exit + "\n--- stdout\n" + out + "\n--- stderr\n" + err);
            }
            return this;
        }
    }

    private final Path launcher;
    private final Map<String, String> env = new HashMap<>();

    Cli(Path dist, Path dataHome) {
        this.launcher = dist.resolve("bin/cairn");
        env.put("CAIRN_DATA_HOME", dataHome.toString());
        // The launcher's class-data-sharing archives go to the build directory, not the user's cache.
        env.put("XDG_CACHE_HOME", dist().getParent().resolve("it-cache").toString());
    }

    /** {@return the distribution directory the build assembled} */
    static Path dist() {
        String d = System.getProperty("cairn.dist");
        if (d == null) {
            throw new IllegalStateException("cairn.dist is not set: run through 'mvnw verify' (failsafe)");
        }
        return Path.of(d);
    }

    Cli env(String key, String value) {
        if (value == null) {
            env.remove(key);
        } else {
            env.put(key, value);
        }
        return this;
    }

    Result run(String... args) throws IOException, InterruptedException {
        return start(args).await();
    }

    /**
     * Runs the launcher with {@code args} on a pseudo-terminal, as typed in a terminal, with
     * {@code redirect} (e.g. {@code 2>FILE}) applied by the shell: {@code script} (util-linux) gives the
     * run a terminal for standard input, output and error, and its own output is what the terminal showed.
     *
     * @return the exit code and what the terminal showed (as {@link Result#out()}; {@code err} is empty)
     */
    Result runInTerminal(String redirect, String... args) throws IOException, InterruptedException {
        StringBuilder line = new StringBuilder(quote(launcher.toString()));
        for (String a : args) {
            line.append(' ').append(quote(a));
        }
        line.append(' ').append(redirect);
        ProcessBuilder pb = withEnvironment(new ProcessBuilder("script", "-q", "-e", "-c", line.toString(), "/dev/null"));
        Path shown = Files.createTempFile("cairn-terminal", ".txt");
        pb.redirectErrorStream(true).redirectOutput(shown.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new IOException("cannot run util-linux's script (needed for a pseudo-terminal): " + e.getMessage(), e);
        }
        try {
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("cairn " + String.join(" ", args) + " (on a terminal) did not finish in 5 minutes");
            }
            return new Result(process.exitValue(), Files.readString(shown, StandardCharsets.UTF_8), "");
        } finally {
            Files.deleteIfExists(shown);
        }
    }

    private static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    /** Starts the launcher with {@code args} and returns at once (a run to signal while it works). */
    Running start(String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(launcher.toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = withEnvironment(new ProcessBuilder(cmd));
        Path out = Files.createTempFile("cairn-out", ".txt");
        Path err = Files.createTempFile("cairn-err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        return new Running(pb.start(), String.join(" ", args), out, err);
    }

    /**
     * {@return {@code pb}, its environment this runner's: the test JVM's without Cairn's own variables (a
     * developer's passphrase or repository must not leak into a test), then this runner's}
     */
    private ProcessBuilder withEnvironment(ProcessBuilder pb) {
        pb.environment().remove("CAIRN_PASSWORD");
        pb.environment().remove("CAIRN_REPOSITORY");
        pb.environment().remove("CAIRN_PROFILE");
        pb.environment().putAll(env);
        return pb;
    }

    /** A started run of the launcher (the launcher execs the JVM, so the process is Cairn's JVM). */
    record Running(Process process, String command, Path out, Path err) {
        /** {@return what the run printed and returned}, waiting at most 5 minutes for it to end */
        Result await() throws IOException, InterruptedException {
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("cairn " + command + " did not finish in 5 minutes");
            }
            Result r = new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
            return r;
        }
    }
}
