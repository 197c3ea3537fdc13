package dev.cairn.framework;

/**
 * Receives progress from long work so the CLI and the web UI can show it. Implementations must be
 * cheap and thread-safe; a listener never fails a run (callers swallow what it throws).
 */
public interface ProgressListener {

    /** A listener that ignores everything. */
    ProgressListener NOOP = new ProgressListener() { };

    /**
     * Called when work on an item starts.
     *
     * @param path the install-relative path
     * @param size its size in bytes, or -1 when unknown
     */
    default void itemStarted(String path, long size) { }

    /** Called as bytes of the current item are processed. */
    default void bytesProcessed(long bytes) { }

    /** Called when an item is finished (stored, reused or skipped). */
    default void itemFinished(String path) { }
}
