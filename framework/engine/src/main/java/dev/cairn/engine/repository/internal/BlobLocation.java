package dev.cairn.engine.repository.internal;

/**
 * Where one blob is stored.
 *
 * @param id          the blob id
 * @param pack        the pack's name (64 hex)
 * @param type        the blob type ({@link BlobCodec#TYPE_DATA}, {@link BlobCodec#TYPE_DICTIONARY} or {@link BlobCodec#TYPE_CHUNK_LIST})
 * @param compression a {@link Compression} code: 0 none, 1 zstd, 2 planes16+zstd, 3 zstd with a page dictionary
 * @param offset      byte offset in the pack
 * @param storedLength bytes in the pack
 * @param rawLength   plaintext bytes
 */
record BlobLocation(byte[] id, String pack, int type, int compression, long offset, int storedLength, int rawLength) { }
