package dev.cairn.engine.repository.internal;

import dev.cairn.engine.snapshot.ChunkRef;
import dev.cairn.engine.repository.BackupWriter;
import dev.cairn.engine.repository.KeyManager;
import dev.cairn.engine.repository.PruneReport;
import dev.cairn.engine.repository.Repository;
import dev.cairn.engine.repository.RepositoryException;
import dev.cairn.engine.repository.RepositoryInfo;
import dev.cairn.engine.repository.RepositoryOptions;
import dev.cairn.engine.repository.VerifyOptions;
import dev.cairn.engine.repository.VerifyReport;
import dev.cairn.engine.snapshot.Manifest;
import dev.cairn.engine.snapshot.ManifestItem;
import dev.cairn.engine.snapshot.SnapshotFacts;
import dev.cairn.framework.CairnException;
import dev.cairn.framework.unit.ChunkingPolicy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The file-system repository (format: docs/REPOSITORY.md). Holds the config, the keys, the
 * in-memory {@link CompactIndex} built from {@code index/}, and the locks this instance took.
 */
public final class FileRepository implements Repository {

    private static final System.Logger LOG = System.getLogger(FileRepository.class.getName());

    static final String CONFIG = "config";
    static final String DATA = "data";
    static final String INDEX = "index";
    static final String SNAPSHOTS = "snapshots";
    static final String KEYS = "keys";
    static final String LOCKS = "locks";
    /** Threads that read and decode blobs ahead of content streams: enough reads in flight for a cold disk. */
    static final int READER_THREADS = 4;

    private final Path root;
    private final RepositoryConfig config;
    private final RepositoryKeys keys;
    private final KeyManager keyManager;
    private final BlobCodec codec;
    private final PageDictionaries pageDictionaries = new PageDictionaries(this);
    /** The repository's content-defined chunkers (immutable, shared by every session and thread). */
    private final Chunker contentDefined;
    private final Chunker largeContentDefined;
    private final Chunker fineContentDefined;
    private final LockManager locks;
    private final Set<LockManager.Lock> heldLocks = ConcurrentHashMap.newKeySet();
    private final Map<String, byte[]> sessionKeys = new ConcurrentHashMap<>();
    /** Reads and decodes blobs ahead of content streams; made on first use, stopped by {@link #close}. */
    private java.util.concurrent.ExecutorService readers;
    /** The local cache of snapshot facts, or {@code null} when none was set. */
    private volatile FactsCache factsCache;
    /** The local cache of the items of recent snapshots, or {@code null} when none was set. */
    private volatile ItemsCache itemsCache;
    private volatile CompactIndex index = new CompactIndex();
    /** Whether {@link #index} has been read from {@code index/} (it is read on first use). */
    private volatile boolean indexLoaded;
    private final Set<String> loadedIndexFiles = new HashSet<>();
    private volatile boolean closed;

    private FileRepository(Path root, RepositoryConfig config, RepositoryKeys keys, KeyManager keyManager) {
        this.root = root;
        this.config = config;
        this.keys = keys;
        this.keyManager = keyManager;
        this.codec = new BlobCodec(keys, pageDictionaries::byDictId);
        long[] gear = GearTable.derive(keys.gearSeed());
        this.contentDefined = new FastCdcChunker(config.chunker(), gear);
        this.largeContentDefined = new FastCdcChunker(config.large(), gear);
        this.fineContentDefined = new FastCdcChunker(ChunkerParams.fine(config.chunker()), gear);
        this.locks = new LockManager(root.resolve(LOCKS));
    }

    /** Creates a repository; see {@link Repository#init}. */
    public static Repository init(Path dir, RepositoryOptions options) {
        Path root = dir.toAbsolutePath().normalize();
        try {
            if (Files.exists(root)) {
                if (!Files.isDirectory(root)) {
                    throw new RepositoryException(CairnException.Kind.CONFIG, "not a directory: " + root);
                }
                try (Stream<Path> s = Files.list(root)) {
                    if (s.findAny().isPresent()) {
                        throw new RepositoryException(CairnException.Kind.CONFIG, "directory is not empty: " + root
                                + " (a repository must be created in a new or empty directory)");
                    }
                }
            }
            long packTarget = options.packTargetBytes();
            if (packTarget < RepositoryConfig.MIN_PACK_TARGET || packTarget > RepositoryConfig.MAX_PACK_TARGET) {
                throw new RepositoryException(CairnException.Kind.CONFIG, "pack target " + packTarget + " outside "
                        + RepositoryConfig.MIN_PACK_TARGET + ".." + RepositoryConfig.MAX_PACK_TARGET);
            }
            RepositoryOptions.Argon2Params argon2 = options.argon2() == null ? RepositoryOptions.Argon2Params.DEFAULT : options.argon2();
            boolean encrypted = options.passphrase() != null;
            if (encrypted) {
                KeySlotFile.check(argon2);
                if (options.passphrase().length == 0) {
                    throw new RepositoryException(CairnException.Kind.CONFIG, "the passphrase must not be empty");
                }
            }
            for (String sub : List.of(DATA, INDEX, SNAPSHOTS, KEYS, LOCKS)) {
                Files.createDirectories(root.resolve(sub));
            }
            AtomicFiles.fsyncDir(root);
            String id = Hex.of(Crypto.random(32));
            String created = Instant.now().toString();
            RepositoryConfig config;
            RepositoryKeys keys;
            KeyManager keyManager;
            if (encrypted) {
                byte[] master = Crypto.random(Crypto.KEY_BYTES);
                keys = RepositoryKeys.fromMaster(master);
                String slot = KeySlots.write(root.resolve(KEYS), master, options.passphrase(), argon2, id);
                keyManager = new KeySlots(root.resolve(KEYS), id, master, slot, argon2);
                config = new RepositoryConfig(RepositoryConfig.FORMAT, id, created, true, ChunkerParams.DEFAULT, ChunkerParams.LARGE,
                        packTarget, null, null, null);
                config = config.withMac(config.computeMac(keys));
            } else {
                keys = RepositoryKeys.plain(Crypto.random(32), Crypto.random(32));
                keyManager = KeySlots.none();
                config = new RepositoryConfig(RepositoryConfig.FORMAT, id, created, false, ChunkerParams.DEFAULT, ChunkerParams.LARGE,
                        packTarget, keys.gearSeed(), keys.auditKey(), null);
            }
            AtomicFiles.publish(root.resolve(CONFIG), config.encode(), false);
            return new FileRepository(root, config, keys, keyManager);
        } catch (IOException e) {
            throw AtomicFiles.io("cannot create repository", root, e);
        }
    }

    /** Opens a repository; see {@link Repository#open}. */
    public static Repository open(Path dir, char[] passphrase) {
        Path root = dir.toAbsolutePath().normalize();
        byte[] configBytes;
        try {
            configBytes = Json.readSmall(root.resolve(CONFIG), CONFIG);
        } catch (NoSuchFileException e) {
            throw new RepositoryException(CairnException.Kind.NOT_FOUND, "no Cairn repository at " + root + " (no config file)");
        } catch (IOException e) {
            throw AtomicFiles.io("cannot read repository config", root.resolve(CONFIG), e);
        }
        RepositoryConfig config = RepositoryConfig.decode(configBytes, CONFIG);
        if (!config.encrypted()) {
            if (!KeySlots.slotIds(root.resolve(KEYS)).isEmpty()) {
                throw RepositoryException.corrupt("the config says the repository is unencrypted but key slots exist"
                        + " (the config was replaced?); refusing to write unencrypted data into an encrypted repository", CONFIG);
            }
            return new FileRepository(root, config, RepositoryKeys.plain(config.chunkerSeed(), config.auditKey()), KeySlots.none());
        }
        KeySlots.Opened opened = KeySlots.open(root.resolve(KEYS), passphrase, config.id());
        RepositoryKeys keys = RepositoryKeys.fromMaster(opened.master());
        config.authenticate(keys, CONFIG);
        return new FileRepository(root, config, keys,
                new KeySlots(root.resolve(KEYS), config.id(), opened.master(), opened.slotId(), opened.argon2()));
    }

    // ---- accessors for the package ----

    RepositoryConfig config() {
        return config;
    }

    RepositoryKeys repositoryKeys() {
        return keys;
    }

    BlobCodec codec() {
        return codec;
    }

    PageDictionaries pageDictionaries() {
        return pageDictionaries;
    }

    /**
     * {@return the in-memory index, read from {@code index/} on first use: commands that need no blob
     * (listing snapshots, a backup in which nothing changed) never decrypt the index files}
     */
    CompactIndex index() {
        if (!indexLoaded) {
            refreshIndex();
        }
        return index;
    }

    /** {@return whether the index has been read from {@code index/} yet} */
    boolean indexLoaded() {
        return indexLoaded;
    }

    LockManager.Lock lock(boolean exclusive, String operation) {
        ensureOpen();
        LockManager.Lock lock = locks.acquire(exclusive, operation);
        heldLocks.add(lock);
        return lock;
    }

    void unlock(LockManager.Lock lock) {
        heldLocks.remove(lock);
        lock.close();
    }

    Path dataDir() {
        return root.resolve(DATA);
    }

    Path packPath(String name) {
        return root.resolve(DATA).resolve(name.substring(0, 2)).resolve(name);
    }

    static String packWhere(String name) {
        return DATA + "/" + name.substring(0, 2) + "/" + name;
    }

    Chunker chunker(ChunkingPolicy policy) {
        return switch (policy.kind()) {
            case CONTENT_DEFINED -> contentDefined;
            case LARGE_CONTENT_DEFINED -> largeContentDefined;
            case FINE_CONTENT_DEFINED -> fineContentDefined;
            case FIXED -> new FixedChunker(policy.fixedSize());
        };
    }

    /** Makes this instance's index show what {@code index/} holds now (rebuilt when a file was removed). */
    synchronized void refreshIndex() {
        List<String> names = indexFileNames();
        CompactIndex target = index;
        if (!names.containsAll(loadedIndexFiles)) {
            target = new CompactIndex();
            loadedIndexFiles.clear();
        }
        for (String name : names) {
            if (loadedIndexFiles.contains(name)) {
                continue;
            }
            try {
                for (IndexFile.PackEntry p : readIndexFile(name)) {
                    target.addPack(p.name(), p.size(), p.blobs());
                }
                loadedIndexFiles.add(name);
            } catch (RepositoryException e) {
                if (e.kind() != CairnException.Kind.CORRUPT) {
                    throw e;
                }
                LOG.log(System.Logger.Level.WARNING, "skipping damaged index file: " + e.getMessage());
            }
        }
        index = target;
        indexLoaded = true;
    }

    List<String> indexFileNames() {
        return listIds(root.resolve(INDEX));
    }

    /** {@return the packs of an index file, checking its name is the SHA-256 of its bytes} */
    List<IndexFile.PackEntry> readIndexFile(String name) {
        String where = INDEX + "/" + name;
        Path file = root.resolve(INDEX).resolve(name);
        try {
            long size = Files.size(file);
            if (size > IndexFile.MAX_PAYLOAD + 1024L) {
                throw RepositoryException.corrupt("index file of " + size + " bytes exceeds the limit", where);
            }
            byte[] bytes = Files.readAllBytes(file);
            if (!Hex.of(Crypto.sha256(bytes)).equals(name)) {
                throw RepositoryException.corrupt("index file does not hash to its name (damaged or replaced)", where);
            }
            return IndexFile.decode(bytes, keys, where);
        } catch (IOException e) {
            throw AtomicFiles.io("cannot read index file", file, e);
        }
    }

    /**
     * Writes index files for {@code packs} (split every {@link IndexFile#ENTRIES_PER_FILE} entries) and
     * indexes them here; {@return the names of the index files}
     */
    List<String> writeIndex(List<IndexFile.PackEntry> packs) {
        List<String> names = new ArrayList<>();
        List<IndexFile.PackEntry> batch = new ArrayList<>();
        int entries = 0;
        for (IndexFile.PackEntry p : packs) {
            batch.add(p);
            entries += p.blobs().size();
            if (entries >= IndexFile.ENTRIES_PER_FILE) {
                names.add(writeIndexFile(batch));
                batch = new ArrayList<>();
                entries = 0;
            }
        }
        if (!batch.isEmpty()) {
            names.add(writeIndexFile(batch));
        }
        synchronized (this) {
            for (IndexFile.PackEntry p : packs) {
                index.addPack(p.name(), p.size(), p.blobs());
            }
            loadedIndexFiles.addAll(names);
        }
        return names;
    }

    /**
     * Writes index files for every pack of {@code session} (a new file once one holds at least
     * {@link IndexFile#ENTRIES_PER_FILE} entries, whole packs only), encoded straight from its arrays, and
     * indexes them here: when this instance's index is loaded and still empty (a repository's first
     * backup), {@code session} becomes the index instead of being copied into it (a first backup of 65,000
     * blobs otherwise held them twice at its end, where its peak memory is).
     *
     * @param session the packs to index, which the caller no longer changes
     * @return the names of the index files
     */
    List<String> writeIndex(CompactIndex session) {
        List<String> names = new ArrayList<>();
        int packCount = session.packCount();
        int from = 0;
        for (int p = 0; p < packCount; p++) {
            if (session.entryCount(from, p + 1) >= IndexFile.ENTRIES_PER_FILE || p == packCount - 1) {
                names.add(writeIndexFile(IndexFile.encode(session, from, p + 1, keys)));
                from = p + 1;
            }
        }
        synchronized (this) {
            if (indexLoaded && index.isEmpty()) {
                index = session;
            } else {
                for (int p = 0; p < packCount; p++) {
                    CompactIndex.Pack pack = session.packAt(p);
                    index.addPack(pack.name(), pack.size(), session.blobsOfPack(p));
                }
            }
            loadedIndexFiles.addAll(names);
        }
        return names;
    }

    private String writeIndexFile(List<IndexFile.PackEntry> packs) {
        return writeIndexFile(IndexFile.encode(packs, keys));
    }

    /** Publishes an encoded index file under its name; {@return the name} */
    private String writeIndexFile(byte[] bytes) {
        String name = Hex.of(Crypto.sha256(bytes));
        AtomicFiles.publishIfAbsent(root.resolve(INDEX).resolve(name), bytes);
        return name;
    }

    /** {@return names of every pack file in {@code data/}} */
    List<String> packNames() {
        List<String> out = new ArrayList<>();
        for (String sub : listNames(root.resolve(DATA))) {
            if (sub.matches("[0-9a-f]{2}")) {
                for (String name : listIds(root.resolve(DATA).resolve(sub))) {
                    if (name.startsWith(sub)) {
                        out.add(name);
                    }
                }
            }
        }
        return out;
    }

    static List<String> listIds(Path dir) {
        return listNames(dir).stream().filter(Hex::isId).sorted().toList();
    }

    static List<String> listNames(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).toList();
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw AtomicFiles.io("cannot list directory", dir, e);
        }
    }

    /** {@return the session key of a pack (cached), or {@code null} when unencrypted} */
    byte[] sessionKey(String pack, FileChannel ch) throws IOException {
        if (!keys.encrypted()) {
            return null;
        }
        byte[] k = sessionKeys.get(pack);
        if (k == null) {
            k = PackFormat.readHeader(ch, keys, packWhere(pack));
            sessionKeys.put(pack, k);
        }
        return k;
    }

    /** Reads, authenticates and decodes one blob. */
    byte[] readBlob(BlobLocation loc) {
        try (FileChannel ch = openPack(loc.pack())) {
            return readBlob(loc, ch);
        } catch (IOException e) {
            throw AtomicFiles.io("cannot read pack", packPath(loc.pack()), e);
        }
    }

    private synchronized java.util.concurrent.ExecutorService readers() {
        if (readers == null) {
            java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
            readers = java.util.concurrent.Executors.newFixedThreadPool(READER_THREADS, r -> {
                Thread t = new Thread(r, "cairn-read-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        }
        return readers;
    }

    /** Opens a pack for reading; a missing pack is CORRUPT. */
    FileChannel openPack(String name) {
        Path file = packPath(name);
        try {
            return FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw RepositoryException.corrupt("pack file is missing", packWhere(name));
        } catch (IOException e) {
            throw AtomicFiles.io("cannot open pack", file, e);
        }
    }

    /** Reads, authenticates and decodes one blob from its already opened pack (restore path: see {@link BlobCodec#decode}). */
    byte[] readBlob(BlobLocation loc, FileChannel ch) {
        return decodeBlob(loc, readStored(loc.pack(), loc.offset(), loc.offset() + loc.storedLength(), ch), 0, ch);
    }

    /** {@return the stored bytes {@code [start, end)} of a pack (one blob, or several close together), read with one positional read} */
    byte[] readStored(String pack, long start, long end, FileChannel ch) {
        String where = packWhere(pack) + " at offset " + start;
        try {
            if (end > ch.size()) {
                throw RepositoryException.corrupt("pack is shorter than the index says (truncated?)", where);
            }
            return PackFormat.readFully(ch, start, Math.toIntExact(end - start), where);
        } catch (IOException e) {
            throw AtomicFiles.io("cannot read pack", packPath(pack), e);
        }
    }

    /**
     * Authenticates and decodes the blob whose stored bytes start at {@code stored[off]} (read by
     * {@link #readStored}; that range is decrypted in place), without hashing it again (restore path:
     * see {@link BlobCodec#decode}).
     */
    byte[] decodeBlob(BlobLocation loc, byte[] stored, int off, FileChannel ch) {
        String where = packWhere(loc.pack()) + " at offset " + loc.offset();
        try {
            return codec.decode(loc, stored, off, loc.storedLength(), sessionKey(loc.pack(), ch), where, false);
        } catch (IOException e) {
            throw AtomicFiles.io("cannot read pack", packPath(loc.pack()), e);
        }
    }

    /** Reads the raw bytes of a snapshot file, bounded. */
    byte[] readSnapshotBytes(String id) {
        Path file = root.resolve(SNAPSHOTS).resolve(id);
        try {
            long size = Files.size(file);
            if (size > SnapshotFile.MAX_FILE) {
                throw RepositoryException.corrupt("snapshot file of " + size + " bytes exceeds the limit", SNAPSHOTS + "/" + id);
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new RepositoryException(CairnException.Kind.NOT_FOUND, "no snapshot " + id);
        } catch (IOException e) {
            throw AtomicFiles.io("cannot read snapshot", file, e);
        }
    }

    Manifest loadSnapshotExact(String id) {
        return SnapshotFile.decode(readSnapshotBytes(id), id, keys, SNAPSHOTS + "/" + id);
    }

    void writeSnapshot(Manifest manifest, long createdMillis) {
        byte[] bytes = SnapshotFile.encode(manifest, createdMillis, keys);
        AtomicFiles.publish(root.resolve(SNAPSHOTS).resolve(manifest.backupId()), bytes, false);
        FactsCache cache = factsCache;
        if (cache != null) {
            cache.put(SnapshotFacts.of(manifest));
        }
        ItemsCache items = itemsCache;
        if (items != null) {
            items.put(manifest.backupId(), manifest.items());
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("repository is closed");
        }
    }

    // ---- Repository ----

    @Override
    public RepositoryInfo info() {
        return new RepositoryInfo(config.id(), config.format(), config.encrypted(), config.chunker().min(), config.chunker().avg(),
                config.chunker().max());
    }

    @Override
    public Path root() {
        return root;
    }

    @Override
    public BackupWriter newWriter() {
        ensureOpen();
        LockManager.Lock lock = lock(false, "backup");
        try {
            if (indexLoaded) {
                refreshIndex();   // another process may have committed since; a first use reads it anyway
            }
            return new DefaultBackupWriter(this, lock);
        } catch (RuntimeException e) {
            unlock(lock);
            throw e;
        }
    }

    @Override
    public List<String> snapshotIds() {
        ensureOpen();
        record Entry(String id, long created) { }
        List<Entry> entries = new ArrayList<>();
        for (String id : listIds(root.resolve(SNAPSHOTS))) {
            long created;
            try {
                created = SnapshotFile.header(readSnapshotBytesHead(id), keys, SNAPSHOTS + "/" + id).createdMillis();
            } catch (RepositoryException e) {
                if (e.kind() == CairnException.Kind.NOT_FOUND) {
                    continue;
                }
                LOG.log(System.Logger.Level.WARNING, "unreadable snapshot header: " + e.getMessage());
                created = Long.MAX_VALUE;
            }
            entries.add(new Entry(id, created));
        }
        entries.sort(Comparator.comparingLong(Entry::created).thenComparing(Entry::id));
        return entries.stream().map(Entry::id).toList();
    }

    private byte[] readSnapshotBytesHead(String id) {
        Path file = root.resolve(SNAPSHOTS).resolve(id);
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(SnapshotFile.MAGIC.length + 1 + SnapshotFile.HEADER_FIELDS);
        } catch (NoSuchFileException e) {
            throw new RepositoryException(CairnException.Kind.NOT_FOUND, "no snapshot " + id);
        } catch (IOException e) {
            throw AtomicFiles.io("cannot read snapshot", file, e);
        }
    }

    /** {@return the full id of a snapshot given an id or a unique prefix} */
    String resolveSnapshot(String idOrPrefix) {
        if (idOrPrefix == null || idOrPrefix.length() < 4 || !idOrPrefix.matches("[0-9a-f]+")) {
            throw new RepositoryException(CairnException.Kind.NOT_FOUND, "no snapshot '" + idOrPrefix
                    + "' (give a full id or a prefix of at least 4 lower-case hex characters)");
        }
        List<String> matches = listIds(root.resolve(SNAPSHOTS)).stream().filter(id -> id.startsWith(idOrPrefix)).toList();
        if (matches.isEmpty()) {
            throw new RepositoryException(CairnException.Kind.NOT_FOUND, "no snapshot " + idOrPrefix);
        }
        if (matches.size() > 1) {
            throw new RepositoryException(CairnException.Kind.NOT_FOUND, "snapshot prefix " + idOrPrefix + " is ambiguous: "
                    + matches.size() + " snapshots match");
        }
        return matches.get(0);
    }

    @Override
    public Manifest loadSnapshot(String snapshotId) {
        ensureOpen();
        return loadSnapshotExact(resolveSnapshot(snapshotId));
    }

    @Override
    public InputStream openContent(List<ChunkRef> chunks) {
        ensureOpen();
        return new ContentStream(this, chunks, readers());
    }

    @Override
    public List<ChunkRef> chunksOf(ManifestItem item) {
        ensureOpen();
        if (item.chunkLists() == null) {
            return item.chunks() == null ? List.of() : item.chunks();
        }
        ChunkList chunks = ChunkList.empty();
        for (String listId : item.chunkLists()) {
            String where = "chunk list " + listId + " of " + item.path();
            chunks.appendBlob(readBlob(locateChunkList(listId, where)), where);
        }
        long total = chunks.totalLength();
        if (total != item.size()) {
            throw RepositoryException.corrupt("chunk lists add up to " + total + " bytes, the item has " + item.size(), item.path());
        }
        return chunks;
    }

    /** {@return where a chunk-list blob is stored, re-reading {@code index/} once when it is not found} */
    BlobLocation locateChunkList(String listId, String where) {
        if (!Hex.isId(listId)) {
            throw RepositoryException.corrupt("chunk list id '" + listId + "' is not 64 hex characters", where);
        }
        BlobLocation loc = index().find(Hex.id(listId));
        if (loc == null) {
            refreshIndex();
            loc = index().find(Hex.id(listId));
        }
        if (loc == null) {
            throw RepositoryException.corrupt("blob is in no index (missing data)", where);
        }
        if (loc.type() != BlobCodec.TYPE_CHUNK_LIST) {
            throw RepositoryException.corrupt("blob is of type " + loc.type() + ", not a chunk list", where);
        }
        return loc;
    }

    @Override
    public SnapshotFacts snapshotFacts(String snapshotId) {
        ensureOpen();
        String id = Hex.isId(snapshotId) ? snapshotId : resolveSnapshot(snapshotId);
        FactsCache cache = factsCache;
        if (cache == null) {
            return SnapshotFacts.of(loadSnapshotExact(id));
        }
        return cache.get(id).orElseGet(() -> {
            SnapshotFacts facts = SnapshotFacts.of(loadSnapshotExact(id));
            cache.put(facts);
            return facts;
        });
    }

    @Override
    public void preloadIndex() {
        ensureOpen();
        if (!indexLoaded) {
            Thread t = new Thread(() -> {
                try {
                    index();
                } catch (RuntimeException e) {
                    // the caller's own first use of the index reads it again and reports the problem
                    LOG.log(System.Logger.Level.DEBUG, "preloading the index failed: " + e);
                }
            }, "cairn-index-preload");
            t.setDaemon(true);
            t.start();
        }
    }

    @Override
    public List<ManifestItem> snapshotItems(String snapshotId) {
        ensureOpen();
        String id = Hex.isId(snapshotId) ? snapshotId : resolveSnapshot(snapshotId);
        ItemsCache cache = itemsCache;
        if (cache == null) {
            return loadSnapshotExact(id).items();
        }
        return cache.get(id).orElseGet(() -> {
            List<ManifestItem> items = loadSnapshotExact(id).items();
            cache.put(id, items);
            return items;
        });
    }

    @Override
    public void cacheSnapshotsIn(Path dir) {
        factsCache = dir == null ? null : new FactsCache(dir.resolve(config.id()), Crypto.subkey(keys.auditKey(), "facts-cache"));
        itemsCache = dir == null ? null
                : new ItemsCache(dir.resolve(config.id()).resolve("items"), Crypto.subkey(keys.auditKey(), "items-cache"));
    }

    @Override
    public void forgetSnapshot(String snapshotId) {
        ensureOpen();
        String id = resolveSnapshot(snapshotId);
        LockManager.Lock lock = lock(true, "forget");
        try {
            AtomicFiles.deleteDurably(root.resolve(SNAPSHOTS).resolve(id));
        } finally {
            unlock(lock);
        }
        FactsCache cache = factsCache;
        if (cache != null) {
            cache.remove(id);
        }
        ItemsCache items = itemsCache;
        if (items != null) {
            items.remove(id);
        }
    }

    @Override
    public PruneReport prune(boolean dryRun) {
        ensureOpen();
        LockManager.Lock lock = lock(true, dryRun ? "prune --dry-run" : "prune");
        try {
            refreshIndex();
            return new Pruner(this).run(dryRun);
        } finally {
            unlock(lock);
        }
    }

    @Override
    public VerifyReport verify(VerifyOptions options) {
        ensureOpen();
        LockManager.Lock lock = lock(false, "verify");
        try {
            return new Verifier(this).run(options);
        } finally {
            unlock(lock);
        }
    }

    @Override
    public KeyManager keys() {
        ensureOpen();
        return keyManager;
    }

    @Override
    public byte[] auditKey() {
        return keys.auditKey().clone();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        synchronized (this) {
            if (readers != null) {
                readers.shutdownNow();
            }
        }
        for (LockManager.Lock lock : List.copyOf(heldLocks)) {
            unlock(lock);
        }
    }
}
