package dev.cairn.engine.repository;

import dev.cairn.engine.snapshot.ChunkRef;

import java.util.List;
import java.util.Objects;

/**
 * A stored file's content.
 *
 * @param size       bytes
 * @param sha256     SHA-256 of the content, 64 lower-case hex characters
 * @param chunks     the blobs, in order (an unmodifiable list, not copied: a database's may hold a million)
 * @param chunkLists the ids of the chunk-list blobs holding {@code chunks}, for a file of more than 64
 *                   chunks (its manifest item names them instead of the chunks); empty otherwise
 * @param hashState  the serialized SHA-256 state after the last byte, for append-only files; {@code null} otherwise
 */
public record StoredContent(long size, String sha256, List<ChunkRef> chunks, List<String> chunkLists, byte[] hashState) {

    public StoredContent {
        Objects.requireNonNull(chunks, "chunks");
        chunkLists = List.copyOf(chunkLists);
    }

    /** A content whose chunks are listed in the manifest. */
    public StoredContent(long size, String sha256, List<ChunkRef> chunks, byte[] hashState) {
        this(size, sha256, List.copyOf(chunks), List.of(), hashState);
    }
}
