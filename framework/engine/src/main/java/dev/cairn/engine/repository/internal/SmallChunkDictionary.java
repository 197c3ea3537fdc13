package dev.cairn.engine.repository.internal;

import dev.cairn.framework.unit.ChunkingPolicy;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * One backup session's view of the repository's dictionary for small chunks
 * ({@link PageDictionary#SMALL_CHUNKS}): the one stored, looked up on first use; or, while the repository
 * has none, samples of the small chunks the session stores that plain zstd compressed, gathered until
 * they reach {@link PageDictionary#SMALL_CHUNK_SAMPLE_BYTES} and then handed out once for training. The
 * chunks sampled are stored without the dictionary (holding them back would delay the small files of a
 * backup behind the training); every small chunk after the training is stored with it. A session whose
 * small compressible chunks never fill the samples trains none.
 */
final class SmallChunkDictionary {

    /** Samples gathered at most, however small (zstd's trainer is given their sizes in one array). */
    static final int MAX_SAMPLES = 8192;

    private final Supplier<Optional<PageDictionary>> stored;
    private volatile PageDictionary dictionary;
    private volatile boolean lookedUp;
    /** Guarded by {@code this}; {@code null} before the first sample and after the hand-off. */
    private PageDictionary.Samples samples;
    /** Guarded by {@code this}. */
    private boolean gathering = true;

    /** @param stored looks up the repository's small-chunk dictionary */
    SmallChunkDictionary(Supplier<Optional<PageDictionary>> stored) {
        this.stored = stored;
    }

    /** {@return whether a chunk of {@code length} bytes laid out as {@code layout} is compressed with this dictionary} */
    static boolean appliesTo(ChunkingPolicy.Layout layout, int length) {
        return layout == ChunkingPolicy.Layout.BYTES && length <= PageDictionary.MAX_CHUNK_SIZE;
    }

    /** {@return the dictionary to compress small chunks with, or {@code null} while there is none} */
    PageDictionary dictionary() {
        if (!lookedUp) {
            synchronized (this) {
                if (!lookedUp) {
                    if (dictionary == null) {
                        dictionary = stored.get().orElse(null);
                    }
                    lookedUp = true;
                }
            }
        }
        return dictionary;
    }

    /**
     * Copies a small chunk that plain zstd compressed into the samples.
     *
     * @return the samples, once, when this chunk no longer fits (the caller trains on them); otherwise {@code null}
     */
    synchronized PageDictionary.Samples offer(byte[] chunk, int length) {
        if (!gathering) {
            return null;
        }
        if (samples == null) {
            samples = PageDictionary.Samples.ofSmallChunks(PageDictionary.SMALL_CHUNK_SAMPLE_BYTES, MAX_SAMPLES);
        }
        if (samples.add(chunk, 0, length)) {
            return null;
        }
        gathering = false;
        PageDictionary.Samples full = samples;
        samples = null;
        return full;
    }

    /** Makes {@code trained} (a dictionary trained on the handed-out samples, or {@code null}) the one to use. */
    void use(PageDictionary trained) {
        dictionary = trained;
    }
}
