package dev.cairn.engine.repository;

import dev.cairn.engine.snapshot.Manifest;
import dev.cairn.engine.snapshot.ManifestItem;
import dev.cairn.engine.snapshot.MerkleRoot;
import dev.cairn.framework.ProgressListener;
import dev.cairn.framework.unit.ChunkingPolicy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/** Test support: backs up in-memory files through the public API and reads them back. */
public final class Backups {

    private Backups() {
    }

    /** Stores every file and commits a manifest; {@return the snapshot id} */
    public static String backup(Repository repo, Map<String, byte[]> files, ChunkingPolicy chunking) throws IOException {
        return backup(repo, files, path -> chunking);
    }

    /** Stores every file with the chunking {@code chunking} gives its path and commits; {@return the snapshot id} */
    public static String backup(Repository repo, Map<String, byte[]> files, java.util.function.Function<String, ChunkingPolicy> chunking)
            throws IOException {
        try (BackupWriter writer = repo.newWriter()) {
            List<ManifestItem> items = new ArrayList<>();
            for (Map.Entry<String, byte[]> e : new TreeMap<>(files).entrySet()) {
                StoredContent c = writer.store(new ByteArrayInputStream(e.getValue()), chunking.apply(e.getKey()), false, ProgressListener.NOOP);
                items.add(item(e.getKey(), c));
            }
            return writer.commit(manifest(items));
        }
    }

    /** {@return the item of a stored file, naming its chunk lists instead of its chunks when it has them, as the archiver does} */
    public static ManifestItem item(String path, StoredContent c) {
        boolean listed = !c.chunkLists().isEmpty();
        return new ManifestItem(path, "test", ManifestItem.FILE, c.size(), c.sha256(), 0644, 0, -1, -1, null,
                listed ? null : c.chunks(), c.hashState() == null ? null : java.util.Base64.getEncoder().encodeToString(c.hashState()),
                null, listed ? c.chunkLists() : null);
    }

    public static Manifest manifest(List<ManifestItem> items) {
        return new Manifest(Manifest.FORMAT, null, Instant.now().toString(), "full", null, List.of("/"), List.of(),
                MerkleRoot.of(items), Manifest.WF_VERSION, "test", "host", "/install", Map.of(), List.of(), items, List.of());
    }

    /** {@return every file of a snapshot, read back through {@link Repository#openContent}} */
    public static Map<String, byte[]> restore(Repository repo, String snapshotId) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (ManifestItem item : repo.loadSnapshot(snapshotId).items()) {
            try (InputStream in = repo.openContent(repo.chunksOf(item))) {
                out.put(item.path(), in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    public static byte[] random(long seed, int size) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    /**
     * {@return {@code size} bytes of fp16 weights like a model's: values from a normal distribution with
     * sigma 0.02, as little-endian IEEE half floats (a trailing odd byte is 0x3c)}
     */
    public static byte[] halfWeights(long seed, int size) {
        Random r = new Random(seed);
        byte[] b = new byte[size];
        for (int i = 0; i + 1 < size; i += 2) {
            short h = Float.floatToFloat16((float) (r.nextGaussian() * 0.02));
            b[i] = (byte) h;
            b[i + 1] = (byte) (h >> 8);
        }
        if ((size & 1) != 0) {
            b[size - 1] = 0x3c;
        }
        return b;
    }

    /** {@return text-like bytes that zstd compresses well but that still vary} */
    public static byte[] compressible(long seed, int size) {
        Random r = new Random(seed);
        String[] words = {"backup ", "cairn ", "chunk ", "pack ", "index ", "snapshot ", "verify ", "restore ", "\n", "2026-11-25 "};
        StringBuilder sb = new StringBuilder(size + 16);
        while (sb.length() < size) {
            sb.append(words[r.nextInt(words.length)]).append(r.nextInt(1000));
        }
        return sb.substring(0, size).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** The page size of {@link #pages}. */
    public static final int PAGE = 4096;

    /**
     * {@return {@code count} pages of {@value #PAGE} bytes, one after another, of text records with a small
     * vocabulary and random numbers, like a database table's leaf pages}: enough shared structure that a
     * page dictionary pays
     */
    public static byte[] pages(long seed, int count) {
        String[] words = {"alice", "bob", "carol", "order", "shipped", "pending", "invoice", "customer", "@example.com", "status",
            "the parcel left the warehouse", "awaiting payment confirmation", "refund requested by customer"};
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        byte[] out = new byte[count * PAGE];
        for (int p = 0; p < count; p++) {
            out[p * PAGE] = 0x0d;
            StringBuilder text = new StringBuilder();
            while (text.length() < PAGE - 16) {
                text.append("id=").append(r.nextInt(10_000)).append("|name=").append(words[r.nextInt(words.length)]).append("|note=")
                        .append(words[r.nextInt(words.length)]).append("|amount=").append(r.nextInt(1000)).append(";\n");
            }
            System.arraycopy(text.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, out, p * PAGE + 16, PAGE - 16);
        }
        return out;
    }

    public static RepositoryOptions encrypted(String passphrase, long packTarget) {
        return new RepositoryOptions(passphrase.toCharArray(), RepositoryOptions.Argon2Params.TESTING, packTarget);
    }

    public static RepositoryOptions plain(long packTarget) {
        return new RepositoryOptions(null, RepositoryOptions.Argon2Params.TESTING, packTarget);
    }
}
