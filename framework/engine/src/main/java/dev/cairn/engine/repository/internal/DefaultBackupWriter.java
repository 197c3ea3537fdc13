package dev.cairn.engine.repository.internal;

import dev.cairn.engine.snapshot.ChunkRef;
import dev.cairn.engine.repository.BackupWriter;
import dev.cairn.engine.repository.RepositoryException;
import dev.cairn.engine.repository.StoredContent;
import dev.cairn.engine.snapshot.Manifest;
import dev.cairn.engine.snapshot.ManifestItem;
import dev.cairn.framework.CairnException;
import dev.cairn.framework.ProgressListener;
import dev.cairn.framework.unit.ChunkingPolicy;
import dev.cairn.framework.unit.ContentSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One backup session. The caller's thread reads and chunks and feeds the whole-file SHA-256; a small
 * pool hashes each chunk into its id, deduplicates, compresses and encrypts it into the worker's
 * reusable buffer and appends it to the current pack (guarded by this object's pack lock); a full pack
 * goes to a single publisher thread that forces, names and renames it, so the workers never wait for
 * the disk. At most {@link #IN_FLIGHT_BYTES} of chunk data and {@link #IN_FLIGHT_CHUNKS} chunks are queued at once.
 *
 * <p>The session's packs are listed in index files published every {@link IndexFile#ENTRIES_PER_FILE}
 * entries and at commit, so the writer holds only the compact session index, not an object per blob.
 *
 * <p>Before its first store the writer adopts orphan packs: packs in {@code data/} that no index lists (left by a
 * crashed or aborted session) whose framing hashes to their name and whose every blob still decodes
 * to its id. Their blobs count as stored, and
 * the index written at commit lists them, so a crashed backup's work is reused.
 */
final class DefaultBackupWriter implements BackupWriter {

    private static final System.Logger LOG = System.getLogger(DefaultBackupWriter.class.getName());
    /** Chunk bytes queued for the blob workers at most (two to eight chunks of the default chunker). */
    static final int IN_FLIGHT_BYTES = 8 << 20;
    /**
     * Chunks queued for the blob workers at most: each is charged at least {@code IN_FLIGHT_BYTES /
     * IN_FLIGHT_CHUNKS} of the budget. Without it a database of 4 KiB pages had 2,048 pages in flight,
     * each with its pooled array, task and id, enough to outlive young collections and be promoted. 256
     * saved a few MiB more but made the backup after a mutation (mostly unchanged pages, each only hashed)
     * ~0.2 s slower (docs/PERFORMANCE.md).
     */
    static final int IN_FLIGHT_CHUNKS = 1024;
    /**
     * A source of a single chunk of at most this many bytes is encoded and packed on the thread that read
     * it, not handed to a blob worker and waited for: for thousands of small files the hand-off and the wait
     * left the storing thread and its worker each idle while the other ran, the two cores a third idle in
     * the benchmark's uploads and transcripts (docs/PERFORMANCE.md). Larger chunks go to the workers, so a
     * storing thread's own encoding buffers stay this small.
     */
    static final int ONE_CHUNK_INLINE_MAX = 1 << 20;
    /**
     * Chunk arrays kept idle at most: as many as can be out at once, those in flight and one being filled
     * by each reading thread. With only {@link #IN_FLIGHT_BYTES} idle, two threads storing files of 1-2 MiB
     * chunks took 66 new 2 MiB arrays in a first backup of the benchmark's install (218 MB of chunk arrays
     * allocated in all, each one long-lived enough to be promoted before the pool dropped it); now 6 (32 MB).
     */
    static final long POOLED_BYTES = 2L * IN_FLIGHT_BYTES;
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final FileRepository repo;
    private final LockManager.Lock lock;
    private final SessionKey session = SessionKey.random();
    /**
     * The packs published since the last index file was written (guarded by {@code claims}); then in the
     * repository's index. The index file is written from it: a list of the session's blob locations kept
     * beside it until then was 65,536 objects and their ids at a first backup's end.
     */
    private volatile CompactIndex sessionIndex = new CompactIndex();
    /** Blobs claimed for storing and not yet in a published pack, by id (guarded by {@code claims}). */
    private final Set<PendingId> pending = new HashSet<>();
    private final Object claims = new Object();
    private final Object packLock = new Object();
    /** Held while a page dictionary is trained, so two files of the same page size train one. */
    private final Object dictionaryLock = new Object();
    /** The dictionary for small chunks, or the samples gathered to train one. */
    private final SmallChunkDictionary smallChunks;
    private final Semaphore inFlight = new Semaphore(IN_FLIGHT_BYTES);
    private final ExecutorService pool;
    /** Chunks on their way to the workers; as many idle as may be in flight. */
    private final ChunkBufferPool chunkBuffers = new ChunkBufferPool(POOLED_BYTES);
    /** Each storing thread's buffer for the small reads of small fixed chunks: one per thread for the session, not one per file. */
    private final ThreadBuffer readBuffers = new ThreadBuffer();
    /** Forces and publishes full packs one after another, so no blob worker waits for the disk. */
    private final ExecutorService publisher;
    private PackWriter pack;
    private volatile Throwable failure;
    private volatile boolean ended;
    /** Whether orphan packs have been looked for (guarded by {@code claims}). */
    private boolean adopted;

    DefaultBackupWriter(FileRepository repo, LockManager.Lock lock) {
        this.repo = repo;
        this.lock = lock;
        this.smallChunks = new SmallChunkDictionary(() -> repo.pageDictionaries().forChunkSize(PageDictionary.SMALL_CHUNKS));
        int threads = Math.max(2, Math.min(4, Runtime.getRuntime().availableProcessors()));
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "cairn-blob-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.publisher = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "cairn-pack-publisher-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Adopts orphan packs once, before the first store: a session that stores nothing (a backup where
     * every file is unchanged) neither lists {@code data/} nor loads the index for it.
     */
    private void adoptOrphanPacksOnce() {
        // Under the claims lock: other storing threads wait until the orphans' blobs count as stored.
        synchronized (claims) {
            if (!adopted) {
                adopted = true;
                adoptOrphanPacks();
            }
        }
    }

    /**
     * Adopts the packs an earlier session published but never indexed (it ended without a commit): their
     * blobs count as stored once every one of them reads back sound. Packs holding a page dictionary go
     * first, read with their own dictionaries, which become known when the pack is adopted; then the
     * others, whose pages can only name a dictionary that is indexed or adopted (never one whose pack was
     * refused).
     */
    private void adoptOrphanPacks() {
        CompactIndex index = repo.index();
        int packsBefore = sessionIndex.packCount();
        long entriesBefore = sessionIndex.entryCount();
        List<String> others = new ArrayList<>();
        for (String name : repo.packNames()) {
            if (index.containsPack(name)) {
                continue;
            }
            java.util.Map<Integer, PageDictionary> own = dictionariesIn(name);
            if (own.isEmpty()) {
                others.add(name);
                continue;
            }
            BlobCodec withOwn = new BlobCodec(repo.repositoryKeys(),
                    id -> own.containsKey(id) ? own.get(id) : repo.pageDictionaries().byDictId(id));
            if (adopt(name, withOwn)) {
                own.values().forEach(repo.pageDictionaries()::add);
            }
        }
        for (String name : others) {
            adopt(name, repo.codec());
        }
        int adoptedPacks = sessionIndex.packCount() - packsBefore;
        if (adoptedPacks > 0) {
            LOG.log(System.Logger.Level.INFO, "reusing " + adoptedPacks + " packs (" + (sessionIndex.entryCount() - entriesBefore)
                    + " blobs) that a backup which did not finish had written");
        }
    }

    /** {@return the page dictionaries an unindexed pack holds, by id; empty when none or when they cannot be read} */
    private java.util.Map<Integer, PageDictionary> dictionariesIn(String name) {
        String where = FileRepository.packWhere(name);
        java.util.Map<Integer, PageDictionary> found = new java.util.HashMap<>();
        try {
            for (BlobLocation b : PackFormat.readTrailer(repo.packPath(name), name, repo.repositoryKeys(), where)) {
                if (b.type() == BlobCodec.TYPE_DICTIONARY) {
                    PageDictionary d = PageDictionary.parse(repo.readBlob(b), where + " at offset " + b.offset());
                    found.put(d.dictId(), d);
                }
            }
        } catch (RepositoryException e) {
            return java.util.Map.of();   // adopting the pack then says what is wrong with it
        }
        return found;
    }

    /** Adopts one unindexed pack when all its blobs read back sound through {@code codec}; {@return whether it was adopted} */
    private boolean adopt(String name, BlobCodec codec) {
        String where = FileRepository.packWhere(name);
        try {
            java.nio.file.Path file = repo.packPath(name);
            List<BlobLocation> blobs = PackFormat.readSound(file, name, repo.repositoryKeys(), codec, where);
            long size = java.nio.file.Files.size(file);
            sessionIndex.addPack(name, size, blobs);
            LOG.log(System.Logger.Level.DEBUG, "reusing unindexed pack " + where + " (" + blobs.size() + " blobs)");
            return true;
        } catch (RepositoryException e) {
            LOG.log(System.Logger.Level.WARNING, "not reusing " + where + ": " + e.getMessage());
            return false;
        } catch (IOException e) {
            throw AtomicFiles.io("cannot read pack", repo.packPath(name), e);
        }
    }

    private void ensureUsable() {
        if (ended) {
            throw new IllegalStateException("the backup writer has been committed or aborted");
        }
        if (failure instanceof Error error) { // out of heap on another thread: the command reports it as such (exit 17)
            throw error;
        }
        if (failure != null) {
            throw new RepositoryException(CairnException.Kind.IO, "the backup session failed earlier: " + failure.getMessage(), null, failure);
        }
    }

    @Override
    public StoredContent store(InputStream content, ChunkingPolicy chunking, boolean resumable, ProgressListener progress) throws IOException {
        ensureUsable();
        FileHasher hasher = resumable ? FileHasher.resumable() : FileHasher.plain();
        return storeFrom(content::read, chunking, hasher, 0, ChunkList.empty(), 0, progress);
    }

    @Override
    public void preparePageDictionary(ContentSource source, long size, ChunkingPolicy chunking) throws IOException {
        if (!usesPageDictionary(chunking)) {
            return;
        }
        ensureUsable();
        adoptOrphanPacksOnce();
        int chunkSize = chunking.fixedSize();
        if (repo.pageDictionaries().forChunkSize(chunkSize).isPresent()) {
            return;
        }
        int count = PageSampler.count(size, chunkSize, PageDictionary.SPREAD_SAMPLES);
        if (count < PageDictionary.MIN_SAMPLES) {
            return;
        }
        PageDictionary.Samples samples = new PageDictionary.Samples(chunkSize, count);
        if (PageSampler.sample(source, size, chunkSize, count, page -> samples.add(page, 0)) >= PageDictionary.MIN_SAMPLES) {
            trainedDictionary(samples);
        }
    }

    @Override
    public Optional<StoredContent> storeAppended(StoredContent previous, SeekableByteChannel file, ChunkingPolicy chunking,
                                                 ProgressListener progress) throws IOException {
        ensureUsable();
        if (previous.hashState() == null) {
            throw new IllegalArgumentException("storeAppended needs a previous content stored with resumable=true");
        }
        long prevSize = previous.size();
        if (file.size() < prevSize) {
            return Optional.empty();
        }
        ChunkList kept = ChunkList.copyOf(previous.chunks().isEmpty() ? List.of()
                : previous.chunks().subList(0, previous.chunks().size() - 1));
        long keptLength = kept.totalLength();
        long tailLength = prevSize - keptLength;
        if (tailLength < 0 || tailLength > ChunkerParams.MAX_BLOB || (previous.chunks().isEmpty() && prevSize != 0)) {
            return Optional.empty();
        }
        int tail = (int) tailLength;
        if (!previous.chunks().isEmpty()) {
            ChunkRef last = previous.chunks().get(previous.chunks().size() - 1);
            ByteBuffer buf = ByteBuffer.allocate(tail);
            file.position(keptLength);
            while (buf.hasRemaining()) {
                if (file.read(buf) < 0) {
                    return Optional.empty();
                }
            }
            if (last.length() != tail || !Hex.of(repo.codec().id(buf.array(), 0, tail)).equals(last.id())) {
                return Optional.empty();
            }
        }
        FileHasher hasher = FileHasher.resume(previous.hashState());
        file.position(keptLength);
        ChunkStream.Source source = (b, off, len) -> file.read(ByteBuffer.wrap(b, off, len));
        return Optional.of(storeFrom(source, chunking, hasher, tail, kept, keptLength, progress));
    }

    /**
     * Chunks {@code source} and stores the chunks.
     *
     * @param alreadyHashed leading bytes of the source that the hasher has already seen
     * @param refs          chunks kept before the source's first byte; the source's chunks are appended
     * @param prefixLength  their total length
     */
    private StoredContent storeFrom(ChunkStream.Source source, ChunkingPolicy chunking, FileHasher hasher, long alreadyHashed,
                                    ChunkList refs, long prefixLength, ProgressListener progress) throws IOException {
        adoptOrphanPacksOnce();
        boolean paged = usesPageDictionary(chunking);
        PageDictionary dictionary = paged ? repo.pageDictionaries().forChunkSize(chunking.fixedSize()).orElse(null) : null;
        // Without a dictionary for these pages yet, the first ones are held back to train one on.
        java.util.ArrayDeque<ChunkStream.Chunk> heldBack = paged && dictionary == null ? new java.util.ArrayDeque<>() : null;
        long heldBytes = 0;
        Chunker chunker = repo.chunker(chunking);
        ChunkStream chunks = new ChunkStream(source, chunker, chunkBuffers,
                ChunkStream.needsBuffer(chunker) ? readBuffers.atLeast(ChunkStream.BUFFER_BYTES) : null);
        // Chunks still being stored, in file order; finished ones move to refs as soon as they lead, so a
        // file of many small chunks (a database's 64,000 pages) does not hold a finished task per chunk.
        java.util.ArrayDeque<Future<StoredChunk>> futures = new java.util.ArrayDeque<>();
        // The first chunk waits for the second: a source of one chunk is stored on this thread (see ONE_CHUNK_INLINE_MAX).
        ChunkStream.Chunk first = null;
        long size = prefixLength;
        long toSkip = alreadyHashed;
        try {
            ChunkStream.Chunk chunk;
            while ((chunk = chunks.nextChunk()) != null) {
                boolean isFirst = size == prefixLength; // no chunk of this source before it (chunks are never empty)
                int length = chunk.length();
                int skip = (int) Math.min(toSkip, length);
                Courtesy.sliced(chunk.buf(), skip, length - skip, hasher::update);
                toSkip -= skip;
                size += length;
                report(progress, length);
                if (heldBack != null) {
                    heldBack.add(chunk);
                    heldBytes += length;
                    if (heldBack.size() < PageDictionary.MAX_SAMPLES && heldBytes < PageDictionary.MAX_SAMPLE_BYTES) {
                        continue;
                    }
                    dictionary = trainAndSubmit(heldBack, chunking, futures);
                    heldBack = null;
                } else if (isFirst && length <= ONE_CHUNK_INLINE_MAX) {
                    first = chunk;
                } else {
                    if (first != null) {
                        ChunkStream.Chunk held = first;
                        first = null;
                        submit(futures, held, chunking.layout(), dictionary);
                    }
                    submit(futures, chunk, chunking.layout(), dictionary);
                }
                while (!futures.isEmpty() && futures.peekFirst().isDone()) {
                    futures.pollFirst().get().appendTo(refs);
                }
                if (failure != null) {
                    break;
                }
            }
            if (heldBack != null) { // a file of fewer pages than a full training sample
                trainAndSubmit(heldBack, chunking, futures);
                heldBack = null;
            }
            if (first != null) { // the source's only chunk (any second one would have sent it to the workers)
                ChunkStream.Chunk only = first;
                first = null;
                try {
                    storeChunk(only.buf(), only.length(), chunking.layout(), dictionary).appendTo(refs);
                } finally {
                    chunkBuffers.give(only.buf());
                }
            }
            while (!futures.isEmpty()) {
                futures.pollFirst().get().appendTo(refs);
            }
            ensureUsable();
            return new StoredContent(size, hasher.hex(), refs, storeChunkLists(refs), hasher.state());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(e);
            throw new RepositoryException(CairnException.Kind.CANCELLED, "backup interrupted");
        } catch (java.util.concurrent.CancellationException | java.util.concurrent.RejectedExecutionException e) {
            fail(e);
            throw new RepositoryException(CairnException.Kind.CANCELLED, "the backup session was aborted while storing", null, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            fail(cause);
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof Error error) { // out of memory in a worker: the command's guard reports it
                throw error;
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new RepositoryException(CairnException.Kind.INTERNAL, "storing a chunk failed: " + cause, null, cause);
        } catch (IOException | RuntimeException | Error e) { // an Error too: a source's only chunk is stored on this thread
            fail(e);
            throw e;
        } finally {
            chunks.release();
            for (Future<StoredChunk> f : futures) {
                f.cancel(false);
            }
            if (heldBack != null) {
                for (ChunkStream.Chunk held : heldBack) {
                    chunkBuffers.give(held.buf());
                }
            }
            if (first != null) {
                chunkBuffers.give(first.buf());
            }
        }
    }

    /**
     * Trains (or finds) the page dictionary on the held-back pages, then hands them to the workers. A
     * page leaves {@code heldBack} only once submitted, so on failure the caller returns exactly the
     * pages no worker owns to the pool.
     *
     * @return the dictionary, or {@code null} when the pages were too few to train on
     */
    private PageDictionary trainAndSubmit(java.util.ArrayDeque<ChunkStream.Chunk> heldBack, ChunkingPolicy chunking,
                                          java.util.ArrayDeque<Future<StoredChunk>> futures) throws IOException, InterruptedException {
        int chunkSize = chunking.fixedSize();
        PageDictionary.Samples samples = new PageDictionary.Samples(chunkSize, heldBack.size());
        for (ChunkStream.Chunk page : heldBack) {
            if (page.length() == chunkSize) {
                samples.add(page.buf(), 0);
            }
        }
        PageDictionary dictionary = trainedDictionary(samples);
        while (!heldBack.isEmpty()) {
            submit(futures, heldBack.peekFirst(), chunking.layout(), dictionary);
            heldBack.pollFirst();
        }
        return dictionary;
    }

    /** Hands one chunk to the blob workers, within the in-flight budget; its buffer returns to the pool when stored. */
    private void submit(java.util.ArrayDeque<Future<StoredChunk>> futures, ChunkStream.Chunk chunk, ChunkingPolicy.Layout layout,
                        PageDictionary dictionary) throws InterruptedException {
        int length = chunk.length();
        byte[] buf = chunk.buf();
        int permits = Math.min(Math.max(buf.length, IN_FLIGHT_BYTES / IN_FLIGHT_CHUNKS), IN_FLIGHT_BYTES);
        inFlight.acquire(permits);
        futures.add(pool.submit(() -> {
            try {
                return storeChunk(buf, length, layout, dictionary);
            } finally {
                chunkBuffers.give(buf);
                inFlight.release(permits);
            }
        }));
    }

    /** {@return whether chunks cut with {@code chunking} are compressed with a page dictionary} */
    private static boolean usesPageDictionary(ChunkingPolicy chunking) {
        return chunking.layout() == ChunkingPolicy.Layout.PAGES && chunking.kind() == ChunkingPolicy.Kind.FIXED
                && chunking.fixedSize() <= PageDictionary.MAX_CHUNK_SIZE;
    }

    /**
     * {@return the repository's dictionary for pages of the samples' size: one another thread has made
     * meanwhile, or one trained on {@code samples} and stored in this session; {@code null} when the samples
     * are too few to train on}
     */
    private PageDictionary trainedDictionary(PageDictionary.Samples samples) throws IOException {
        int chunkSize = samples.chunkSize();
        synchronized (dictionaryLock) {
            PageDictionaries dictionaries = repo.pageDictionaries();
            Optional<PageDictionary> existing = dictionaries.forChunkSize(chunkSize);
            if (existing.isPresent()) {
                return existing.get();
            }
            Optional<PageDictionary> trained = PageDictionary.train(samples, dictionaries.unusedDictId());
            if (trained.isEmpty()) {
                return null;
            }
            PageDictionary d = trained.get();
            byte[] plain = d.plaintext();
            byte[] id = repo.codec().id(plain, 0, plain.length);
            if (!claim(id)) {
                dictionaries.add(d);
                return d;
            }
            append(repo.codec().encodeDictionary(id, d, session));
            dictionaries.add(d);
            LOG.log(System.Logger.Level.DEBUG, () -> "trained " + (chunkSize == PageDictionary.SMALL_CHUNKS ? "small-chunk" : "page")
                    + " dictionary " + Integer.toUnsignedString(d.dictId()) + " on " + samples.count() + " samples of "
                    + samples.bytes() + " bytes");
            return d;
        }
    }

    private static void report(ProgressListener progress, long bytes) {
        try {
            progress.bytesProcessed(bytes);
        } catch (RuntimeException ignored) {
            // a listener never fails a run
        }
    }

    private void fail(Throwable t) {
        if (failure == null) {
            failure = t;
        }
    }

    /** A blob id as a set element: equal by content (ids are random, so the first bytes hash well). */
    private record PendingId(byte[] id) {
        @Override
        public boolean equals(Object o) {
            return o instanceof PendingId other && java.util.Arrays.equals(id, other.id);
        }

        @Override
        public int hashCode() {
            return IdSet.hash(id, 0);
        }

        @Override
        public String toString() {
            return Hex.of(id);
        }
    }

    /** A chunk handed to the pack (or found stored already). */
    private record StoredChunk(byte[] id, int length) {
        void appendTo(ChunkList list) {
            list.append(id, length);
        }
    }

    /**
     * Stores the chunk list of a file of more than {@link ChunkList#INLINE_MAX} chunks as chunk-list blobs.
     *
     * @return their ids, or an empty list when the chunks are to be listed in the manifest
     */
    private List<String> storeChunkLists(ChunkList chunks) throws IOException {
        if (chunks.size() <= ChunkList.INLINE_MAX) {
            return List.of();
        }
        List<String> ids = new ArrayList<>();
        for (byte[] plain : chunks.blobPlaintexts()) {
            byte[] id = repo.codec().id(plain, 0, plain.length);
            String hex = Hex.of(id);
            ids.add(hex);
            if (claim(id)) {
                append(repo.codec().encodeChunkList(id, plain, session));
            }
        }
        return ids;
    }

    /** {@return whether this thread is to store the blob: it is neither stored nor being stored by another} */
    private boolean claim(byte[] id) {
        synchronized (claims) {
            return !repo.index().contains(id) && !sessionIndex.contains(id) && pending.add(new PendingId(id));
        }
    }

    /** Hashes, deduplicates, encodes and packs one chunk (pool thread, or the storing thread for a source's only chunk). */
    private StoredChunk storeChunk(byte[] chunk, int length, ChunkingPolicy.Layout layout, PageDictionary dictionary) throws IOException {
        byte[] id = repo.codec().id(chunk, 0, length);
        StoredChunk ref = new StoredChunk(id, length);
        if (!claim(id)) {
            return ref;
        }
        boolean small = dictionary == null && SmallChunkDictionary.appliesTo(layout, length);
        PageDictionary used = small ? smallChunks.dictionary() : dictionary;
        Courtesy.offerCpu();
        BlobCodec.Encoded encoded = repo.codec().encode(id, chunk, 0, length, session, layout, used);
        Courtesy.offerCpu();
        if (small && used == null && encoded.compression() == Compression.ZSTD) {
            PageDictionary.Samples samples = smallChunks.offer(chunk, length);
            if (samples != null) {
                smallChunks.use(trainedDictionary(samples));
            }
        }
        append(encoded);
        return ref;
    }

    /** Appends an encoded blob to the session's current pack, handing a full pack to the publisher. */
    private void append(BlobCodec.Encoded encoded) throws IOException {
        synchronized (packLock) {
            if (failure instanceof Error error) {
                throw error;
            }
            if (failure != null) {
                throw new IOException("the backup session failed earlier", failure);
            }
            if (pack == null) {
                pack = new PackWriter(repo.dataDir(), repo.repositoryKeys(), session);
            }
            pack.add(encoded);
            if (pack.size() >= repo.config().packTarget()) {
                publishLater(pack);
                pack = null;
            }
        }
    }

    /** Hands a full pack to the publisher thread (caller holds the pack lock). */
    private void publishLater(PackWriter full) {
        publisher.execute(() -> {
            try {
                publish(full);
            } catch (IOException | RuntimeException | Error e) { // an Error (out of heap) too: the storing threads must see it
                fail(e);
            }
        });
    }

    /** Forces, names and renames a pack, then lists its blobs as stored (publisher thread or commit). */
    private void publish(PackWriter p) throws IOException {
        try {
            PackWriter.Published published = p.finish();
            // The index file is written before the pack that would take the session's index past
            // ENTRIES_PER_FILE entries, not after: its arrays, grown by doubling, then stop at 65,536 entries
            // instead of doubling once more (~8 MB allocated where a first backup's memory peaks). The
            // pack's blobs stay pending, so claims see them meanwhile.
            long entries = sessionIndex.entryCount();
            if (entries > 0 && entries + published.blobs().size() > IndexFile.ENTRIES_PER_FILE) {
                flushIndex();
            }
            synchronized (claims) {
                sessionIndex.addPack(published.name(), published.size(), published.blobs());
                for (BlobLocation b : published.blobs()) {
                    pending.remove(new PendingId(b.id()));
                }
            }
        } finally {
            p.close();
        }
    }

    /**
     * Publishes an index file for the packs finished so far, so the session's list of entries stays
     * bounded; an index without a snapshot is harmless (its blobs are unreferenced until commit).
     */
    private void flushIndex() {
        synchronized (claims) {
            if (sessionIndex.packCount() > 0) {
                repo.writeIndex(sessionIndex);
                sessionIndex = new CompactIndex();
            }
        }
    }

    @Override
    public boolean contains(String blobId) {
        if (!Hex.isId(blobId)) {
            return false;
        }
        byte[] id = Hex.id(blobId);
        synchronized (claims) {
            return repo.index().contains(id) || sessionIndex.contains(id) || pending.contains(new PendingId(id));
        }
    }

    @Override
    public String commit(Manifest manifest, java.util.function.Predicate<ManifestItem> carriedOver) throws IOException {
        ensureUsable();
        try {
            pool.shutdown();
            if (!pool.awaitTermination(1, TimeUnit.DAYS)) {
                throw new RepositoryException(CairnException.Kind.INTERNAL, "blob workers did not finish");
            }
            ensureUsable();
            synchronized (packLock) {
                if (pack != null) {
                    publishLater(pack);
                    pack = null;
                }
            }
            publisher.shutdown();
            if (!publisher.awaitTermination(1, TimeUnit.DAYS)) {
                throw new RepositoryException(CairnException.Kind.INTERNAL, "the pack publisher did not finish");
            }
            ensureUsable();
            checkReferences(manifest, carriedOver);
            String id = Hex.of(Crypto.random(32));
            Manifest withId = manifest.withBackupId(id);
            flushIndex();
            repo.writeSnapshot(withId, createdMillis(manifest));
            ended = true;
            return id;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(e);
            throw new RepositoryException(CairnException.Kind.CANCELLED, "commit interrupted");
        } catch (RuntimeException e) {
            fail(e);
            throw e;
        } finally {
            end();
        }
    }

    /**
     * Checks that every blob the new items reference is stored. Of an item with chunk lists, the lists
     * are checked: this session stored their chunks before it stored the lists.
     */
    private void checkReferences(Manifest manifest, java.util.function.Predicate<ManifestItem> carriedOver) {
        for (ManifestItem item : manifest.items()) {
            if (carriedOver.test(item)) {
                continue;
            }
            if (item.chunkLists() != null) {
                for (String list : item.chunkLists()) {
                    checkStored(item, list);
                }
            }
            if (item.chunks() != null) {
                for (ChunkRef c : item.chunks()) {
                    checkStored(item, c.id());
                }
            }
        }
    }

    private void checkStored(ManifestItem item, String blobId) {
        if (!Hex.isId(blobId)) {
            throw new RepositoryException(CairnException.Kind.CONFIG, "item " + item.path() + " has a malformed blob id " + blobId);
        }
        byte[] id = Hex.id(blobId);
        if (!repo.index().contains(id) && !sessionIndex.contains(id)) {
            throw new RepositoryException(CairnException.Kind.CORRUPT, "item " + item.path() + " references blob " + blobId
                    + ", which is not stored in the repository; the snapshot was not written");
        }
    }

    @Override
    public List<ChunkRef> chunksOf(ManifestItem item) {
        return repo.chunksOf(item);
    }

    private static long createdMillis(Manifest manifest) {
        try {
            return Instant.parse(manifest.createdUtc()).toEpochMilli();
        } catch (DateTimeParseException | NullPointerException e) {
            return System.currentTimeMillis();
        }
    }

    @Override
    public void abort() {
        fail(new IllegalStateException("aborted"));
        end();
    }

    private void end() {
        ended = true;
        for (Runnable queued : pool.shutdownNow()) {
            if (queued instanceof Future<?> f) {
                f.cancel(false);
            }
        }
        inFlight.release(IN_FLIGHT_BYTES);
        // Full packs already handed over are still published: an aborted session's finished work is
        // reused by the next one (orphan adoption), as it was when packs were published in line.
        publisher.shutdown();
        try {
            if (!publisher.awaitTermination(1, TimeUnit.MINUTES)) {
                LOG.log(System.Logger.Level.WARNING, "a pack was still being published when the session ended");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (packLock) {
            if (pack != null) {
                pack.close();
                pack = null;
            }
        }
        repo.unlock(lock);
    }

    @Override
    public void close() {
        if (!ended) {
            abort();
        }
    }
}
