package dev.cairn.units.db.internal;

import dev.cairn.framework.unit.ChunkingPolicy;

/**
 * Chooses how a database copy is cut into chunks. SQLite changes a database a page at a time and the
 * Online Backup API copies pages verbatim, so fixed chunks that start at page boundaries turn a day of
 * changes into exactly the changed pages, where content-defined chunks of 64 KiB and more are re-stored
 * almost entirely (the design's figure: ~10% vs 80–100% of a 272 MB database per day).
 *
 * <p>A chunk is one page, but at least {@value #MIN_CHUNK_BYTES} bytes: {@code max(page size, 4096)}.
 * Page sizes are powers of two, so every chunk boundary is a page boundary. Why not several pages per
 * chunk: the b-trees of a database's tables and indexes grow by taking the next free page, so their pages
 * interleave in the file, and a chunk of {@code k} pages is re-stored whenever any one of them changes.
 * Measured on a 26 MB database with two indexes on random keys after a day of changes (1,280 inserts, 128
 * updates, one transaction each), the share re-stored went from 23% with one 4 KiB page per chunk to 43%,
 * 69%, 90% and 99% with 2, 4, 8 and 16 pages; on an append-mostly table from 2.4% to 28% (see the package
 * documentation). The price of small chunks is their number: a 250 MB database has 64,000 chunks, i.e.
 * 2 MB of chunk ids per snapshot, still far below the 15–250 MB that larger chunks would re-store.
 * Pages smaller than 4 KiB are grouped so that old 512-byte and 1 KiB page databases do not multiply the
 * chunk count. The chunks have the {@link ChunkingPolicy.Layout#PAGES} layout: the engine compresses
 * them with a dictionary trained on the repository's pages, which takes back most of what compressing
 * 4 KiB alone loses (0.43 -> 0.36 of the size on the benchmark's database).
 */
final class PageAlignedChunking {

    /** The smallest chunk the unit asks for; pages of this size or larger make one chunk each. */
    static final int MIN_CHUNK_BYTES = 4096;

    private PageAlignedChunking() {
    }

    /** {@return page-aligned fixed chunks for a database with {@code pageSize}-byte pages} */
    static ChunkingPolicy forPageSize(int pageSize) {
        if (pageSize < 512 || pageSize > 65536 || Integer.bitCount(pageSize) != 1) {
            throw new IllegalArgumentException("not a SQLite page size: " + pageSize);
        }
        return ChunkingPolicy.fixed(Math.max(pageSize, MIN_CHUNK_BYTES)).withLayout(ChunkingPolicy.Layout.PAGES);
    }
}
