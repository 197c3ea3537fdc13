package dev.cairn.engine.repository;

import dev.cairn.engine.snapshot.ChunkRef;
import java.util.List;

/**
 * A stored file's content.
 *
 * @param size      bytes
 * @param sha256    SHA-256 of the content, 64 lower-case hex characters
 * @param chunks    the blobs, in order
 * @param hashState the serialized SHA-256 state after the last byte, for append-only files; {@code null} otherwise
 */
public record StoredContent(long size, String sha256, List<ChunkRef> chunks, byte[] hashState) {

    public StoredContent {
        chunks = List.copyOf(chunks);
    }
}
