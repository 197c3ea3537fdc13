package dev.cairn.engine.repository;

import dev.cairn.framework.ProgressListener;

/**
 * What {@code cairn verify} checks.
 *
 * @param readDataPercent 0 for structure only, 100 for {@code --read-data}, 1..99 for {@code --read-data-subset N%}
 * @param progress        where to report progress
 */
public record VerifyOptions(int readDataPercent, ProgressListener progress) {

    public VerifyOptions {
        if (readDataPercent < 0 || readDataPercent > 100) {
            throw new IllegalArgumentException("readDataPercent must be 0..100: " + readDataPercent);
        }
    }

    /** {@return structure checks only} */
    public static VerifyOptions structure() {
        return new VerifyOptions(0, ProgressListener.NOOP);
    }

    /** {@return structure checks plus reading every blob} */
    public static VerifyOptions readAll() {
        return new VerifyOptions(100, ProgressListener.NOOP);
    }
}
