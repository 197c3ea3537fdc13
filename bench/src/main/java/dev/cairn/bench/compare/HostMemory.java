package dev.cairn.bench.compare;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Keeps memory the guest frees with the guest for the length of a comparison, the same for every tool.
 *
 * <p>On a virtual machine with free page reporting (virtio-balloon), free guest memory is handed back to
 * the host, and the next first touch of it costs a fault on the host: here writing 3 GiB into tmpfs took
 * 1.2-2.7 s right after the same memory had been freed and 8-9 s once it had been free for a minute.
 * Every metered step starts right after {@code drop_caches} has freed the page cache, so which tool paid
 * for that depended on the order of the steps and the timing of the host's reports, not on the tool
 * (docs/PERFORMANCE.md, "Host memory and steal time"). When the kernel lets us, the reporting is paused for the run by
 * raising {@code page_reporting_order} above the largest block the page allocator has, then put back;
 * before the first step a few GiB are touched once in tmpfs, so that the memory the steps take first
 * is the host's already. The value it replaces is also written to a note in the work directory, so that
 * a run killed before it could put the setting back (SIGKILL skips the shutdown hook) is repaired by the
 * next run, which puts back the noted value instead of the paused one it finds.
 */
final class HostMemory implements AutoCloseable {

    private static final Path ORDER = Path.of("/sys/module/page_reporting/parameters/page_reporting_order");
    /** Larger than any order of the page allocator (MAX_PAGE_ORDER is 10 on x86-64): no free block qualifies. */
    private static final String PAUSED = "11";
    private static final Path TMPFS = Path.of("/dev/shm");
    private static final long TOUCH_BYTES = 6L << 30;

    private final Path order;
    private final Path note;
    private final String previous;
    private final String why;
    private final Thread restoreOnExit;

    private HostMemory(Path order, Path note, String previous, String why) {
        this.order = order;
        this.note = note;
        this.previous = previous;
        this.why = why;
        this.restoreOnExit = previous == null ? null : new Thread(this::restore, "restore-page-reporting");
        if (restoreOnExit != null) {
            Runtime.getRuntime().addShutdownHook(restoreOnExit);
        }
    }

    /**
     * Chooses the mode: {@code hold} (pause the reporting; fails where it cannot), {@code as-is}, or
     * {@code auto} (hold where this machine reports free pages and the setting may be written).
     *
     * @param workDir where the note of the replaced value is kept while the run lasts
     */
    static HostMemory choose(String requested, Path workDir) throws IOException {
        return choose(requested, ORDER, workDir.resolve("host-memory.previous"), TOUCH_BYTES);
    }

    /** {@link #choose(String, Path)} with the setting's file, the note and the bytes to touch given. */
    static HostMemory choose(String requested, Path order, Path note, long touchBytes) throws IOException {
        switch (requested) {
            case "as-is":
                return new HostMemory(order, note, null, "as the machine has it (asked for with --host-memory as-is)");
            case "hold":
            case "auto":
                String found = readTrimmed(order);
                if (found == null || !Files.isWritable(order)) {
                    if (requested.equals("hold")) {
                        throw new IOException("cannot pause free page reporting: " + order + " is missing or not writable");
                    }
                    return new HostMemory(order, note, null, "as the machine has it (no free page reporting to pause here, or not permitted)");
                }
                String noted = PAUSED.equals(found) ? readTrimmed(note) : null;
                String previous = noted != null ? noted : found;
                Files.writeString(note, previous);
                Files.writeString(order, PAUSED);
                String before = noted != null ? previous + " (noted by a run that ended without putting it back; found " + found + ")"
                        : PAUSED.equals(found) ? found + " (paused before this run, by something else: left so)" : previous;
                HostMemory held = new HostMemory(order, note, previous, "free page reporting to the host paused for the run ("
                        + "page_reporting_order " + before + " -> " + PAUSED + ", put back after), " + (touchBytes >> 30)
                        + " GiB touched once before the first step");
                try {
                    held.touch(touchBytes);
                } catch (IOException | RuntimeException e) {
                    held.close();
                    throw e;
                }
                return held;
            default:
                throw new IllegalArgumentException("--host-memory must be auto, hold or as-is, was " + requested);
        }
    }

    /** {@return the host-memory state, as the report states it} */
    String description() {
        return why;
    }

    @Override
    public void close() {
        if (restoreOnExit != null) {
            restore();
            try {
                Runtime.getRuntime().removeShutdownHook(restoreOnExit);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down: the hook restores it
            }
        }
    }

    private synchronized void restore() {
        try {
            Files.writeString(order, previous);
            Files.deleteIfExists(note);
        } catch (IOException e) {
            System.err.println("compare: could not put " + order + " back to " + previous + ": " + e.getMessage());
        }
    }

    /** {@return the trimmed content of a small file, or {@code null} when it is missing, unreadable or blank} */
    private static String readTrimmed(Path file) {
        try {
            String value = Files.isRegularFile(file) ? Files.readString(file).trim() : "";
            return value.isEmpty() ? null : value;
        } catch (IOException e) {
            return null;
        }
    }

    /** Writes and deletes a file of zeros in tmpfs, where there is room for it; without tmpfs the first steps pay instead. */
    private void touch(long bytes) throws IOException {
        if (bytes <= 0 || !Files.isDirectory(TMPFS) || Files.getFileStore(TMPFS).getUsableSpace() < 2 * bytes) {
            return;
        }
        Path file = Files.createTempFile(TMPFS, "cairn-bench-touch", ".bin");
        try (OutputStream out = Files.newOutputStream(file)) {
            byte[] zeros = new byte[1 << 20];
            for (long written = 0; written < bytes; written += zeros.length) {
                out.write(zeros);
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
