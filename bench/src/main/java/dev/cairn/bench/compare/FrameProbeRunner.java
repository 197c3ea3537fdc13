package dev.cairn.bench.compare;

import dev.cairn.bench.probe.FrameBudgetProbe;
import dev.cairn.bench.probe.FrameStats;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Starts {@link FrameBudgetProbe} in its own JVM, lets something run beside it, and reads its statistics. */
public final class FrameProbeRunner {

    private static final Pattern FIELD = Pattern.compile("\"(\\w+)\":([-0-9.]+)");

    private final Path dir;

    /** A runner that keeps its files under {@code dir}. */
    public FrameProbeRunner(Path dir) throws IOException {
        this.dir = Files.createDirectories(dir);
    }

    /** Work that runs while the probe measures. */
    @FunctionalInterface
    public interface Load<T> {
        /** Runs the load. */
        T run() throws IOException, InterruptedException;
    }

    /** A load and the probe's statistics while it ran. */
    public record Probed<T>(FrameStats stats, T value) { }

    /** Runs {@code load} with the probe beside it; with a {@code null} load, probes an idle machine for {@code idleSeconds}. */
    public <T> Probed<T> measure(String label, Load<T> load, double idleSeconds) throws IOException, InterruptedException {
        Path out = dir.resolve(label + ".json");
        Path ready = Path.of(out + ".ready");
        Path stop = dir.resolve(label + ".stop");
        Files.deleteIfExists(out);
        Files.deleteIfExists(ready);
        Files.deleteIfExists(stop);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process probe = new ProcessBuilder(List.of(java, "-XX:+UseSerialGC", "-Xmx64m", "-cp",
                System.getProperty("java.class.path"), FrameBudgetProbe.class.getName(),
                "--out", out.toString(), "--stop-file", stop.toString(), "--max-seconds", "7200"))
                .redirectErrorStream(true).redirectOutput(dir.resolve(label + ".log").toFile()).start();
        try {
            long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.exists(ready)) {
                if (!probe.isAlive() || System.nanoTime() > waitUntil) {
                    throw new IOException("the frame probe did not start; see " + dir.resolve(label + ".log"));
                }
                Thread.sleep(20);
            }
            T value = null;
            if (load == null) {
                Thread.sleep(Math.round(idleSeconds * 1000));
            } else {
                value = load.run();
            }
            Files.writeString(stop, "stop\n");
            if (!probe.waitFor(30, TimeUnit.SECONDS)) {
                throw new IOException("the frame probe did not stop");
            }
            return new Probed<>(parse(Files.readString(out)), value);
        } finally {
            probe.destroy();
        }
    }

    private static FrameStats parse(String json) {
        java.util.Map<String, Double> values = new java.util.HashMap<>();
        Matcher m = FIELD.matcher(json);
        while (m.find()) {
            values.put(m.group(1), Double.parseDouble(m.group(2)));
        }
        return new FrameStats(values.get("frames").longValue(), values.get("over_budget").longValue(),
                values.get("p99_ms"), values.get("max_ms"), values.get("work_ms"));
    }
}
