package dev.cairn.engine.repository.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The in-memory index: every (blob, pack) entry in parallel primitive arrays, ids in an {@link IdSet},
 * packs in a small table. About 70 bytes per blob and no object per blob. A blob stored in more than
 * one pack has several entries; lookups return the first. Thread-safe.
 */
final class CompactIndex {

    /** A pack known to the index. */
    record Pack(String name, long size) { }

    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final IdSet ids = new IdSet();
    private int[] firstEntry = new int[64];
    private final List<Pack> packs = new ArrayList<>();
    private final Map<String, Integer> packNumbers = new HashMap<>();

    private int entries;
    private int[] entryId = new int[64];
    private int[] entryPack = new int[64];
    private long[] entryOffset = new long[64];
    private int[] entryStored = new int[64];
    private int[] entryRaw = new int[64];
    private byte[] entryFlags = new byte[64];

    /** Adds a pack and its blobs (ignored when the pack is already known). */
    void addPack(String packName, long packSize, List<BlobLocation> blobs) {
        lock.writeLock().lock();
        try {
            if (packNumbers.containsKey(packName)) {
                return;
            }
            int p = packs.size();
            packs.add(new Pack(packName, packSize));
            packNumbers.put(packName, p);
            for (BlobLocation b : blobs) {
                addEntry(b, p);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void addEntry(BlobLocation b, int pack) {
        if (entries == entryId.length) {
            int n = entries * 2;
            entryId = Arrays.copyOf(entryId, n);
            entryPack = Arrays.copyOf(entryPack, n);
            entryOffset = Arrays.copyOf(entryOffset, n);
            entryStored = Arrays.copyOf(entryStored, n);
            entryRaw = Arrays.copyOf(entryRaw, n);
            entryFlags = Arrays.copyOf(entryFlags, n);
        }
        int before = ids.size();
        int ordinal = ids.add(b.id());
        if (ordinal == before) {
            if (ordinal == firstEntry.length) {
                firstEntry = Arrays.copyOf(firstEntry, ordinal * 2);
            }
            firstEntry[ordinal] = entries;
        }
        entryId[entries] = ordinal;
        entryPack[entries] = pack;
        entryOffset[entries] = b.offset();
        entryStored[entries] = b.storedLength();
        entryRaw[entries] = b.rawLength();
        entryFlags[entries] = (byte) ((b.type() << 4) | b.compression());
        entries++;
    }

    boolean containsPack(String packName) {
        lock.readLock().lock();
        try {
            return packNumbers.containsKey(packName);
        } finally {
            lock.readLock().unlock();
        }
    }

    boolean contains(byte[] id) {
        lock.readLock().lock();
        try {
            return ids.contains(id);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** {@return where {@code id} is stored, or {@code null}} */
    BlobLocation find(byte[] id) {
        lock.readLock().lock();
        try {
            int ordinal = ids.find(id);
            return ordinal < 0 ? null : entry(firstEntry[ordinal]);
        } finally {
            lock.readLock().unlock();
        }
    }

    int blobCount() {
        lock.readLock().lock();
        try {
            return ids.size();
        } finally {
            lock.readLock().unlock();
        }
    }

    int entryCount() {
        lock.readLock().lock();
        try {
            return entries;
        } finally {
            lock.readLock().unlock();
        }
    }

    List<Pack> packs() {
        lock.readLock().lock();
        try {
            return List.copyOf(packs);
        } finally {
            lock.readLock().unlock();
        }
    }

    Pack pack(String name) {
        lock.readLock().lock();
        try {
            Integer p = packNumbers.get(name);
            return p == null ? null : packs.get(p);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** {@return whether the index holds no pack} */
    boolean isEmpty() {
        return packCount() == 0;
    }

    /** {@return the number of packs} */
    int packCount() {
        lock.readLock().lock();
        try {
            return packs.size();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** {@return the pack with this number (0-based, in the order packs were added)} */
    Pack packAt(int number) {
        lock.readLock().lock();
        try {
            return packs.get(number);
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * {@return the entries of pack {@code number}, in offset order}. Builds a per-pack ordering of all
     * entries once (two int arrays) so that walking every pack stays linear without an object per blob.
     */
    List<BlobLocation> blobsOfPack(int number) {
        lock.readLock().lock();
        try {
            int[][] order = packOrder();
            List<BlobLocation> out = new ArrayList<>(order[1][number + 1] - order[1][number]);
            for (int i = order[1][number]; i < order[1][number + 1]; i++) {
                out.add(entry(order[0][i]));
            }
            out.sort(java.util.Comparator.comparingLong(BlobLocation::offset));
            return out;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** {@return the number of entries of packs {@code [from, to)}} */
    int entryCount(int from, int to) {
        lock.readLock().lock();
        try {
            int[] start = packOrder()[1];
            return start[to] - start[from];
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Appends packs {@code [from, to)} to {@code w} in the index-file layout ({@link IndexFile}: each pack's
     * name, size and entry count, then its entries in the order they were added), straight from the arrays:
     * listing them as {@link BlobLocation}s first made an object and an id copy per blob, ~6.5 MB for the
     * 65,536 entries of a first backup's index file, at the point where its heap peaks (docs/PERFORMANCE.md).
     */
    void writePacks(int from, int to, ByteWriter w) {
        lock.readLock().lock();
        try {
            int[][] order = packOrder();
            for (int p = from; p < to; p++) {
                Pack pack = packs.get(p);
                w.bytes(Hex.id(pack.name())).u64(pack.size()).u32(order[1][p + 1] - order[1][p]);
                for (int i = order[1][p]; i < order[1][p + 1]; i++) {
                    int e = order[0][i];
                    w.u8((entryFlags[e] >> 4) & 0x0f).u8(entryFlags[e] & 0x0f);
                    ids.writeTo(entryId[e], w);
                    w.u64(entryOffset[e]).u32(entryStored[e]).u32(entryRaw[e]);
                }
            }
        } finally {
            lock.readLock().unlock();
        }
    }

    /** {@return the entries of blobs of {@code type} (a linear scan: meant for the few dictionary blobs)} */
    List<BlobLocation> blobsOfType(int type) {
        lock.readLock().lock();
        try {
            List<BlobLocation> out = new ArrayList<>();
            for (int e = 0; e < entries; e++) {
                if (((entryFlags[e] >> 4) & 0x0f) == type) {
                    out.add(entry(e));
                }
            }
            return out;
        } finally {
            lock.readLock().unlock();
        }
    }

    private volatile int[][] packOrder;

    /** {@return {entry numbers grouped by pack, start of each pack's group}} (caller holds the read lock) */
    private int[][] packOrder() {
        int[][] order = packOrder;
        if (order == null || order[0].length != entries || order[1].length != packs.size() + 1) {
            int[] start = new int[packs.size() + 1];
            for (int e = 0; e < entries; e++) {
                start[entryPack[e] + 1]++;
            }
            for (int p = 0; p < packs.size(); p++) {
                start[p + 1] += start[p];
            }
            int[] fill = Arrays.copyOf(start, start.length);
            int[] grouped = new int[entries];
            for (int e = 0; e < entries; e++) {
                grouped[fill[entryPack[e]]++] = e;
            }
            order = new int[][] {grouped, start};
            packOrder = order;
        }
        return order;
    }

    private BlobLocation entry(int e) {
        return new BlobLocation(ids.id(entryId[e]), packs.get(entryPack[e]).name(), (entryFlags[e] >> 4) & 0x0f,
                entryFlags[e] & 0x0f, entryOffset[e], entryStored[e], entryRaw[e]);
    }
}
