package dev.cairn.engine.repository.internal;

import dev.cairn.engine.snapshot.ChunkRef;
import dev.cairn.engine.repository.RepositoryException;

import java.io.InputStream;
import java.util.List;

/**
 * A stored file's content as a stream: each chunk is looked up in the index, read, authenticated,
 * decompressed and checked against its id and length before any of its bytes are returned. A blob
 * missing from the in-memory index makes it re-read {@code index/} once (another process may have
 * committed since this repository was opened). The pack of the last blob stays open until a blob of
 * another pack is needed or the stream is closed.
 */
final class ContentStream extends InputStream {

    private final FileRepository repository;
    private final List<ChunkRef> chunks;
    private int next;
    private byte[] current = new byte[0];
    private int pos;
    private String openPack;
    private java.nio.channels.FileChannel channel;

    ContentStream(FileRepository repository, List<ChunkRef> chunks) {
        this.repository = repository;
        this.chunks = List.copyOf(chunks);
    }

    private boolean advance() {
        while (pos == current.length) {
            if (next == chunks.size()) {
                return false;
            }
            ChunkRef ref = chunks.get(next++);
            if (!Hex.isId(ref.id())) {
                throw RepositoryException.corrupt("chunk id '" + ref.id() + "' is not 64 hex characters", "chunk " + (next - 1));
            }
            BlobLocation loc = repository.index().find(Hex.id(ref.id()));
            if (loc == null) {
                repository.refreshIndex();
                loc = repository.index().find(Hex.id(ref.id()));
            }
            if (loc == null) {
                throw RepositoryException.corrupt("blob " + ref.id() + " is in no index (missing data)", "chunk " + (next - 1));
            }
            if (!loc.pack().equals(openPack)) {
                closePack();
                channel = repository.openPack(loc.pack());
                openPack = loc.pack();
            }
            byte[] plain = repository.readBlob(loc, channel);
            if (plain.length != ref.length()) {
                throw RepositoryException.corrupt("blob " + ref.id() + " has " + plain.length + " bytes, the chunk list says " + ref.length(),
                        FileRepository.packWhere(loc.pack()));
            }
            current = plain;
            pos = 0;
        }
        return true;
    }

    @Override
    public int read() {
        if (!advance()) {
            return -1;
        }
        return current[pos++] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        if (!advance()) {
            return -1;
        }
        int n = Math.min(len, current.length - pos);
        System.arraycopy(current, pos, b, off, n);
        pos += n;
        return n;
    }

    private void closePack() {
        if (channel != null) {
            try {
                channel.close();
            } catch (java.io.IOException ignored) {
                // read-only channel: nothing to lose
            }
            channel = null;
            openPack = null;
        }
    }

    @Override
    public void close() {
        closePack();
        next = chunks.size();
        current = new byte[0];
        pos = 0;
    }

    @Override
    public int available() {
        return current.length - pos;
    }
}
