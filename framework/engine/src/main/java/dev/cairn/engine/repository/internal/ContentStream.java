package dev.cairn.engine.repository.internal;

import dev.cairn.engine.snapshot.ChunkRef;
import dev.cairn.engine.repository.RepositoryException;
import dev.cairn.framework.CairnException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * A stored file's content as a stream: each chunk is looked up in the index, read, authenticated,
 * decompressed and checked against its id and length before any of its bytes are returned. A blob
 * missing from the in-memory index makes it re-read {@code index/} once (another process may have
 * committed since this repository was opened).
 *
 * <p>The stream reads ahead: up to {@value #AHEAD_CHUNKS} chunks (many, for files of one-page
 * database chunks, whose per-chunk cost is mostly waiting) and {@value #AHEAD_BYTES} bytes
 * beyond the one being returned are read and decoded on the repository's reader pool, so reading the
 * packs (a cold cache wants several reads in flight), decrypting and decompressing overlap with what
 * the caller does with the bytes (hashing and writing, for a restore). The packs it reads stay open
 * until the stream is closed.
 */
final class ContentStream extends InputStream {

    static final int AHEAD_CHUNKS = 32;
    static final long AHEAD_BYTES = 8L << 20;

    private final FileRepository repository;
    private final List<ChunkRef> chunks;
    private final ExecutorService readers;
    private final ArrayDeque<Ahead> ahead = new ArrayDeque<>();
    private final Map<String, FileChannel> packs = new HashMap<>();
    private int scheduled;
    private long aheadBytes;
    private byte[] current = new byte[0];
    private int pos;
    private boolean closed;

    /** A chunk being read on the pool. */
    private record Ahead(ChunkRef ref, Future<byte[]> plain) { }

    ContentStream(FileRepository repository, List<ChunkRef> chunks, ExecutorService readers) {
        this.repository = repository;
        this.chunks = java.util.Objects.requireNonNull(chunks, "chunks"); // not copied: a database's list may hold a million chunks
        this.readers = readers;
    }

    private boolean advance() {
        while (pos == current.length) {
            if (closed) {
                return false;
            }
            scheduleAhead();
            Ahead next = ahead.poll();
            if (next == null) {
                return false;
            }
            aheadBytes -= next.ref().length();
            current = await(next);
            pos = 0;
            scheduleAhead();
        }
        return true;
    }

    /** Starts reading the next chunks while the window has room (always at least one). */
    private void scheduleAhead() {
        while (scheduled < chunks.size() && ahead.size() < AHEAD_CHUNKS
                && (ahead.isEmpty() || aheadBytes + chunks.get(scheduled).length() <= AHEAD_BYTES)) {
            int index = scheduled++;
            ChunkRef ref = chunks.get(index);
            aheadBytes += ref.length();
            try {
                BlobLocation loc = locate(ref, index);
                FileChannel channel = channel(loc.pack());
                ahead.add(new Ahead(ref, readers.submit(() -> read(loc, channel, ref))));
            } catch (RuntimeException e) {
                // reported when the caller reaches this chunk, after the bytes before it
                ahead.add(new Ahead(ref, CompletableFuture.failedFuture(e)));
                scheduled = chunks.size();
            }
        }
    }

    private BlobLocation locate(ChunkRef ref, int index) {
        if (!Hex.isId(ref.id())) {
            throw RepositoryException.corrupt("chunk id '" + ref.id() + "' is not 64 hex characters", "chunk " + index);
        }
        BlobLocation loc = repository.index().find(Hex.id(ref.id()));
        if (loc == null) {
            repository.refreshIndex();
            loc = repository.index().find(Hex.id(ref.id()));
        }
        if (loc == null) {
            throw RepositoryException.corrupt("blob " + ref.id() + " is in no index (missing data)", "chunk " + index);
        }
        return loc;
    }

    private FileChannel channel(String pack) {
        FileChannel ch = packs.get(pack);
        if (ch == null) {
            ch = repository.openPack(pack);
            packs.put(pack, ch);
        }
        return ch;
    }

    /** Reads and decodes one chunk (reader pool; positional reads on a shared channel are safe). */
    private byte[] read(BlobLocation loc, FileChannel channel, ChunkRef ref) {
        byte[] plain = repository.readBlob(loc, channel);
        if (plain.length != ref.length()) {
            throw RepositoryException.corrupt("blob " + ref.id() + " has " + plain.length + " bytes, the chunk list says " + ref.length(),
                    FileRepository.packWhere(loc.pack()));
        }
        return plain;
    }

    private static byte[] await(Ahead next) {
        try {
            return next.plain().get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new RepositoryException(CairnException.Kind.INTERNAL, "reading blob " + next.ref().id() + " failed: " + e.getCause(),
                    null, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RepositoryException(CairnException.Kind.CANCELLED, "interrupted while reading blob " + next.ref().id());
        }
    }

    @Override
    public int read() {
        if (!advance()) {
            return -1;
        }
        return current[pos++] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        if (!advance()) {
            return -1;
        }
        int n = 0;
        while (true) {
            int k = Math.min(len - n, current.length - pos);
            System.arraycopy(current, pos, b, off + n, k);
            pos += k;
            n += k;
            // Goes on into the next chunks only while they are decoded already: a caller writing what it
            // reads then makes one call per buffer, not one per chunk (one-page database chunks are 4 KiB),
            // and never waits here for bytes it could already be writing.
            if (n == len || !nextIsReady() || !advance()) {
                return n;
            }
        }
    }

    private boolean nextIsReady() {
        Ahead next = ahead.peek();
        // a failed read is reported by the next call, after the bytes before it have been returned
        return next != null && next.plain().state() == Future.State.SUCCESS;
    }

    /** Stops the reads still ahead, waits for them, then closes the packs. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Ahead a : ahead) {
            a.plain().cancel(false);
        }
        for (Ahead a : ahead) {
            try {
                a.plain().get();
            } catch (ExecutionException | java.util.concurrent.CancellationException ignored) {
                // the stream is being closed: what a read ahead found no longer matters
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        ahead.clear();
        for (FileChannel ch : packs.values()) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // read-only channel: nothing to lose
            }
        }
        packs.clear();
        current = new byte[0];
        pos = 0;
    }

    @Override
    public int available() {
        return current.length - pos;
    }
}
