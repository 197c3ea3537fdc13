package dev.cairn.engine.repository.internal;

import dev.cairn.engine.snapshot.ChunkRef;
import dev.cairn.engine.repository.PruneReport;
import dev.cairn.engine.repository.RepositoryException;
import dev.cairn.engine.snapshot.Manifest;
import dev.cairn.engine.snapshot.ManifestItem;
import dev.cairn.framework.CairnException;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code prune}, run under the exclusive lock: every blob no snapshot references is dropped. Packs
 * whose blobs are all unused are deleted, packs with some unused blobs are rewritten (their used blobs
 * are decoded, checked and stored again in new packs), unindexed packs are indexed when they hold
 * referenced blobs, and leftover {@code .tmp-*} files are removed. Order: new packs, then new index
 * files, then the old index files are deleted, then the old packs. A crash at any step leaves every
 * referenced blob indexed in at least one existing pack. Prune refuses to run when a snapshot cannot
 * be read or an indexed pack is missing, since it could then not know what is referenced.
 */
final class Pruner {

    private final FileRepository repo;

    Pruner(FileRepository repo) {
        this.repo = repo;
    }

    PruneReport run(boolean dryRun) {
        IdSet referenced = referencedBlobs();
        CompactIndex master = repo.index();
        CompactIndex all = new CompactIndex();
        for (int p = 0; p < master.packCount(); p++) {
            CompactIndex.Pack pack = master.packAt(p);
            if (!Files.exists(repo.packPath(pack.name()))) {
                throw new RepositoryException(CairnException.Kind.CORRUPT, "cannot prune: indexed pack is missing; run verify",
                        FileRepository.packWhere(pack.name()), null);
            }
            all.addPack(pack.name(), pack.size(), master.blobsOfPack(p));
        }
        long freed = 0;
        int deleted = 0;
        List<String> unreadable = new ArrayList<>();
        boolean adopted = false;
        for (String name : repo.packNames()) {
            if (all.containsPack(name)) {
                continue;
            }
            Path file = repo.packPath(name);
            try {
                all.addPack(name, Files.size(file),
                        PackFormat.readSound(file, name, repo.repositoryKeys(), repo.codec(), FileRepository.packWhere(name)));
                adopted = true;
                continue;
            } catch (RepositoryException e) {
                if (e.kind() != CairnException.Kind.CORRUPT) {
                    throw e;
                }
            } catch (IOException e) {
                throw AtomicFiles.io("cannot read pack", file, e);
            }
            unreadable.add(name);
            freed += sizeOf(file);
            deleted++;
        }

        IdSet kept = new IdSet();
        List<Integer> keep = new ArrayList<>();
        List<String> delete = new ArrayList<>();
        Map<String, List<BlobLocation>> rewrite = new LinkedHashMap<>();
        long blobsRemoved = 0;
        long rewrittenBytes = 0;
        long rewriteUnusedBytes = 0;
        for (int p = 0; p < all.packCount(); p++) {
            CompactIndex.Pack pack = all.packAt(p);
            List<BlobLocation> blobs = all.blobsOfPack(p);
            List<BlobLocation> used = new ArrayList<>();
            long unusedBytes = 0;
            for (BlobLocation b : blobs) {
                // page dictionaries are kept: chunks name them by dictionary id, not snapshots by blob id
                if ((referenced.contains(b.id()) || b.type() == BlobCodec.TYPE_DICTIONARY) && !kept.contains(b.id())) {
                    kept.add(b.id());
                    used.add(b);
                } else {
                    blobsRemoved++;
                    unusedBytes += b.storedLength();
                }
            }
            if (used.size() == blobs.size()) {
                keep.add(p);
            } else if (used.isEmpty()) {
                delete.add(pack.name());
                freed += pack.size();
            } else {
                rewrite.put(pack.name(), used);
                rewrittenBytes += pack.size();
                rewriteUnusedBytes += unusedBytes;
                freed += unusedBytes;
            }
        }
        List<Path> temps = tempFiles();
        for (Path t : temps) {
            freed += sizeOf(t);
        }
        deleted += delete.size();
        if (dryRun || (delete.isEmpty() && rewrite.isEmpty() && !adopted && unreadable.isEmpty() && temps.isEmpty())) {
            return new PruneReport(blobsRemoved, deleted, rewrite.size(), freed, dryRun);
        }

        List<String> oldIndexFiles = repo.indexFileNames();
        List<String> newIndexFiles = new ArrayList<>();
        List<IndexFile.PackEntry> batch = new ArrayList<>();
        int batchEntries = 0;
        for (int p : keep) {
            List<BlobLocation> blobs = all.blobsOfPack(p);
            batch.add(new IndexFile.PackEntry(all.packAt(p).name(), all.packAt(p).size(), blobs));
            batchEntries += blobs.size();
            if (batchEntries >= IndexFile.ENTRIES_PER_FILE) {
                newIndexFiles.addAll(repo.writeIndex(batch));
                batch = new ArrayList<>();
                batchEntries = 0;
            }
        }
        if (!rewrite.isEmpty()) {
            long written = 0;
            for (PackWriter.Published p : rewritePacks(rewrite)) {
                batch.add(new IndexFile.PackEntry(p.name(), p.size(), p.blobs()));
                written += p.size();
            }
            freed = freed - rewriteUnusedBytes + rewrittenBytes - written;
        }
        if (!batch.isEmpty()) {
            newIndexFiles.addAll(repo.writeIndex(batch));
        }
        for (String name : oldIndexFiles) {
            if (!newIndexFiles.contains(name)) {
                AtomicFiles.deleteDurably(repo.root().resolve(FileRepository.INDEX).resolve(name));
            }
        }
        for (String name : delete) {
            AtomicFiles.deleteDurably(repo.packPath(name));
        }
        for (String name : rewrite.keySet()) {
            AtomicFiles.deleteDurably(repo.packPath(name));
        }
        for (String name : unreadable) {
            AtomicFiles.deleteDurably(repo.packPath(name));
        }
        for (Path t : temps) {
            AtomicFiles.deleteQuietly(t);
        }
        repo.refreshIndex();
        return new PruneReport(blobsRemoved, deleted, rewrite.size(), freed, false);
    }

    private List<PackWriter.Published> rewritePacks(Map<String, List<BlobLocation>> rewrite) {
        SessionKey session = SessionKey.random();
        List<PackWriter.Published> out = new ArrayList<>();
        PackWriter writer = null;
        try {
            for (Map.Entry<String, List<BlobLocation>> entry : rewrite.entrySet()) {
                String name = entry.getKey();
                String where = FileRepository.packWhere(name);
                try (FileChannel ch = FileChannel.open(repo.packPath(name), StandardOpenOption.READ)) {
                    byte[] sessionKey = PackFormat.readHeader(ch, repo.repositoryKeys(), where);
                    for (BlobLocation b : entry.getValue()) {
                        String at = where + " at offset " + b.offset();
                        BlobCodec.Encoded moved = repo.codec().reseal(b, PackFormat.readFully(ch, b.offset(), b.storedLength(), at),
                                sessionKey, session, at);
                        if (writer == null) {
                            writer = new PackWriter(repo.dataDir(), repo.repositoryKeys(), session);
                        }
                        writer.add(moved);
                        if (writer.size() >= repo.config().packTarget()) {
                            out.add(writer.finish());
                            writer.close();
                            writer = null;
                        }
                    }
                }
            }
            if (writer != null) {
                out.add(writer.finish());
                writer.close();
                writer = null;
            }
            return out;
        } catch (IOException e) {
            throw AtomicFiles.io("cannot rewrite packs", repo.dataDir(), e);
        } finally {
            if (writer != null) {
                writer.close();
            }
        }
    }

    /**
     * {@return every blob a snapshot references: its items' chunks, and of items with chunk lists the
     * lists and the chunks they hold (each list read once however many snapshots share it)}
     *
     * @throws RepositoryException CORRUPT when a snapshot or a chunk list cannot be read: what it
     *                             references is then unknown, so nothing may be deleted
     */
    private IdSet referencedBlobs() {
        IdSet referenced = new IdSet();
        java.util.Set<String> listsRead = new java.util.HashSet<>();
        for (String id : FileRepository.listIds(repo.root().resolve(FileRepository.SNAPSHOTS))) {
            Manifest m;
            try {
                m = repo.loadSnapshotExact(id);
            } catch (RepositoryException e) {
                throw new RepositoryException(CairnException.Kind.CORRUPT, "cannot prune: snapshot " + id + " is unreadable ("
                        + e.getMessage() + "); forget it or repair the repository first", FileRepository.SNAPSHOTS + "/" + id, e);
            }
            for (ManifestItem item : m.items()) {
                if (item.chunks() != null) {
                    addAll(referenced, item.chunks());
                }
                if (item.chunkLists() != null && listsRead.addAll(item.chunkLists())) {
                    for (String list : item.chunkLists()) {
                        if (Hex.isId(list)) {
                            referenced.add(Hex.id(list));
                        }
                    }
                    try {
                        addAll(referenced, repo.chunksOf(item));
                    } catch (RepositoryException e) {
                        throw new RepositoryException(CairnException.Kind.CORRUPT, "cannot prune: the chunk list of " + item.path()
                                + " in snapshot " + id + " is unreadable (" + e.getMessage() + "); forget the snapshot or repair the repository first",
                                FileRepository.SNAPSHOTS + "/" + id, e);
                    }
                }
            }
        }
        return referenced;
    }

    private static void addAll(IdSet referenced, List<ChunkRef> chunks) {
        for (ChunkRef c : chunks) {
            if (Hex.isId(c.id())) {
                referenced.add(Hex.id(c.id()));
            }
        }
    }

    private List<Path> tempFiles() {
        List<Path> out = new ArrayList<>();
        for (String dir : List.of(FileRepository.DATA, FileRepository.INDEX, FileRepository.SNAPSHOTS, FileRepository.KEYS)) {
            Path d = repo.root().resolve(dir);
            for (String name : FileRepository.listNames(d)) {
                if (name.startsWith(AtomicFiles.TEMP_PREFIX)) {
                    out.add(d.resolve(name));
                }
            }
        }
        return out;
    }

    private static long sizeOf(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }
}
