package dev.cairn.engine.repository.internal;

/**
 * Fixed-size chunks from the start of the file; with a size that is a multiple of the SQLite page
 * size every chunk holds whole pages, so a page change rewrites one chunk only.
 */
final class FixedChunker implements Chunker {

    private final int size;

    FixedChunker(int size) {
        this.size = size;
    }

    @Override
    public int maxSize() {
        return size;
    }

    @Override
    public int normalSize() {
        return size;
    }

    @Override
    public int cut(byte[] buf, int off, int len, int looked, boolean last) {
        return len >= size ? size : last ? len : NEED_MORE;
    }
}
