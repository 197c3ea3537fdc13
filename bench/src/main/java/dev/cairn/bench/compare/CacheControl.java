package dev.cairn.bench.compare;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Puts the page cache in the same state before every metered step, for every tool: either cold
 * (dirty pages synced, then {@code /proc/sys/vm/drop_caches}) or, where that is not permitted, warm
 * (the data the step reads is read once just before it).
 */
public final class CacheControl {

    private static final Path DROP_CACHES = Path.of("/proc/sys/vm/drop_caches");

    private final boolean cold;
    private final String why;

    private CacheControl(boolean cold, String why) {
        this.cold = cold;
        this.why = why;
    }

    /**
     * Chooses the mode: {@code cold}, {@code warm}, or {@code auto} (cold when dropping caches is
     * permitted here, else warm).
     *
     * @throws IOException when {@code cold} was asked for and is not permitted
     */
    public static CacheControl choose(String requested) throws IOException, InterruptedException {
        switch (requested) {
            case "warm":
                return new CacheControl(false, "asked for with --cache warm");
            case "cold":
                if (!dropCaches()) {
                    throw new IOException("cannot write " + DROP_CACHES + " (not root, or a read-only /proc): use --cache warm");
                }
                return new CacheControl(true, "asked for with --cache cold");
            case "auto":
                return dropCaches() ? new CacheControl(true, "dropping caches is permitted here")
                        : new CacheControl(false, "dropping caches is not permitted here");
            default:
                throw new IllegalArgumentException("--cache must be auto, cold or warm, was " + requested);
        }
    }

    /** {@return the cache state, as the report states it} */
    public String description() {
        return (cold ? "cold: sync + echo 3 > /proc/sys/vm/drop_caches before every metered step, for every tool"
                : "warm: the step's input read once just before every metered step, the same for every tool")
                + " (" + why + ")";
    }

    /** Brings the cache to the chosen state before a step that reads {@code inputs}. */
    public void beforeStep(List<Path> inputs) throws IOException, InterruptedException {
        if (cold) {
            if (!dropCaches()) {
                throw new IOException("dropping caches stopped working during the run");
            }
            return;
        }
        byte[] buffer = new byte[1 << 20];
        for (Path input : inputs) {
            try (Stream<Path> files = Files.walk(input)) {
                for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                    try (InputStream in = Files.newInputStream(file)) {
                        while (in.read(buffer) > 0) {
                            // reading is the point: it pulls the file into the page cache
                        }
                    }
                }
            }
        }
    }

    private static boolean dropCaches() throws IOException, InterruptedException {
        new ProcessBuilder("sync").inheritIO().start().waitFor();
        try {
            Files.writeString(DROP_CACHES, "3\n");
            return true;
        } catch (IOException | SecurityException e) {
            return false;
        }
    }
}
