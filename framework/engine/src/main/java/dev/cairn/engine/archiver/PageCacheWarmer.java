package dev.cairn.engine.archiver;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Reads small files that wait in the store pool's queue into the page cache, several at a time, so the
 * storing thread that takes one later finds its bytes cached instead of waiting for the device. The two
 * storing threads each waited for the device once a file: reading the benchmark's 5,000 uploads and
 * transcripts cold took 0.95 s one file at a time, 0.61 s two at a time and 0.38 s eight at a time on the
 * benchmark machine, and the two cores were a third idle while that unit was stored (docs/PERFORMANCE.md).
 * Large files are left alone: they are read past the page cache ({@code O_DIRECT}) with a read-ahead of
 * their own. Small files are read through the page cache anyway, so warming caches nothing more.
 */
final class PageCacheWarmer {

    /** Files larger than this are not warmed. */
    static final long MAX_BYTES = 2L << 20;
    /** Reads in flight at most: with the two storing threads' own, eight (measured above). */
    static final int THREADS = 6;
    private static final int SCRATCH_BYTES = 128 << 10;
    private static final ThreadLocal<ByteBuffer> SCRATCH = ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(SCRATCH_BYTES));
    private static final ThreadPoolExecutor READERS = readers();

    private PageCacheWarmer() {
    }

    /** Queues {@code file} (of {@code size} bytes as listed) to be read into the page cache, unless it is large. */
    static void warmLater(Path file, long size) {
        if (size > 0 && size <= MAX_BYTES) {
            READERS.execute(() -> warm(file, size));
        }
    }

    /**
     * Reads {@code file} (at most {@code size} bytes) and drops what it read. Any failure is ignored: the
     * storing thread opens the file itself and reports what it finds.
     */
    private static void warm(Path file, long size) {
        ByteBuffer scratch = SCRATCH.get();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            for (long read = 0; read < size; ) {
                scratch.clear();
                int n = channel.read(scratch);
                if (n < 0) {
                    break;
                }
                read += n;
            }
        } catch (IOException e) {
            // vanished, replaced or unreadable: the storing thread meets the same and says so
        }
    }

    /** Daemon threads, made on demand and gone after ten idle seconds. */
    private static ThreadPoolExecutor readers() {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(THREADS, THREADS, 10, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), task -> {
            Thread t = new Thread(task, "cairn-prefetch");
            t.setDaemon(true);
            return t;
        });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
