package dev.cairn.engine.repository.internal;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes one pack: a temporary file in {@code data/} that receives the header and blobs, then the
 * trailer; {@link #finish} forces it, names it by the SHA-256 of its framing (header, trailer and footer,
 * see {@link PackFormat}) and renames it to
 * {@code data/<first two hex>/<name>}. Not thread-safe: the session's single pack writer calls it.
 */
final class PackWriter implements AutoCloseable {

    /** A published pack. */
    record Published(String name, long size, List<BlobLocation> blobs) { }

    /**
     * Small blobs (database pages) are gathered into writes of this size; larger blobs are written
     * directly. The buffer lives as long as its pack, often across young collections: one of 1 MiB per
     * 32 MiB pack was 30 MB of such buffers in a first backup (JFR allocation samples).
     */
    static final int BUFFER_BYTES = 128 << 10;

    private final Path dataDir;
    private final RepositoryKeys keys;
    private final SessionKey session;
    private final Path temp;
    private final FileChannel channel;
    private final OutputStream out;
    private final MessageDigest digest = Crypto.sha256();
    private final List<BlobLocation> blobs = new ArrayList<>();
    private long size;
    private boolean done;

    PackWriter(Path dataDir, RepositoryKeys keys, SessionKey session) throws IOException {
        this.dataDir = dataDir;
        this.keys = keys;
        this.session = session;
        this.temp = AtomicFiles.tempFile(dataDir);
        this.channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        this.out = new BufferedOutputStream(Channels.newOutputStream(channel), BUFFER_BYTES);
        write(PackFormat.header(keys, session));
    }

    /** Writes part of the pack's framing, which its name hashes. */
    private void write(byte[] b) throws IOException {
        out.write(b);
        digest.update(b);
        size += b.length;
    }

    /** Appends one stored blob. */
    void add(BlobCodec.Encoded blob) throws IOException {
        blobs.add(new BlobLocation(blob.id(), null, blob.type(), blob.compression(), size, blob.length(), blob.rawLength()));
        out.write(blob.stored(), blob.offset(), blob.length());
        size += blob.length();
    }

    long size() {
        return size;
    }

    int blobCount() {
        return blobs.size();
    }

    /** Writes the trailer, forces the file and publishes it under its hash. */
    Published finish() throws IOException {
        write(PackFormat.trailer(keys, session, blobs));
        out.flush();
        channel.force(true);
        channel.close();
        done = true;
        String name = Hex.of(digest.digest());
        Path dir = dataDir.resolve(name.substring(0, 2));
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            AtomicFiles.fsyncDir(dataDir);
        }
        Path target = dir.resolve(name);
        if (Files.exists(target)) {
            Files.delete(temp);
        } else {
            AtomicFiles.move(temp, target, false);
        }
        List<BlobLocation> located = new ArrayList<>(blobs.size());
        for (BlobLocation b : blobs) {
            located.add(new BlobLocation(b.id(), name, b.type(), b.compression(), b.offset(), b.storedLength(), b.rawLength()));
        }
        return new Published(name, size, located);
    }

    /** Drops an unfinished pack. */
    @Override
    public void close() {
        if (!done) {
            done = true;
            try {
                channel.close();
            } catch (IOException ignored) {
                // the file is deleted next
            }
            AtomicFiles.deleteQuietly(temp);
        }
    }
}
