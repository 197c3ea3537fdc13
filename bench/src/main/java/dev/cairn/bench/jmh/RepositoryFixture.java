package dev.cairn.bench.jmh;

import dev.cairn.engine.repository.BackupWriter;
import dev.cairn.engine.repository.Repository;
import dev.cairn.engine.repository.RepositoryOptions;
import dev.cairn.engine.repository.StoredContent;
import dev.cairn.engine.snapshot.Manifest;
import dev.cairn.engine.snapshot.ManifestItem;
import dev.cairn.engine.snapshot.MerkleRoot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A throw-away repository under the system temp directory, created through the engine's public
 * {@link Repository} interface (with cheap Argon2 parameters: key derivation is not what these
 * benchmarks measure), and deleted with everything in it.
 */
final class RepositoryFixture implements AutoCloseable {

    static final char[] PASSPHRASE = "jmh-bench".toCharArray();

    private final Path dir;
    private final Repository repository;

    RepositoryFixture(boolean encrypted) throws IOException {
        dir = Files.createTempDirectory("cairn-jmh-");
        RepositoryOptions options = encrypted
                ? new RepositoryOptions(PASSPHRASE, RepositoryOptions.Argon2Params.TESTING, RepositoryOptions.DEFAULT_PACK_TARGET)
                : new RepositoryOptions(null, RepositoryOptions.Argon2Params.TESTING, RepositoryOptions.DEFAULT_PACK_TARGET);
        Path root = dir.resolve("repo");
        try {
            Repository.init(root, options).close();
            repository = Repository.open(root, encrypted ? PASSPHRASE : null);
        } catch (RuntimeException e) {
            delete(dir);
            throw new IllegalStateException("the engine's repository is not usable yet (" + e.getMessage()
                    + "): this benchmark measures it through Repository.init/open and needs it implemented", e);
        }
    }

    Repository repository() {
        return repository;
    }

    /** {@return a one-file manifest for {@code content}, enough for {@link BackupWriter#commit}} */
    static Manifest manifestOf(String path, StoredContent content) {
        boolean listed = !content.chunkLists().isEmpty();
        List<ManifestItem> items = List.of(new ManifestItem(path, "files", ManifestItem.FILE, content.size(), content.sha256(),
                0644, 0, -1, -1, null, listed ? null : content.chunks(), null, null, listed ? content.chunkLists() : null));
        return new Manifest(Manifest.FORMAT, null, Instant.EPOCH.toString(), "full", null, List.of(path), List.of(),
                MerkleRoot.of(items), Manifest.WF_VERSION, "bench", "bench", "/bench", Map.of(), List.of(), items, List.of());
    }

    @Override
    public void close() throws IOException {
        try {
            repository.close();
        } finally {
            delete(dir);
        }
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
