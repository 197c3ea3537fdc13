package dev.cairn.units.db.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A {@link BalanceWriter} running in a separate JVM started from this one's JDK and class path. */
final class WriterProcess implements AutoCloseable {

    private final Process process;
    private final BufferedReader out;

    private WriterProcess(Process process) {
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Starts the writer on {@code db} (see {@link BalanceWriter} for the arguments) and returns once it has committed its first transactions. */
    static WriterProcess start(Path db, String synchronous, int walAutocheckpoint, long seed, long maxRate) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-Xmx128m", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"),
                BalanceWriter.class.getName(),
                db.toString(), synchronous, Integer.toString(walAutocheckpoint), Long.toString(seed), Long.toString(maxRate)));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        WriterProcess writer = new WriterProcess(process);
        String first = writer.out.readLine();
        if (!"ready".equals(first)) {
            writer.close();
            throw new IOException("writer did not start: " + first);
        }
        return writer;
    }

    /** {@return whether the writer is still running} */
    boolean isAlive() {
        return process.isAlive();
    }

    /** Stops the writer by closing its input and {@return its summary line} */
    String stop() throws IOException, InterruptedException {
        process.getOutputStream().close();
        String summary = out.readLine();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("writer did not stop");
        }
        if (process.exitValue() != 0 || summary == null) {
            throw new IOException("writer failed with exit code " + process.exitValue() + ": " + summary);
        }
        return summary;
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
