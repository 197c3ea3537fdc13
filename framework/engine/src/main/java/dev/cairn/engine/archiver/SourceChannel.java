package dev.cairn.engine.archiver;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;

/**
 * The live file of an append-only item, for {@link dev.cairn.engine.repository.BackupWriter#storeAppended}:
 * like {@link SourceStream}, a read error ends the channel early instead of reaching the writer, and the
 * sink calls {@link #throwIfFailed()} afterwards.
 */
final class SourceChannel implements SeekableByteChannel {

    private final FileChannel channel;
    private IOException failure;

    SourceChannel(FileChannel channel) {
        this.channel = channel;
    }

    /** Throws the first read error of the file, if there was one. */
    void throwIfFailed() throws SourceReadException {
        if (failure != null) {
            throw new SourceReadException(failure);
        }
    }

    @Override
    public int read(ByteBuffer dst) {
        if (failure != null) {
            return -1;
        }
        try {
            return channel.read(dst);
        } catch (IOException e) {
            failure = e;
            return -1;
        }
    }

    @Override
    public int write(ByteBuffer src) {
        throw new NonWritableChannelException();
    }

    @Override
    public long position() throws IOException {
        return channel.position();
    }

    @Override
    public SeekableByteChannel position(long newPosition) throws IOException {
        channel.position(newPosition);
        return this;
    }

    @Override
    public long size() throws IOException {
        return channel.size();
    }

    @Override
    public SeekableByteChannel truncate(long size) {
        throw new NonWritableChannelException();
    }

    @Override
    public boolean isOpen() {
        return channel.isOpen();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
