package dev.cairn.engine.repository.internal;

import dev.cairn.engine.snapshot.ChunkRef;
import dev.cairn.engine.repository.RepositoryException;
import dev.cairn.framework.CairnException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.util.ArrayDeque;
import java.util.ArrayList;
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
 * <p>The stream reads ahead: up to {@value #AHEAD_CHUNKS} chunks and {@value #AHEAD_BYTES} bytes beyond
 * the one being returned are read and decoded on the repository's reader pool, so reading the packs (a
 * cold cache wants several reads in flight), decrypting and decompressing overlap with what the caller
 * does with the bytes (hashing and writing, for a restore). Consecutive chunks whose blobs lie close
 * together in one pack (a database's one-page chunks, appended about in file order) are read as runs of
 * up to {@value #RUN_BLOBS} blobs within {@value #RUN_BYTES} stored bytes, one positional read and one
 * task each: a blob at a time, a restore of a 250 MB database paid a read, a size check and a hand-off
 * between threads for each of its 60,000 pages. The packs it reads stay open until the stream is closed.
 */
final class ContentStream extends InputStream {

    static final int AHEAD_CHUNKS = 256;
    static final long AHEAD_BYTES = 8L << 20;
    static final int RUN_BLOBS = 32;
    static final int RUN_BYTES = 256 << 10;
    static final int RUN_GAP_BYTES = 64 << 10;

    private final FileRepository repository;
    private final List<ChunkRef> chunks;
    private final ExecutorService readers;
    private final ArrayDeque<Ahead> ahead = new ArrayDeque<>();
    private final Map<String, FileChannel> packs = new HashMap<>();
    private int scheduled;
    /** Read tasks started (runs of one or more chunks). */
    private int reads;
    /** The location of chunk {@link #scheduled}, found while looking for the end of the previous run. */
    private BlobLocation located;
    private long aheadBytes;
    private byte[] current = new byte[0];
    /** What made a read fail: every later read fails with it too. */
    private RuntimeException failure;
    private int pos;
    private boolean closed;

    /** A chunk being read on the pool: slot {@code slot} of the run {@code run}. */
    private record Ahead(ChunkRef ref, Future<Run> run, int slot) { }

    /**
     * What one read task decoded: the plaintexts of its blobs in order, up to {@code failedAt}, where
     * {@code failure} stopped it ({@code failedAt} is the run's length when nothing failed).
     */
    private record Run(byte[][] plain, int failedAt, RuntimeException failure) {
        /** {@return a run that failed before its first blob} */
        static Run failed(RuntimeException failure) {
            return new Run(new byte[0][], 0, failure);
        }
    }

    /** The blobs of consecutive chunks gathered for one read: one pack, within {@link #RUN_BYTES}. */
    private static final class Gathered {
        final List<BlobLocation> blobs = new ArrayList<>();
        /** Where the gathered blobs start and end in their pack. */
        long start = Long.MAX_VALUE;
        long end = Long.MIN_VALUE;
        /** The gathered blobs' own stored bytes (the rest of {@code [start, end)} is other blobs'). */
        long own;

        /**
         * Adds {@code next} if it joins (the first always does): same pack, and the span with it stays
         * within {@value #RUN_BYTES} with at most {@value #RUN_GAP_BYTES} of it other blobs'. Blob workers
         * append a file's chunks to the pack in about, not exactly, their order, between other files' blobs.
         * {@return whether it joined}
         */
        boolean add(BlobLocation next) {
            long from = Math.min(start, next.offset());
            long to = Math.max(end, next.offset() + next.storedLength());
            if (!blobs.isEmpty() && (!next.pack().equals(blobs.getFirst().pack())
                    || to - from > RUN_BYTES || to - from - own - next.storedLength() > RUN_GAP_BYTES)) {
                return false;
            }
            blobs.add(next);
            start = from;
            end = to;
            own += next.storedLength();
            return true;
        }
    }

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
            if (failure != null) {
                throw failure; // a stream that failed never looks like one that ended
            }
            scheduleAhead();
            Ahead next = ahead.poll();
            if (next == null) {
                return false;
            }
            aheadBytes -= next.ref().length();
            try {
                current = await(next);
            } catch (RuntimeException e) {
                failure = e;
                throw e;
            }
            pos = 0;
            scheduleAhead();
        }
        return true;
    }

    /**
     * Starts reading the next runs of chunks while the window has room for a whole run (always at least
     * one chunk): refilled a chunk at a time, every run would be one chunk long.
     */
    private void scheduleAhead() {
        while (scheduled < chunks.size() && (ahead.isEmpty() || ahead.size() + RUN_BLOBS <= AHEAD_CHUNKS
                && aheadBytes + chunks.get(scheduled).length() <= AHEAD_BYTES)) {
            int first = scheduled;
            Gathered run = new Gathered();
            RuntimeException unlocated = null;
            while (scheduled < chunks.size() && run.blobs.size() < RUN_BLOBS && ahead.size() + run.blobs.size() < AHEAD_CHUNKS
                    && (run.blobs.isEmpty() || aheadBytes + chunks.get(scheduled).length() <= AHEAD_BYTES)) {
                BlobLocation loc;
                try {
                    loc = located != null ? located : locate(chunks.get(scheduled), scheduled);
                } catch (RuntimeException e) {
                    unlocated = e;
                    break;
                }
                located = null;
                if (!run.add(loc)) {
                    located = loc;
                    break;
                }
                aheadBytes += chunks.get(scheduled).length();
                scheduled++;
            }
            if (!run.blobs.isEmpty()) {
                submit(first, run);
            }
            if (unlocated != null) {
                // reported when the caller reaches this chunk, after the bytes before it
                ahead.add(new Ahead(chunks.get(scheduled), CompletableFuture.completedFuture(Run.failed(unlocated)), 0));
                aheadBytes += chunks.get(scheduled).length();
                scheduled = chunks.size();
            }
        }
    }

    private void submit(int first, Gathered run) {
        Future<Run> task;
        try {
            FileChannel channel = channel(run.blobs.getFirst().pack());
            task = readers.submit(() -> read(first, run, channel));
            reads++;
        } catch (RuntimeException e) {
            task = CompletableFuture.completedFuture(Run.failed(e));
            scheduled = chunks.size();
        }
        for (int i = 0; i < run.blobs.size(); i++) {
            ahead.add(new Ahead(chunks.get(first + i), task, i));
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

    /**
     * Reads a run's blobs with one read of their span and decodes them in chunk order (reader pool;
     * positional reads on a shared channel are safe); stops at the first that fails, keeping the ones
     * before it.
     */
    private Run read(int first, Gathered run, FileChannel channel) {
        List<BlobLocation> blobs = run.blobs;
        byte[][] plain = new byte[blobs.size()][];
        int i = 0;
        try {
            byte[] stored = repository.readStored(blobs.getFirst().pack(), run.start, run.end, channel);
            for (; i < blobs.size(); i++) {
                BlobLocation loc = blobs.get(i);
                ChunkRef ref = chunks.get(first + i);
                int earlier = earlierSlotOf(blobs, i);
                // a blob the file holds twice (two equal pages) is decrypted in place once, then shared
                plain[i] = earlier >= 0 ? plain[earlier] : repository.decodeBlob(loc, stored, (int) (loc.offset() - run.start), channel);
                if (plain[i].length != ref.length()) {
                    throw RepositoryException.corrupt("blob " + ref.id() + " has " + plain[i].length + " bytes, the chunk list says "
                            + ref.length(), FileRepository.packWhere(loc.pack()));
                }
            }
            return new Run(plain, i, null);
        } catch (RuntimeException e) {
            return new Run(plain, i, e);
        }
    }

    /** {@return the slot before {@code i} that holds the same blob as slot {@code i}, or -1} */
    private static int earlierSlotOf(List<BlobLocation> run, int i) {
        for (int k = 0; k < i; k++) {
            if (run.get(k).offset() == run.get(i).offset()) {
                return k;
            }
        }
        return -1;
    }

    /** {@return the chunk's plaintext, waiting for its run; the run's failure when the chunk was not decoded} */
    private static byte[] await(Ahead next) {
        Run run;
        try {
            run = next.run().get();
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
        if (next.slot() >= run.failedAt()) {
            throw run.failure();
        }
        byte[] plain = run.plain()[next.slot()];
        run.plain()[next.slot()] = null; // the run's other chunks may wait longer: this one's bytes are the caller's now
        return plain;
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
        return next != null && next.run().state() == Future.State.SUCCESS && next.slot() < next.run().resultNow().failedAt();
    }

    /** Stops the reads still ahead, waits for them, then closes the packs. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Ahead a : ahead) {
            a.run().cancel(false);
        }
        for (Ahead a : ahead) {
            try {
                a.run().get();
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

    /** {@return how many reads (runs of adjacent blobs, or single blobs) this stream has started} */
    int reads() {
        return reads;
    }

    @Override
    public int available() {
        return current.length - pos;
    }
}
