package dev.cairn.engine.audit;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Serializes work on one trail directory across threads (a lock per directory in this JVM) and across
 * processes (an OS file lock on {@code lock}), so two Cairn processes never interleave their appends.
 */
final class TrailLock {

    private static final ConcurrentHashMap<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    /** A held lock; closing releases it. */
    interface Held extends AutoCloseable {
        @Override
        void close() throws IOException;
    }

    private final Path file;
    private final ReentrantLock local;

    TrailLock(Path file) {
        this.file = file.toAbsolutePath().normalize();
        this.local = IN_PROCESS.computeIfAbsent(this.file, p -> new ReentrantLock());
    }

    /** {@return the lock, once both this JVM's and the OS lock are held} */
    Held acquire() throws IOException {
        local.lock();
        FileChannel ch = null;
        try {
            ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock os = ch.lock();
            FileChannel channel = ch;
            return () -> {
                try (channel) {
                    os.release();
                } finally {
                    local.unlock();
                }
            };
        } catch (IOException | RuntimeException e) {
            if (ch != null) {
                ch.close();
            }
            local.unlock();
            throw e;
        }
    }
}
