package dev.cairn.engine.archiver;

import dev.cairn.engine.repository.BackupWriter;
import dev.cairn.engine.snapshot.ChunkRef;
import dev.cairn.engine.repository.KeyManager;
import dev.cairn.engine.repository.PruneReport;
import dev.cairn.engine.repository.Repository;
import dev.cairn.engine.repository.RepositoryInfo;
import dev.cairn.engine.repository.StoredContent;
import dev.cairn.engine.repository.VerifyOptions;
import dev.cairn.engine.repository.VerifyReport;
import dev.cairn.engine.snapshot.Manifest;
import dev.cairn.framework.ProgressListener;
import dev.cairn.framework.unit.ChunkingPolicy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real repository whose backup writer fails the {@code n}-th {@link BackupWriter#store} call with an
 * I/O error, as a full disk would; everything else goes to the real repository.
 */
final class FailingStorage implements Repository {

    private final Repository real;
    private final int failAt;
    private final Throwable failure;

    FailingStorage(Repository real, int failAt) {
        this(real, failAt, new IOException("No space left on device"));
    }

    /** Fails the {@code n}-th store with {@code failure}: an {@link IOException} or an {@link Error}. */
    FailingStorage(Repository real, int failAt, Throwable failure) {
        if (!(failure instanceof IOException) && !(failure instanceof Error)) {
            throw new IllegalArgumentException("store throws IOExceptions and Errors only: " + failure);
        }
        this.real = real;
        this.failAt = failAt;
        this.failure = failure;
    }

    @Override
    public BackupWriter newWriter() {
        BackupWriter w = real.newWriter();
        AtomicInteger calls = new AtomicInteger();
        return new BackupWriter() {
            @Override
            public StoredContent store(InputStream content, ChunkingPolicy chunking, boolean resumable, ProgressListener progress)
                    throws IOException {
                if (calls.incrementAndGet() == failAt) {
                    if (failure instanceof IOException io) {
                        throw io;
                    }
                    throw (Error) failure;
                }
                return w.store(content, chunking, resumable, progress);
            }

            @Override
            public void preparePageDictionary(dev.cairn.framework.unit.ContentSource source, long size, ChunkingPolicy chunking)
                    throws IOException {
                w.preparePageDictionary(source, size, chunking);
            }

            @Override
            public Optional<StoredContent> storeAppended(StoredContent previous, SeekableByteChannel file, ChunkingPolicy chunking,
                                                         ProgressListener progress) throws IOException {
                return w.storeAppended(previous, file, chunking, progress);
            }

            @Override
            public List<ChunkRef> chunksOf(dev.cairn.engine.snapshot.ManifestItem item) {
                return w.chunksOf(item);
            }

            @Override
            public boolean contains(String blobId) {
                return w.contains(blobId);
            }

            @Override
            public String commit(Manifest manifest, java.util.function.Predicate<dev.cairn.engine.snapshot.ManifestItem> carriedOver)
                    throws IOException {
                return w.commit(manifest, carriedOver);
            }

            @Override
            public void abort() {
                w.abort();
            }

            @Override
            public void close() {
                w.close();
            }
        };
    }

    @Override
    public RepositoryInfo info() {
        return real.info();
    }

    @Override
    public Path root() {
        return real.root();
    }

    @Override
    public List<String> snapshotIds() {
        return real.snapshotIds();
    }

    @Override
    public Manifest loadSnapshot(String snapshotId) {
        return real.loadSnapshot(snapshotId);
    }

    @Override
    public InputStream openContent(List<ChunkRef> chunks) {
        return real.openContent(chunks);
    }

    @Override
    public List<ChunkRef> chunksOf(dev.cairn.engine.snapshot.ManifestItem item) {
        return real.chunksOf(item);
    }

    @Override
    public void forgetSnapshot(String snapshotId) {
        real.forgetSnapshot(snapshotId);
    }

    @Override
    public PruneReport prune(boolean dryRun) {
        return real.prune(dryRun);
    }

    @Override
    public VerifyReport verify(VerifyOptions options) {
        return real.verify(options);
    }

    @Override
    public KeyManager keys() {
        return real.keys();
    }

    @Override
    public byte[] auditKey() {
        return real.auditKey();
    }

    @Override
    public void close() {
        real.close();
    }
}
