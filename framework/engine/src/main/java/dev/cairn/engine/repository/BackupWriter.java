package dev.cairn.engine.repository;

import dev.cairn.engine.snapshot.Manifest;
import dev.cairn.engine.snapshot.ManifestItem;
import dev.cairn.framework.ProgressListener;
import dev.cairn.framework.unit.ChunkingPolicy;

import java.io.IOException;
import java.io.InputStream;

/**
 * Writes one snapshot: stores file contents (chunk, deduplicate, compress, encrypt, pack), then
 * publishes packs, then the index, then the snapshot manifest, each durably. Until {@link #commit}
 * returns nothing refers to the new data; a crash leaves only unreferenced packs, which the next
 * writer reuses (they are indexed on open) or prune removes.
 */
public interface BackupWriter extends AutoCloseable {

    /**
     * Stores one file's content. May be called from several threads at once.
     *
     * @param content   the bytes (read to the end, not closed)
     * @param chunking  how to cut it
     * @param resumable whether to also return the SHA-256 state at the end ({@link StoredContent#hashState()}),
     *                  so that {@link #storeAppended} can later continue the hash without re-reading
     * @param progress  receives {@code bytesProcessed}
     * @return the file's size, SHA-256 and chunk list
     */
    StoredContent store(InputStream content, ChunkingPolicy chunking, boolean resumable, ProgressListener progress)
            throws IOException;

    /**
     * Gets the repository a page dictionary before a file of pages is stored: when chunks cut with
     * {@code chunking} are compressed with a page dictionary ({@link ChunkingPolicy.Layout#PAGES}, fixed
     * chunks) and the repository has none for their size yet, trains one on pages sampled evenly across
     * the file and stores it in this session. Without this, or when the file cannot be sampled,
     * {@link #store} trains on the file's first pages, which for a database show mostly its schema and its
     * first table. Does nothing for other chunking or when the repository already has the dictionary.
     * May be called from several threads at once.
     *
     * @param source opens the file's content (a second time: the store opens it again)
     * @param size   the file's expected size in bytes (the pages are spread over it; a file that ends
     *               earlier gives fewer samples)
     * @throws IOException when the dictionary cannot be stored (a file that cannot be read is not an
     *                     error here: its store reports it)
     */
    void preparePageDictionary(dev.cairn.framework.unit.ContentSource source, long size, ChunkingPolicy chunking) throws IOException;

    /**
     * Stores a file that only grew since {@code previous} was stored, reading only its tail: checks that
     * the bytes of {@code previous}'s last chunk are still the same at the same offset, keeps all other
     * chunks, chunks anew from the last chunk's start and continues the SHA-256 from
     * {@code previous.hashState()}.
     *
     * @param previous the stored content of the file's previous version; must carry a hash state
     * @param file     the file, opened for reading; its position is set by the writer
     * @return the new content, or empty when the previous end no longer matches (the caller then
     *         stores the whole file)
     */
    java.util.Optional<StoredContent> storeAppended(StoredContent previous, java.nio.channels.SeekableByteChannel file,
                                                    ChunkingPolicy chunking, ProgressListener progress) throws IOException;

    /**
     * {@return the chunks of an item of this repository's snapshots: its {@code chunks}, or the contents of
     * its chunk-list blobs} See {@link Repository#chunksOf}.
     */
    java.util.List<dev.cairn.engine.snapshot.ChunkRef> chunksOf(ManifestItem item);

    /** {@return whether a blob with this id is already stored (in the repository or this session)} */
    boolean contains(String blobId);

    /**
     * Flushes packs, writes the index, then the manifest (with its {@code backup_id} set by the writer)
     * and returns the snapshot id. After this returns the snapshot is durable. Every chunk the manifest
     * references is checked to be stored; see {@link #commit(Manifest, java.util.function.Predicate)}.
     */
    default String commit(Manifest manifest) throws IOException {
        return commit(manifest, item -> false);
    }

    /**
     * Like {@link #commit(Manifest)}, but the chunks of items for which {@code carriedOver} holds are not
     * looked up: items taken unchanged from a snapshot of this repository reference only blobs that
     * snapshot references, which prune keeps while it exists and which this session's lock protects
     * (verify still checks them). A backup that stores nothing then never needs the index.
     */
    String commit(Manifest manifest, java.util.function.Predicate<ManifestItem> carriedOver) throws IOException;

    /** Ends the session without a snapshot; stored packs stay for reuse. Idempotent; also done by close. */
    void abort();

    @Override
    void close();
}
