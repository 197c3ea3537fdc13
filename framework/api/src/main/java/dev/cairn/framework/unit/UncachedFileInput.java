package dev.cairn.framework.unit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Reads a large file past the page cache ({@code O_DIRECT}), so backing up a model or a log of hundreds
 * of megabytes neither evicts what the application keeps cached nor costs the kernel the work of
 * caching bytes that are read once: every cold buffered read allocates a page-cache page per 4 KiB
 * and copies out of it, which measured 0.14-1.56 s of system time for 1.5 GB on the benchmark machine
 * right after its caches were dropped, against 0.14-0.21 s read directly (docs/PERFORMANCE.md).
 *
 * <p>Reads go in {@value #BLOCK}-byte requests into aligned direct buffers (from a small pool) and are
 * copied out to the caller, as a buffered {@link java.nio.channels.FileChannel} read of a heap array
 * copies from its temporary direct buffer. A direct read has no kernel read-ahead, so the stream keeps
 * one read of its own in flight: while the caller drains one block, a read-ahead thread reads the next
 * into a second buffer (the caller would otherwise wait for the device once a block: ~0.7 ms a MiB on
 * the benchmark machine, as long as hashing and chunking that MiB). Files smaller than
 * {@value #MIN_SIZE} bytes, and every file where direct I/O is refused (a file system without it, a
 * device that refuses the first read, a JDK without the option), are read through the page cache as
 * before. Opening never follows a symbolic link.
 */
final class UncachedFileInput extends InputStream {

    /** Files smaller than this are read through the page cache: small files are often read again soon. */
    static final long MIN_SIZE = 8L << 20;
    /** The size of each direct read, a multiple of every device's logical block size. */
    static final int BLOCK = 1 << 20;
    /** The alignment of the buffer: a multiple of every common logical block size (512 and 4096 bytes). */
    private static final int ALIGNMENT = 4096;
    private static final OpenOption DIRECT = directOption();
    private static final ConcurrentLinkedQueue<ByteBuffer> POOL = new ConcurrentLinkedQueue<>();
    /** Reads the next block of each open stream; daemon threads, made on demand, gone after a minute idle. */
    private static final ExecutorService READ_AHEAD = Executors.newCachedThreadPool(task -> {
        Thread t = new Thread(task, "cairn-read-ahead");
        t.setDaemon(true);
        return t;
    });

    private final FileChannel channel;
    /** The block the caller is draining; {@code null} once closed. */
    private ByteBuffer buffer;
    /** The buffer the read-ahead fills (or filled), {@code null} once closed. */
    private ByteBuffer spare;
    /** The read of the next block into {@link #spare}: whether that block is the file's last; {@code null}: none. */
    private Future<Boolean> ahead;
    /** The file position of the next block to read. */
    private long position;
    /** Whether the block in {@link #buffer} is the file's last. */
    private boolean eof;

    private UncachedFileInput(FileChannel channel, ByteBuffer buffer, ByteBuffer spare) {
        this.channel = channel;
        this.buffer = buffer;
        this.spare = spare;
    }

    /**
     * {@return a stream over {@code file}: read past the page cache when it is at least
     * {@value #MIN_SIZE} bytes and direct I/O is available, through the page cache otherwise}
     *
     * @param size the file's size as listed (only chooses how it is read)
     * @throws IOException as {@link Files#newInputStream} throws it (a vanished file: NoSuchFileException)
     */
    static InputStream open(Path file, long size) throws IOException {
        return open(file, size, DIRECT);
    }

    /** {@link #open(Path, long)} with the option that asks for direct I/O ({@code null}: there is none). */
    static InputStream open(Path file, long size, OpenOption direct) throws IOException {
        if (direct == null || size < MIN_SIZE) {
            return Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS);
        }
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS, direct);
        } catch (IOException | UnsupportedOperationException e) {
            // refused (EINVAL on a file system without direct I/O) or a real failure, which the plain open reports
            return Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS);
        }
        UncachedFileInput in = new UncachedFileInput(channel, pooledBuffer(), pooledBuffer());
        try {
            in.eof = in.readBlock(in.buffer); // the first block now: a device that refuses this alignment is read the plain way instead
        } catch (IOException e) {
            in.close();
            return Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS);
        }
        in.readAhead();
        return in;
    }

    private static ByteBuffer pooledBuffer() {
        ByteBuffer b = POOL.poll();
        return b != null ? b : ByteBuffer.allocateDirect(BLOCK + ALIGNMENT).alignedSlice(ALIGNMENT);
    }

    @Override
    public int read() throws IOException {
        if (buffer == null) {
            throw new IOException("stream closed");
        }
        return buffer.hasRemaining() || fill() ? buffer.get() & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (buffer == null) {
            throw new IOException("stream closed");
        }
        if (len == 0) {
            return 0;
        }
        if (!buffer.hasRemaining() && !fill()) {
            return -1;
        }
        int n = Math.min(len, buffer.remaining());
        buffer.get(b, off, n);
        return n;
    }

    /** Starts reading the block after the one in {@link #buffer} into {@link #spare}, unless that one is the last. */
    private void readAhead() {
        if (!eof) {
            ByteBuffer target = spare;
            ahead = READ_AHEAD.submit(() -> readBlock(target));
        }
    }

    /**
     * Makes the block read ahead the current one and starts reading the next; {@return false at the end
     * of the file}
     */
    private boolean fill() throws IOException {
        if (ahead == null) {
            return false;
        }
        boolean last;
        try {
            last = ahead.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while reading ahead");
        } catch (ExecutionException e) {
            // the failed read stays pending: every later read fails the same way instead of seeing an end
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IOException(cause);
        }
        ahead = null;
        ByteBuffer drained = buffer;
        buffer = spare;
        spare = drained;
        eof = last;
        readAhead();
        return buffer.hasRemaining();
    }

    /**
     * Reads the block at {@link #position} into {@code target} and advances the position (the caller's
     * thread for the first block, the read-ahead thread after it; never both at once); {@return whether
     * it is the file's last block}
     */
    private boolean readBlock(ByteBuffer target) throws IOException {
        target.clear();
        boolean last = false;
        // whole blocks at block-aligned positions: the last one comes back short, the file's end
        while (target.hasRemaining()) {
            if (channel.read(target, position + target.position()) < 0) {
                last = true;
                break;
            }
            if (target.position() % ALIGNMENT != 0) {
                last = true; // a short read that ends off a block boundary is the file's end
                break;
            }
        }
        position += target.position();
        target.flip();
        return last;
    }

    @Override
    public int available() {
        return buffer == null ? 0 : buffer.remaining();
    }

    @Override
    public void close() throws IOException {
        if (buffer != null) {
            awaitReadAhead(); // its buffer goes back to the pool only when no read writes into it
            POOL.offer(buffer);
            POOL.offer(spare);
            buffer = null;
            spare = null;
        }
        channel.close();
    }

    /** Waits for a read-ahead in flight to end, whatever its outcome, keeping an interrupt for the caller. */
    private void awaitReadAhead() {
        if (ahead == null) {
            return;
        }
        boolean interrupted = false;
        while (true) {
            try {
                ahead.get();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            } catch (ExecutionException e) {
                break; // the caller is closing: what the read-ahead met no longer matters
            }
        }
        ahead = null;
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static OpenOption directOption() {
        try {
            Class<?> options = Class.forName("com.sun.nio.file.ExtendedOpenOption");
            for (Object option : options.getEnumConstants()) {
                if (((Enum<?>) option).name().equals("DIRECT")) {
                    return (OpenOption) option;
                }
            }
        } catch (ClassNotFoundException | LinkageError e) {
            // not this JDK's: every file is read through the page cache
        }
        return null;
    }
}
