package dev.cairn.engine.repository.internal;

import dev.cairn.engine.snapshot.ChunkRef;
import dev.cairn.engine.repository.RepositoryException;
import dev.cairn.engine.repository.VerifyOptions;
import dev.cairn.engine.repository.VerifyReport;
import dev.cairn.engine.repository.VerifyReport.Kind;
import dev.cairn.engine.snapshot.Manifest;
import dev.cairn.engine.snapshot.ManifestItem;
import dev.cairn.engine.snapshot.MerkleRoot;
import dev.cairn.framework.CairnException;
import dev.cairn.framework.ProgressListener;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code verify}: checks structure from the files on disk (index files, pack sizes, every referenced
 * blob indexed, chunk lengths, root hashes), then, as asked, reads whole packs (all, or a random
 * subset): a pack's framing must hash to its name and each of its blobs must authenticate, decompress and hash to
 * its id. Reading everything also re-hashes every file's content against its {@code sha256}. Problems
 * about blobs and packs name the snapshots and files that reference them.
 */
final class Verifier {

    private final FileRepository repo;
    private final List<Found> problems = new ArrayList<>();
    private final Map<String, List<Found>> byBlob = new HashMap<>();
    private final Set<String> badBlobs = new HashSet<>();
    private final Map<String, Manifest> manifests = new LinkedHashMap<>();
    /** The chunks held by each item's chunk lists, read once per distinct list ({@code null}: unreadable). */
    private final Map<List<String>, List<ChunkRef>> listed = new HashMap<>();
    private long blobsRead;
    private long bytesRead;

    /** A problem whose affected snapshots and files are still being collected. */
    private record Found(Kind kind, String where, String message, Set<String> snapshots, Set<String> files) {
        Found(Kind kind, String where, String message) {
            this(kind, where, message, new LinkedHashSet<>(), new LinkedHashSet<>());
        }
    }

    Verifier(FileRepository repo) {
        this.repo = repo;
    }

    VerifyReport run(VerifyOptions options) {
        CompactIndex index = loadIndex();
        Map<String, Long> onDisk = packSizesOnDisk();
        Set<String> badPacks = checkPacks(index, onDisk);
        loadSnapshots();
        for (Map.Entry<String, Manifest> e : manifests.entrySet()) {
            checkSnapshot(e.getKey(), e.getValue(), index);
        }
        if (options.readDataPercent() > 0) {
            readPacks(index, badPacks, options.readDataPercent(), options.progress());
        }
        if (options.readDataPercent() == 100) {
            checkFileHashes(index);
        }
        attribute();
        List<VerifyReport.Problem> out = new ArrayList<>();
        for (Found f : problems) {
            out.add(new VerifyReport.Problem(f.kind(), f.where(), f.message(), f.snapshots(), f.files()));
        }
        return new VerifyReport(out, manifests.size(), blobsRead, bytesRead);
    }

    private Found report(Kind kind, String where, String message) {
        Found f = new Found(kind, where, message);
        problems.add(f);
        return f;
    }

    private void blame(Found f, BlobLocation blob) {
        String hex = Hex.of(blob.id());
        byBlob.computeIfAbsent(hex, k -> new ArrayList<>()).add(f);
        badBlobs.add(hex);
    }

    private CompactIndex loadIndex() {
        CompactIndex index = new CompactIndex();
        for (String name : repo.indexFileNames()) {
            try {
                for (IndexFile.PackEntry p : repo.readIndexFile(name)) {
                    index.addPack(p.name(), p.size(), p.blobs());
                }
            } catch (RepositoryException e) {
                if (e.kind() != CairnException.Kind.CORRUPT) {
                    throw e;
                }
                report(Kind.DAMAGED_FILE, FileRepository.INDEX + "/" + name, e.getMessage());
            }
        }
        return index;
    }

    private Map<String, Long> packSizesOnDisk() {
        Map<String, Long> sizes = new HashMap<>();
        for (String name : repo.packNames()) {
            try {
                sizes.put(name, Files.size(repo.packPath(name)));
            } catch (NoSuchFileException e) {
                // removed meanwhile: treated as missing
            } catch (IOException e) {
                throw AtomicFiles.io("cannot stat pack", repo.packPath(name), e);
            }
        }
        return sizes;
    }

    private Set<String> checkPacks(CompactIndex index, Map<String, Long> onDisk) {
        Set<String> bad = new HashSet<>();
        for (int p = 0; p < index.packCount(); p++) {
            CompactIndex.Pack pack = index.packAt(p);
            Long size = onDisk.get(pack.name());
            String where = FileRepository.packWhere(pack.name());
            Found f = null;
            if (size == null) {
                f = report(Kind.MISSING_PACK, where, "pack listed in the index does not exist");
            } else if (size != pack.size()) {
                f = report(Kind.MISSING_PACK, where, "pack has " + size + " bytes, the index says " + pack.size()
                        + " (truncated or replaced)");
            }
            if (f != null) {
                bad.add(pack.name());
                for (BlobLocation b : index.blobsOfPack(p)) {
                    blame(f, b);
                }
            }
        }
        return bad;
    }

    private void loadSnapshots() {
        for (String id : FileRepository.listIds(repo.root().resolve(FileRepository.SNAPSHOTS))) {
            String where = FileRepository.SNAPSHOTS + "/" + id;
            try {
                manifests.put(id, repo.loadSnapshotExact(id));
            } catch (SnapshotFile.ReplacedException e) {
                report(Kind.SNAPSHOT_REPLACED, where, e.getMessage()).snapshots().add(id);
            } catch (RepositoryException e) {
                if (e.kind() == CairnException.Kind.NOT_FOUND) {
                    continue;
                }
                if (e.kind() != CairnException.Kind.CORRUPT) {
                    throw e;
                }
                report(Kind.DAMAGED_FILE, where, e.getMessage()).snapshots().add(id);
            }
        }
    }

    private void checkSnapshot(String id, Manifest m, CompactIndex index) {
        String where = FileRepository.SNAPSHOTS + "/" + id;
        String root = MerkleRoot.of(m.items());
        if (!root.equals(m.rootHash())) {
            report(Kind.CONTENT_MISMATCH, where, "root_hash " + m.rootHash() + " does not match the items (recomputed " + root + ")")
                    .snapshots().add(id);
        }
        Found missing = null;
        for (ManifestItem item : m.items()) {
            if (item.chunkLists() != null) {
                readChunkLists(id, item, index);
            }
            List<ChunkRef> chunks = chunksOf(item);
            if (chunks == null) {
                continue;
            }
            long sum = 0;
            for (ChunkRef c : chunks) {
                sum += c.length();
                BlobLocation loc = Hex.isId(c.id()) ? index.find(Hex.id(c.id())) : null;
                if (loc == null) {
                    if (missing == null) {
                        missing = report(Kind.MISSING_BLOB, where, "blobs referenced by the snapshot are in no index");
                    }
                    missing.snapshots().add(id);
                    missing.files().add(item.path());
                    badBlobs.add(c.id());
                } else if (loc.rawLength() != c.length()) {
                    Found f = report(Kind.CONTENT_MISMATCH, where, "chunk " + c.id() + " has " + loc.rawLength()
                            + " bytes in the index, the manifest says " + c.length());
                    f.snapshots().add(id);
                    f.files().add(item.path());
                }
            }
            if (sum != item.size()) {
                Found f = report(Kind.CONTENT_MISMATCH, where, "item " + item.path() + " has size " + item.size()
                        + " but its chunks add up to " + sum);
                f.snapshots().add(id);
                f.files().add(item.path());
            }
        }
    }

    /**
     * {@return an item's chunks: those listed in the manifest, or those its chunk lists hold; {@code null}
     * when it has none or its lists could not be read (a problem already says so)}
     */
    private List<ChunkRef> chunksOf(ManifestItem item) {
        return item.chunkLists() != null ? listed.get(item.chunkLists()) : item.chunks();
    }

    /**
     * Reads an item's chunk lists once (later snapshots sharing them reuse the result): a list in no index
     * is MISSING_BLOB, one that does not read or parse is DAMAGED_BLOB, naming the snapshot and file.
     */
    private void readChunkLists(String snapshotId, ManifestItem item, CompactIndex index) {
        if (listed.containsKey(item.chunkLists())) {
            return;
        }
        String where = FileRepository.SNAPSHOTS + "/" + snapshotId;
        ChunkList chunks = ChunkList.empty();
        for (String list : item.chunkLists()) {
            BlobLocation loc = Hex.isId(list) ? index.find(Hex.id(list)) : null;
            if (badBlobs.contains(list)) { // in a missing or truncated pack: that problem names the files
                listed.put(item.chunkLists(), null);
                return;
            }
            if (loc == null) {
                Found f = report(Kind.MISSING_BLOB, where, "chunk list " + list + " of " + item.path() + " is in no index");
                byBlob.computeIfAbsent(list, k -> new ArrayList<>()).add(f);
                badBlobs.add(list);
                listed.put(item.chunkLists(), null);
                return;
            }
            String at = FileRepository.packWhere(loc.pack()) + " at offset " + loc.offset();
            try {
                if (loc.type() != BlobCodec.TYPE_CHUNK_LIST) {
                    throw RepositoryException.corrupt("blob is of type " + loc.type() + ", not a chunk list", at);
                }
                chunks.appendBlob(repo.readBlob(loc), at);
            } catch (RepositoryException e) {
                if (e.kind() != CairnException.Kind.CORRUPT) {
                    throw e;
                }
                blame(report(Kind.DAMAGED_BLOB, at, "chunk list " + list + ": " + e.getMessage()), loc);
                listed.put(item.chunkLists(), null);
                return;
            }
        }
        listed.put(item.chunkLists(), chunks);
    }

    private void readPacks(CompactIndex index, Set<String> badPacks, int percent, ProgressListener progress) {
        List<Integer> candidates = new ArrayList<>();
        for (int p = 0; p < index.packCount(); p++) {
            if (!badPacks.contains(index.packAt(p).name())) {
                candidates.add(p);
            }
        }
        if (percent < 100) {
            Collections.shuffle(candidates, new SecureRandom());
            int n = (int) Math.max(candidates.isEmpty() ? 0 : 1, (candidates.size() * (long) percent + 99) / 100);
            candidates = candidates.subList(0, Math.min(n, candidates.size()));
        }
        for (int p : candidates) {
            readPack(index.packAt(p).name(), index.blobsOfPack(p), progress);
        }
    }

    private void readPack(String name, List<BlobLocation> blobs, ProgressListener progress) {
        String where = FileRepository.packWhere(name);
        Path file = repo.packPath(name);
        try {
            String framingProblem = framingProblem(file, name, where);
            if (framingProblem != null) {
                Found f = report(Kind.DAMAGED_FILE, where, framingProblem);
                for (BlobLocation b : blobs) {
                    byBlob.computeIfAbsent(Hex.of(b.id()), k -> new ArrayList<>()).add(f);
                }
            }
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                byte[] sessionKey;
                try {
                    sessionKey = PackFormat.readHeader(ch, repo.repositoryKeys(), where);
                } catch (RepositoryException e) {
                    Found f = report(Kind.DAMAGED_BLOB, where, "pack header: " + e.getMessage());
                    for (BlobLocation b : blobs) {
                        blame(f, b);
                    }
                    return;
                }
                for (BlobLocation b : blobs) {
                    String at = where + " at offset " + b.offset();
                    try {
                        byte[] stored = PackFormat.readFully(ch, b.offset(), b.storedLength(), at);
                        repo.codec().decode(b, stored, sessionKey, at);
                    } catch (RepositoryException e) {
                        if (e.kind() != CairnException.Kind.CORRUPT) {
                            throw e;
                        }
                        blame(report(Kind.DAMAGED_BLOB, at, "blob " + Hex.of(b.id()) + ": " + e.getMessage()), b);
                    }
                    blobsRead++;
                    bytesRead += b.storedLength();
                    try {
                        progress.bytesProcessed(b.storedLength());
                    } catch (RuntimeException ignored) {
                        // a listener never fails a run
                    }
                }
            }
        } catch (NoSuchFileException e) {
            Found f = report(Kind.MISSING_PACK, where, "pack disappeared during verify");
            for (BlobLocation b : blobs) {
                blame(f, b);
            }
        } catch (IOException e) {
            throw AtomicFiles.io("cannot read pack", file, e);
        }
    }

    /** {@return why a pack's framing does not match its name, or {@code null} when it does} */
    private String framingProblem(Path file, String name, String where) {
        try {
            return PackFormat.nameOf(file, repo.repositoryKeys(), where).equals(name)
                    ? null : "pack's header and trailer do not hash to its name (damaged or replaced)";
        } catch (RepositoryException e) {
            if (e.kind() != CairnException.Kind.CORRUPT) {
                throw e;
            }
            return e.getMessage();
        }
    }

    private void checkFileHashes(CompactIndex index) {
        Map<String, Found> checked = new HashMap<>();
        for (Map.Entry<String, Manifest> e : manifests.entrySet()) {
            for (ManifestItem item : e.getValue().items()) {
                List<ChunkRef> chunks = chunksOf(item);
                if (chunks == null || !ManifestItem.FILE.equals(item.type())
                        || chunks.stream().anyMatch(c -> badBlobs.contains(c.id()))) {
                    continue;
                }
                String key = item.sha256() + "|" + (item.chunkLists() != null ? "lists " + String.join(",", item.chunkLists())
                        : String.join(",", chunks.stream().map(ChunkRef::id).toList()));
                Found f;
                if (checked.containsKey(key)) {
                    f = checked.get(key);
                } else {
                    f = hashContent(item, chunks, index, FileRepository.SNAPSHOTS + "/" + e.getKey());
                    checked.put(key, f);
                }
                if (f != null) {
                    f.snapshots().add(e.getKey());
                    f.files().add(item.path());
                }
            }
        }
    }

    /** {@return a problem when the content does not hash to the item's sha256, else {@code null}} */
    private Found hashContent(ManifestItem item, List<ChunkRef> chunks, CompactIndex index, String where) {
        MessageDigest md = Crypto.sha256();
        try {
            for (ChunkRef c : chunks) {
                BlobLocation loc = index.find(Hex.id(c.id()));
                byte[] plain = repo.readBlob(loc);
                md.update(plain);
            }
        } catch (RepositoryException e) {
            if (e.kind() != CairnException.Kind.CORRUPT) {
                throw e;
            }
            return report(Kind.DAMAGED_BLOB, where, "content of " + item.path() + " cannot be read: " + e.getMessage());
        }
        String actual = Hex.of(md.digest());
        if (!actual.equals(item.sha256())) {
            return report(Kind.CONTENT_MISMATCH, where, "content of " + item.path() + " hashes to " + actual + ", the manifest says " + item.sha256());
        }
        return null;
    }

    private void attribute(String blobId, String snapshotId, ManifestItem item) {
        List<Found> fs = byBlob.get(blobId);
        if (fs != null) {
            for (Found f : fs) {
                f.snapshots().add(snapshotId);
                f.files().add(item.path());
            }
        }
    }

    /** Adds the snapshots and files that reference damaged or missing blobs to their problems. */
    private void attribute() {
        if (byBlob.isEmpty()) {
            return;
        }
        for (Map.Entry<String, Manifest> e : manifests.entrySet()) {
            for (ManifestItem item : e.getValue().items()) {
                if (item.chunkLists() != null) {
                    for (String list : item.chunkLists()) {
                        attribute(list, e.getKey(), item);
                    }
                }
                List<ChunkRef> chunks = chunksOf(item);
                if (chunks != null) {
                    for (ChunkRef c : chunks) {
                        attribute(c.id(), e.getKey(), item);
                    }
                }
            }
        }
    }
}
