package dev.cairn.engine.snapshot;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * One entry of a snapshot.
 *
 * @param path      install-relative path, {@code /}-separated
 * @param unit      the unit that produced it
 * @param type      {@code file}, {@code dir} or {@code symlink}
 * @param size      content size in bytes (0 for dir and symlink)
 * @param sha256    SHA-256 of the content (files), of the target (symlinks), absent for dirs
 * @param mode      POSIX permission bits, or -1
 * @param mtimeNs   modification time, ns since the epoch
 * @param ctimeNs   change time seen at backup, ns since the epoch, or -1
 * @param inode     inode seen at backup, or -1
 * @param target    symlink target, or {@code null}
 * @param chunks    the content's chunks (files of at most 64 chunks), or {@code null}
 * @param hashState base64 of the resumable SHA-256 state (append-only files), or {@code null}
 * @param sourceSize the size the unit reported for the source when it differs from the stored content's
 *                   (e.g. a database plus its {@code -wal}, stored as one consistent copy), or {@code null};
 *                   strategies compare it instead of {@code size}
 * @param chunkLists the ids of the chunk-list blobs that hold the content's chunks, in order (files of
 *                   more than 64 chunks, instead of {@code chunks}), or {@code null};
 *                   {@code Repository.chunksOf} reads them
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ManifestItem(
        @JsonProperty("path") String path,
        @JsonProperty("unit") String unit,
        @JsonProperty("type") String type,
        @JsonProperty("size") long size,
        @JsonProperty("sha256") String sha256,
        @JsonProperty("mode") int mode,
        @JsonProperty("mtime_ns") long mtimeNs,
        @JsonProperty("ctime_ns") long ctimeNs,
        @JsonProperty("inode") long inode,
        @JsonProperty("target") String target,
        @JsonProperty("chunks") List<ChunkRef> chunks,
        @JsonProperty("hash_state") String hashState,
        @JsonProperty("source_size") Long sourceSize,
        @JsonProperty("chunk_lists") List<String> chunkLists) {

    /** Item type of regular files. */
    public static final String FILE = "file";
    /** Item type of directories. */
    public static final String DIR = "dir";
    /** Item type of symbolic links. */
    public static final String SYMLINK = "symlink";

    public ManifestItem {
        chunks = chunks == null ? null : List.copyOf(chunks);
        chunkLists = chunkLists == null ? null : List.copyOf(chunkLists);
    }

    /** An item whose chunks, if any, are listed in the manifest. */
    public ManifestItem(String path, String unit, String type, long size, String sha256, int mode, long mtimeNs, long ctimeNs,
                        long inode, String target, List<ChunkRef> chunks, String hashState, Long sourceSize) {
        this(path, unit, type, size, sha256, mode, mtimeNs, ctimeNs, inode, target, chunks, hashState, sourceSize, null);
    }

    /** An item whose source size is its content size. */
    public ManifestItem(String path, String unit, String type, long size, String sha256, int mode, long mtimeNs, long ctimeNs,
                        long inode, String target, List<ChunkRef> chunks, String hashState) {
        this(path, unit, type, size, sha256, mode, mtimeNs, ctimeNs, inode, target, chunks, hashState, null, null);
    }

    /** {@return whether the content's chunks are in chunk-list blobs rather than in {@link #chunks}} */
    public boolean hasChunkLists() {
        return chunkLists != null;
    }

    /** {@return the size to compare when deciding whether the source changed} */
    public long comparableSize() {
        return sourceSize != null ? sourceSize : size;
    }
}
