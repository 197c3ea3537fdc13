package dev.cairn.engine.repository.internal;

import dev.cairn.engine.repository.RepositoryException;
import dev.cairn.engine.snapshot.Manifest;
import dev.cairn.framework.CairnException;
import dev.cairn.engine.snapshot.ManifestCodec;

import java.nio.charset.StandardCharsets;

/**
 * Snapshot files ({@code snapshots/<snapshot id>}): an {@link Envelope} with magic {@code CAIRNSN1},
 * header fields {@code id(32) u64 createdMillis} and the manifest's JSON as payload (zstd when it pays).
 * In encrypted repositories the header fields are authenticated with the content, so a snapshot file
 * copied under another snapshot's name is detected: its header names its real id, and changing that
 * header breaks authentication. Unencrypted snapshot files are checked the same way against the
 * manifest's {@code backup_id}.
 */
final class SnapshotFile {

    static final byte[] MAGIC = "CAIRNSN1".getBytes(StandardCharsets.US_ASCII);
    static final int HEADER_FIELDS = 32 + 8;
    static final int MAX_FILE = ManifestCodec.MAX_MANIFEST_BYTES + 1024;

    /** A snapshot's header: its id and creation time. */
    record Header(String id, long createdMillis) { }

    private SnapshotFile() {
    }

    static byte[] encode(Manifest manifest, long createdMillis, RepositoryKeys keys) {
        byte[] fields = new ByteWriter(HEADER_FIELDS).bytes(Hex.id(manifest.backupId())).u64(createdMillis).toByteArray();
        return Envelope.seal(MAGIC, fields, ManifestCodec.encode(manifest), true, keys);
    }

    static Header header(byte[] file, RepositoryKeys keys, String where) {
        byte[] fields = Envelope.headerFields(file, MAGIC, HEADER_FIELDS, keys, "Cairn snapshot", where);
        BoundedReader r = new BoundedReader(fields, where);
        return new Header(Hex.of(r.bytes(32, "snapshot id")), r.u64("creation time"));
    }

    /**
     * Decodes and authenticates a snapshot stored under {@code expectedId}.
     *
     * @throws ReplacedException when the file holds another snapshot
     * @throws RepositoryException CORRUPT when it cannot be read or authenticated
     */
    static Manifest decode(byte[] file, String expectedId, RepositoryKeys keys, String where) {
        Header header = header(file, keys, where);
        if (!header.id().equals(expectedId)) {
            throw new ReplacedException("snapshot file holds snapshot " + header.id() + ", not " + expectedId
                    + " (an older snapshot put back in place of a newer one?)", where);
        }
        Envelope.Opened opened = Envelope.open(file, MAGIC, HEADER_FIELDS, ManifestCodec.MAX_MANIFEST_BYTES, keys, "Cairn snapshot", where);
        Manifest manifest;
        try {
            manifest = ManifestCodec.decode(opened.payload(), where);
        } catch (CairnException e) {
            // The codec lives beside the manifest and knows nothing of repositories; keep the repository's typed error.
            throw new RepositoryException(e.kind(), e.getMessage(), null, e.getCause());
        }
        if (!expectedId.equals(manifest.backupId())) {
            throw new ReplacedException("snapshot file holds manifest " + manifest.backupId() + ", not " + expectedId
                    + " (an older snapshot put back in place of a newer one?)", where);
        }
        return manifest;
    }

    /** A snapshot file that authenticates but belongs under another name. */
    static final class ReplacedException extends RepositoryException {
        private static final long serialVersionUID = 1L;

        ReplacedException(String message, String where) {
            super(Kind.CORRUPT, message, where, null);
        }
    }
}
