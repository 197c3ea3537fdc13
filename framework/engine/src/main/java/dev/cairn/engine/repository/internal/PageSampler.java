package dev.cairn.engine.repository.internal;

import dev.cairn.framework.unit.ContentSource;

import java.io.IOException;
import java.io.InputStream;
import java.util.function.Consumer;

/**
 * Reads whole pages spread evenly over a file, for training a {@link PageDictionary}. A database's
 * first pages are mostly its schema and its first table's; pages sampled over the whole file also show
 * the dictionary the other tables, the indexes and the overflow pages (on the benchmark's database the
 * pages compress to 86.1 MB with a dictionary trained on 2,048 spread pages, against 89.9 MB with the
 * 112 KiB one trained on the first 512 that Cairn used before; docs/PERFORMANCE.md).
 */
final class PageSampler {

    private static final System.Logger LOG = System.getLogger(PageSampler.class.getName());

    private PageSampler() {
    }

    /**
     * {@return the page indexes to sample: {@code count} of the {@code pages} pages, evenly spaced from the
     * first, strictly increasing} {@code count} must not exceed {@code pages}.
     */
    static long[] pageIndexes(long pages, int count) {
        if (count < 0 || count > pages) {
            throw new IllegalArgumentException(count + " samples of " + pages + " pages");
        }
        long[] indexes = new long[count];
        long step = pages / count;
        long rest = pages % count;
        for (int k = 0; k < count; k++) {
            indexes[k] = k * step + k * rest / count;   // floor(k * pages / count) without overflow
        }
        return indexes;
    }

    /** {@return how many pages {@link #sample} reads at most from a file of {@code size} bytes: {@code max}, or every whole page} */
    static int count(long size, int pageSize, int max) {
        return (int) Math.min(max, Math.max(0, size) / pageSize);
    }

    /**
     * Reads up to {@code max} pages of {@code pageSize} bytes spread evenly over a file of about
     * {@code size} bytes, in one forward pass over a stream that {@code source} opens (skipping seeks in a
     * file), and hands each to {@code sink}. Sampling only helps compression, so a source that cannot be
     * read, or ends early, gives the pages read so far: the store that follows reads the file again and
     * reports what is wrong with it.
     *
     * @param sink receives each page, in file order, in the same array of exactly {@code pageSize} bytes
     *             (copy what must outlive the call)
     * @return how many pages it read: fewer than {@code max} when the file has fewer pages or ends before
     *         its expected size
     */
    static int sample(ContentSource source, long size, int pageSize, int max, Consumer<byte[]> sink) {
        long pages = Math.max(0, size) / pageSize;
        int count = count(size, pageSize, max);
        if (count == 0) {
            return 0;
        }
        byte[] page = new byte[pageSize];
        int read = 0;
        try (InputStream in = source.open()) {
            long position = 0;
            for (long index : pageIndexes(pages, count)) {
                long offset = index * pageSize;
                in.skipNBytes(offset - position);
                if (in.readNBytes(page, 0, pageSize) < pageSize) {
                    break;
                }
                sink.accept(page);
                read++;
                position = offset + pageSize;
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            int sampled = read;
            LOG.log(System.Logger.Level.DEBUG, () -> "sampling pages stopped after " + sampled + ": " + e);
        }
        return read;
    }
}
