package dev.cairn.engine.repository.internal;

import dev.cairn.engine.repository.RepositoryException;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The repository's {@link PageDictionary page dictionaries}: every blob of type
 * {@link BlobCodec#TYPE_DICTIONARY} in the index, read on first use. Decoding looks a dictionary up
 * by the id a compressed blob names; the backup writer looks one up by chunk size and adds the ones it
 * trains. Lookups by id do not lock once the dictionaries are read.
 */
final class PageDictionaries {

    private static final System.Logger LOG = System.getLogger(PageDictionaries.class.getName());
    /** The smallest dictionary id handed out: zstd reserves lower ids for registered dictionaries. */
    private static final int FIRST_PRIVATE_ID = 32768;

    private final FileRepository repo;
    private final SecureRandom random = new SecureRandom();
    /** By dictionary id; {@code null} until read from the index. Replaced, never modified, once published. */
    private volatile Map<Integer, PageDictionary> byId;

    PageDictionaries(FileRepository repo) {
        this.repo = repo;
    }

    /**
     * {@return the dictionary with {@code dictId}, or {@code null} when the repository has none (or only
     * a damaged one)}: read again from the index when the id is not known yet, since another process
     * may have added it since.
     */
    PageDictionary byDictId(int dictId) {
        Map<Integer, PageDictionary> known = byId;
        PageDictionary d = known == null ? null : known.get(dictId);
        if (d != null) {
            return d;
        }
        synchronized (this) {
            if (byId == null || !byId.containsKey(dictId)) {
                Map<Integer, PageDictionary> added = new HashMap<>(byId == null ? Map.of() : byId);
                added.putAll(read());
                byId = added;
            }
            return byId.get(dictId);
        }
    }

    /** {@return the dictionary for pages of {@code chunkSize} bytes (the lowest id when there are several)} */
    synchronized Optional<PageDictionary> forChunkSize(int chunkSize) {
        return known().values().stream().filter(d -> d.chunkSize() == chunkSize)
                .min(java.util.Comparator.comparingInt(PageDictionary::dictId));
    }

    /** {@return a random dictionary id no dictionary of the repository has} */
    synchronized int unusedDictId() {
        Map<Integer, PageDictionary> known = known();
        while (true) {
            int id = FIRST_PRIVATE_ID + random.nextInt(Integer.MAX_VALUE - FIRST_PRIVATE_ID);
            if (!known.containsKey(id)) {
                return id;
            }
        }
    }

    /** Makes a dictionary this process has just stored known to its lookups. */
    synchronized void add(PageDictionary d) {
        Map<Integer, PageDictionary> added = new HashMap<>(known());
        added.put(d.dictId(), d);
        byId = added;
    }

    private Map<Integer, PageDictionary> known() {
        if (byId == null) {
            byId = read();
        }
        return byId;
    }

    /** Reads every dictionary blob in the index; a damaged one is skipped with a warning (verify reports it). */
    private Map<Integer, PageDictionary> read() {
        Map<Integer, PageDictionary> found = new HashMap<>();
        for (BlobLocation loc : repo.index().blobsOfType(BlobCodec.TYPE_DICTIONARY)) {
            String where = FileRepository.packWhere(loc.pack()) + " at offset " + loc.offset();
            try (FileChannel ch = repo.openPack(loc.pack())) {
                PageDictionary d = PageDictionary.parse(repo.readBlob(loc, ch), where);
                found.putIfAbsent(d.dictId(), d);
            } catch (RepositoryException e) {
                LOG.log(System.Logger.Level.WARNING, "ignoring damaged page dictionary " + where + ": " + e.getMessage());
            } catch (IOException e) {
                throw AtomicFiles.io("cannot read pack", repo.packPath(loc.pack()), e);
            }
        }
        return found;
    }
}
