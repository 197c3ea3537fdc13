package dev.cairn.engine.repository;

import dev.cairn.engine.snapshot.ChunkRef;
import dev.cairn.engine.snapshot.Manifest;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * An open Cairn repository: a directory of packs, indexes, snapshots, keys and locks whose format
 * is described in docs/REPOSITORY.md. Thread-safe for reads; one {@link BackupWriter} at a time per
 * process. Closing releases the locks this instance holds.
 */
public interface Repository extends AutoCloseable {

    /**
     * Creates a new repository in {@code dir} (which must not exist or be empty).
     *
     * @throws dev.cairn.framework.CairnException of kind CONFIG when {@code dir} is not empty, IO when it cannot be written
     */
    static Repository init(Path dir, RepositoryOptions options) {
        return dev.cairn.engine.repository.internal.FileRepository.init(dir, options);
    }

    /**
     * Opens an existing repository.
     *
     * @param passphrase the passphrase of any key slot; ignored (may be {@code null}) when the repository is unencrypted
     * @throws RepositoryException NOT_FOUND when there is no repository, AUTH on a wrong or missing passphrase,
     *                             CORRUPT when its config cannot be read
     */
    static Repository open(Path dir, char[] passphrase) {
        return dev.cairn.engine.repository.internal.FileRepository.open(dir, passphrase);
    }

    /** {@return id, format version, encryption and chunker parameters} */
    RepositoryInfo info();

    /** {@return the repository root directory} */
    Path root();

    /**
     * Starts writing a new snapshot. Takes a shared lock that excludes prune (not other backups or reads).
     *
     * @throws RepositoryException LOCKED when an exclusive lock is held
     */
    BackupWriter newWriter();

    /** {@return ids of all snapshots, oldest first by creation time} */
    List<String> snapshotIds();

    /**
     * Loads and authenticates one snapshot manifest.
     *
     * @param snapshotId a full id or a unique prefix of at least 4 characters
     * @throws RepositoryException NOT_FOUND, or CORRUPT when it cannot be read or authenticated
     */
    Manifest loadSnapshot(String snapshotId);

    /**
     * Opens the content of a stored file: its chunks, decrypted, decompressed and checked against
     * their ids as they stream. A mismatch throws a {@link RepositoryException} of kind CORRUPT from read.
     */
    InputStream openContent(List<ChunkRef> chunks);

    /**
     * {@return an item's chunks: its {@code chunks} as listed in the manifest, or, for a file of many chunks,
     * the contents of its chunk-list blobs (read, authenticated and checked to add up to the item's size);
     * empty for an item without content}
     *
     * @throws RepositoryException CORRUPT when a chunk list is missing, damaged or does not match the item
     */
    List<ChunkRef> chunksOf(dev.cairn.engine.snapshot.ManifestItem item);

    /**
     * {@return the facts of one snapshot (what listing snapshots and choosing a baseline need): from the
     * local cache set with {@link #cacheSnapshotsIn} when it holds them, else from the snapshot's manifest}
     *
     * @param snapshotId a full id
     */
    default dev.cairn.engine.snapshot.SnapshotFacts snapshotFacts(String snapshotId) {
        return dev.cairn.engine.snapshot.SnapshotFacts.of(loadSnapshot(snapshotId));
    }

    /**
     * {@return the items of one snapshot (what a backup compares the install with): from the local cache
     * set with {@link #cacheSnapshotsIn} when it holds them, else from the snapshot's manifest}
     *
     * @param snapshotId a full id
     */
    default List<dev.cairn.engine.snapshot.ManifestItem> snapshotItems(String snapshotId) {
        return loadSnapshot(snapshotId).items();
    }

    /**
     * Keeps the {@linkplain #snapshotFacts facts} of this repository's snapshots, and the
     * {@linkplain #snapshotItems items} of its most recent ones, in a subdirectory of {@code dir} (a cache
     * on this machine, never in the repository; entries are authenticated with a key of the repository).
     * The default keeps no cache.
     */
    default void cacheSnapshotsIn(java.nio.file.Path dir) {
    }

    /**
     * Starts reading the blob index on a background thread, for a caller that will need it (a restore)
     * and has other work to do first (loading a manifest). The default does nothing; the index is read
     * on first use either way.
     */
    default void preloadIndex() {
    }

    /** Removes one snapshot file (the data stays until {@link #prune}). Takes the exclusive lock briefly. */
    void forgetSnapshot(String snapshotId);

    /**
     * Removes blobs no snapshot references, rewriting packs that are partly used. Takes the exclusive lock.
     *
     * @param dryRun only compute what would be freed
     */
    PruneReport prune(boolean dryRun);

    /** Checks structure and, as asked, data. Takes a shared lock. */
    VerifyReport verify(VerifyOptions options);

    /** {@return the key slots of an encrypted repository} */
    KeyManager keys();

    /**
     * {@return a 32-byte key for chaining audit events, derived from the master key (encrypted
     * repositories) or stored in the repository config (unencrypted ones)}
     */
    byte[] auditKey();

    @Override
    void close();
}
