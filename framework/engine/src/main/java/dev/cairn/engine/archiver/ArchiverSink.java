package dev.cairn.engine.archiver;

import dev.cairn.engine.repository.BackupWriter;
import dev.cairn.engine.repository.RepositoryException;
import dev.cairn.engine.repository.StoredContent;
import dev.cairn.engine.snapshot.ChunkRef;
import dev.cairn.engine.snapshot.ManifestItem;
import dev.cairn.framework.Cancellation;
import dev.cairn.framework.Issue;
import dev.cairn.framework.strategy.Strategy;
import dev.cairn.framework.unit.ChunkingPolicy;
import dev.cairn.framework.unit.FileMetadata;
import dev.cairn.framework.unit.Item;
import dev.cairn.framework.unit.ItemSink;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The {@link ItemSink} one unit streams into during a backup. Directories and links are recorded at
 * once; a file is taken from the baseline unread when the strategy allows, otherwise stored by a task
 * on the shared pool (at most {@code maxInFlight} at a time, so memory stays bounded). Call
 * {@link #finish()} after the unit returns to wait for its tasks and collect its items.
 */
final class ArchiverSink implements ItemSink {

    private final String unitId;
    private final Path installRoot;
    private final Strategy strategy;
    private final Map<String, ManifestItem> baseline;
    private final BackupWriter writer;
    private final ChunkingPolicy unitChunking;
    private final ExecutorService pool;
    private final Semaphore inFlight;
    private final int maxInFlight;
    private final Cancellation cancellation;
    private final BackupListener listener;
    private final Stats stats;
    private final java.time.Clock clock;

    /**
     * File times this close to the moment they are recorded are not trusted for a later reuse: a write in
     * the same clock tick as the reading would leave them unchanged (git's "racy clean" problem).
     */
    static final long RACY_WINDOW_NANOS = 2_000_000_000L;
    /**
     * Files a unit may have queued or being stored at once, per storing thread. A queued file holds no
     * buffer, and a deep queue gives {@link PageCacheWarmer} files to read ahead of the storing threads.
     */
    static final int FILES_IN_FLIGHT_PER_WORKER = 8;

    private final List<ManifestItem> items = new ArrayList<>();
    private final List<Issue> issues = new ArrayList<>();
    /** Items whose content was taken unchanged from the baseline, by identity (guarded by this). */
    private final Set<ManifestItem> carriedOver = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    private final AtomicReference<Throwable> storageFailure = new AtomicReference<>();

    /** Counters shared by all units of one backup. */
    static final class Stats {
        final AtomicLong filesRead = new AtomicLong();
        final AtomicLong filesReused = new AtomicLong();
        final AtomicLong bytesRead = new AtomicLong();
        final AtomicLong bytesReused = new AtomicLong();
    }

    ArchiverSink(String unitId, Path installRoot, Strategy strategy, Map<String, ManifestItem> baseline, BackupWriter writer,
                 ChunkingPolicy unitChunking, ExecutorService pool, int maxInFlight, Cancellation cancellation,
                 BackupListener listener, Stats stats, java.time.Clock clock) {
        this.clock = clock;
        this.unitId = unitId;
        this.installRoot = installRoot;
        this.strategy = strategy;
        this.baseline = baseline;
        this.writer = writer;
        this.unitChunking = unitChunking;
        this.pool = pool;
        this.maxInFlight = maxInFlight;
        this.inFlight = new Semaphore(maxInFlight);
        this.cancellation = cancellation;
        this.listener = listener;
        this.stats = stats;
    }

    @Override
    public void accept(Item item) throws IOException {
        cancellation.throwIfCancelled();
        failIfStorageBroke();
        FileMetadata m = item.metadata();
        switch (item) {
            case Item.Directory d -> add(new ManifestItem(d.path(), unitId, ManifestItem.DIR, 0, null, m.mode(),
                    m.mtimeNanos(), m.ctimeNanos(), m.inode(), null, null, null));
            case Item.Symlink s -> add(new ManifestItem(s.path(), unitId, ManifestItem.SYMLINK, 0,
                    sha256(s.target().getBytes(StandardCharsets.UTF_8)), m.mode(), m.mtimeNanos(), m.ctimeNanos(),
                    m.inode(), s.target(), null, null));
            case Item.File f -> acceptFile(f);
        }
    }

    private void acceptFile(Item.File f) throws IOException {
        ManifestItem before = baseline.get(f.path());
        if (before != null && ManifestItem.FILE.equals(before.type()) && safeMayReuse(before, f.metadata())) {
            addCarriedOver(fileItem(f, before.size(), before.sha256(), before.chunks(), before.chunkLists(), before.hashState()));
            stats.filesReused.incrementAndGet();
            stats.bytesReused.addAndGet(before.size());
            quietly(() -> listener.reused(f.path(), before.size()));
            return;
        }
        try {
            inFlight.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting to store " + f.path(), e);
        }
        if (!mayStoreTailOnly(f, before)) { // an appended log is read from its previous end only
            PageCacheWarmer.warmLater(installRoot.resolve(f.path()), f.metadata().size());
        }
        pool.execute(() -> {
            try {
                storeFile(f, before);
            } catch (Throwable t) {
                storageFailure.compareAndSet(null, t);
            } finally {
                inFlight.release();
            }
        });
    }

    private boolean safeMayReuse(ManifestItem before, FileMetadata now) {
        FileMetadata then = new FileMetadata(before.comparableSize(), before.mode(), before.mtimeNs(), before.ctimeNs(), before.inode());
        try {
            return strategy.mayReuse(then, now);
        } catch (RuntimeException e) {
            report(Issue.warning(unitId, null, "strategy " + strategy.id() + " failed in mayReuse (" + e + "); reading the file"));
            return false;
        }
    }

    private void storeFile(Item.File f, ManifestItem before) throws IOException {
        ChunkingPolicy chunking = f.chunking() != null ? f.chunking() : unitChunking;
        quietly(() -> listener.itemStarted(f.path(), f.metadata().size()));
        try {
            StoredContent stored = null;
            if (mayStoreTailOnly(f, before)) {
                stored = storeTail(f, before, chunking).orElse(null);
            }
            if (stored == null) {
                writer.preparePageDictionary(f.content(), f.metadata().size(), chunking);   // the writer decides whether it applies
                try (SourceStream in = new SourceStream(openSource(f))) {
                    StoredContent content = writer.store(in, chunking, f.appendOnly(), progressOf());
                    in.throwIfFailed();
                    stored = content;
                    stats.bytesRead.addAndGet(in.count());
                }
            }
            stats.filesRead.incrementAndGet();
            add(fileItem(f, stored));
        } catch (SourceReadException e) {
            // Only a failure of the item's source lands here; the same exception from the repository is a storage failure.
            if (e.getCause() instanceof NoSuchFileException) {
                report(Issue.warning(unitId, f.path(), "vanished before it could be read; not in this snapshot"));
            } else {
                report(Issue.error(unitId, f.path(), "could not be read (" + e.getMessage() + "); not in this snapshot"));
            }
        } finally {
            quietly(() -> listener.itemFinished(f.path()));
        }
    }

    /** {@return whether only the tail of {@code f} after {@code before}'s end may need reading (an append-only file grown in place)} */
    private static boolean mayStoreTailOnly(Item.File f, ManifestItem before) {
        return f.appendOnly() && before != null && before.hashState() != null && before.inode() == f.metadata().inode()
                && f.metadata().size() >= before.size();
    }

    private InputStream openSource(Item.File f) throws IOException {
        try {
            return f.content().open();
        } catch (IOException e) {
            throw new SourceReadException(e);
        }
    }

    /** Reads only the tail of an append-only file whose previous end is unchanged. */
    private Optional<StoredContent> storeTail(Item.File f, ManifestItem before, ChunkingPolicy chunking) throws IOException {
        List<ChunkRef> previousChunks;
        try {
            previousChunks = writer.chunksOf(before);
        } catch (RepositoryException e) {
            report(Issue.warning(unitId, f.path(), "the previous version's chunk list cannot be read (" + e.getMessage()
                    + "); reading the whole file"));
            return Optional.empty();
        }
        StoredContent previous = new StoredContent(before.size(), before.sha256(), previousChunks,
                before.chunkLists() == null ? List.of() : before.chunkLists(), Base64.getDecoder().decode(before.hashState()));
        SourceChannel channel;
        try {
            // the item is a regular file: never follow a link that replaced it since it was listed
            channel = new SourceChannel(FileChannel.open(installRoot.resolve(f.path()), StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS));
        } catch (IOException e) {
            throw new SourceReadException(e);
        }
        try (channel) {
            long startSize = channel.size();
            Optional<StoredContent> stored = writer.storeAppended(previous, channel, chunking, progressOf());
            channel.throwIfFailed();
            stored.ifPresent(s -> stats.bytesRead.addAndGet(Math.max(0, s.size() - before.size())));
            if (stored.isPresent() && stored.get().size() != startSize) {
                report(Issue.warning(unitId, f.path(), "grew while being read; stored the first " + stored.get().size() + " bytes"));
            }
            return stored;
        }
    }

    private dev.cairn.framework.ProgressListener progressOf() {
        return new dev.cairn.framework.ProgressListener() {
            @Override
            public void bytesProcessed(long bytes) {
                quietly(() -> listener.bytesProcessed(bytes));
            }
        };
    }

    private ManifestItem fileItem(Item.File f, StoredContent stored) {
        boolean listed = !stored.chunkLists().isEmpty();
        return fileItem(f, stored.size(), stored.sha256(), listed ? null : stored.chunks(), listed ? stored.chunkLists() : null,
                stored.hashState() == null ? null : Base64.getEncoder().encodeToString(stored.hashState()));
    }

    /**
     * {@return the item of a file with this content and the file's metadata}
     *
     * @param chunks     the chunks when the manifest lists them, else {@code null}
     * @param chunkLists the chunk-list blobs holding them otherwise, else {@code null}
     */
    private ManifestItem fileItem(Item.File f, long size, String sha256, List<ChunkRef> chunks, List<String> chunkLists,
                                  String hashState) {
        FileMetadata m = f.metadata();
        java.time.Instant now = clock.instant();
        long nowNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        boolean racy = nowNanos - m.mtimeNanos() < RACY_WINDOW_NANOS || nowNanos - m.ctimeNanos() < RACY_WINDOW_NANOS;
        // A racy time is recorded as an unknown change time, which never matches: the next backup reads the file.
        long ctime = racy ? -1 : m.ctimeNanos();
        return new ManifestItem(f.path(), unitId, ManifestItem.FILE, size, sha256, m.mode(),
                m.mtimeNanos(), ctime, m.inode(), null, chunks, hashState, m.size() == size ? null : m.size(), chunkLists);
    }

    private synchronized void add(ManifestItem item) {
        items.add(item);
    }

    /** Adds an item whose content was taken unchanged from the baseline. */
    private synchronized void addCarriedOver(ManifestItem item) {
        carriedOver.add(item);
        items.add(item);
    }

    @Override
    public void report(Issue issue) {
        synchronized (this) {
            issues.add(issue);
        }
        quietly(() -> listener.issue(issue));
    }

    /**
     * Waits for this unit's pending stores.
     *
     * @return the unit's items and issues
     * @throws IOException when storing failed: the backup must not commit
     */
    Collected finish() throws IOException {
        inFlight.acquireUninterruptibly(maxInFlight);
        inFlight.release(maxInFlight);
        failIfStorageBroke();
        synchronized (this) {
            return new Collected(List.copyOf(items), List.copyOf(issues), carriedOver);
        }
    }

    /**
     * A unit's items and issues.
     *
     * @param carriedOver the items (by identity) whose content was taken unchanged from the baseline
     */
    record Collected(List<ManifestItem> items, List<Issue> issues, Set<ManifestItem> carriedOver) { }

    private void failIfStorageBroke() throws IOException {
        Throwable t = storageFailure.get();
        if (t == null) {
            return;
        }
        if (t instanceof IOException io) {
            throw new IOException("storing into the repository failed: " + io.getMessage(), io);
        }
        if (t instanceof RuntimeException re) {
            throw re;
        }
        if (t instanceof Error error) { // out of heap in a storing task: the command reports it as such (exit 17)
            throw error;
        }
        throw new IOException("storing into the repository failed: " + t, t);
    }

    private static void quietly(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException ignored) {
            // a listener never fails a run
        }
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
