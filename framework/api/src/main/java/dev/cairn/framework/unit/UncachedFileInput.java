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

/**
 * Reads a large file past the page cache ({@code O_DIRECT}), so backing up a model or a log of hundreds
 * of megabytes neither evicts what the application keeps cached nor costs the kernel the work of
 * caching bytes that are read once: every cold buffered read allocates a page-cache page per 4 KiB
 * and copies out of it, which measured 0.14-1.56 s of system time for 1.5 GB on the benchmark machine
 * right after its caches were dropped, against 0.14-0.21 s read directly (docs/PERFORMANCE.md).
 *
 * <p>Reads go in {@value #BLOCK}-byte requests into an aligned direct buffer (from a small pool) and are
 * copied out to the caller, as a buffered {@link java.nio.channels.FileChannel} read of a heap array
 * copies from its temporary direct buffer. Files smaller than {@value #MIN_SIZE} bytes, and every file
 * where direct I/O is refused (a file system without it, a device that refuses the first read, a JDK
 * without the option), are read through the page cache as before. Opening never follows a symbolic link.
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

    private final FileChannel channel;
    private ByteBuffer buffer;
    private boolean eof;

    private UncachedFileInput(FileChannel channel, ByteBuffer buffer) {
        this.channel = channel;
        this.buffer = buffer;
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
        ByteBuffer buffer = POOL.poll();
        if (buffer == null) {
            buffer = ByteBuffer.allocateDirect(BLOCK + ALIGNMENT).alignedSlice(ALIGNMENT);
        }
        buffer.limit(0);
        UncachedFileInput in = new UncachedFileInput(channel, buffer);
        try {
            in.fill(); // the first block now: a device that refuses this alignment is read the plain way instead
        } catch (IOException e) {
            in.close();
            return Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS);
        }
        return in;
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

    /** Reads the next block; {@return false at the end of the file} */
    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        buffer.clear();
        // whole blocks at block-aligned positions: the last one comes back short, the file's end
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                eof = true;
                break;
            }
            if (buffer.position() % ALIGNMENT != 0) {
                eof = true; // a short read that ends off a block boundary is the file's end
                break;
            }
        }
        buffer.flip();
        return buffer.hasRemaining();
    }

    @Override
    public int available() {
        return buffer == null ? 0 : buffer.remaining();
    }

    @Override
    public void close() throws IOException {
        if (buffer != null) {
            POOL.offer(buffer);
            buffer = null;
        }
        channel.close();
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
