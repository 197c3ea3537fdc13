package dev.cairn.engine.archiver;

import dev.cairn.framework.Issue;
import dev.cairn.framework.ProgressListener;

/**
 * Receives the progress of a backup: the planned totals, then per-item progress (as a
 * {@link ProgressListener}), unit boundaries and issues. Must be thread-safe and cheap; whatever it
 * throws is ignored.
 */
public interface BackupListener extends ProgressListener {

    /** A listener that ignores everything. */
    BackupListener NOOP = new BackupListener() { };

    /** Called once before reading, with the planned totals of all units. */
    default void planned(long files, long bytes) { }

    /** Called when a unit starts. */
    default void unitStarted(String unitId) { }

    /** Called when a unit ends, with its outcome as text ({@code succeeded}, {@code skipped}, {@code failed}). */
    default void unitFinished(String unitId, String outcome) { }

    /** Called for every issue as it happens. */
    default void issue(Issue issue) { }

    /** Called when a file was taken from the baseline without reading ({@code bytes} of content). */
    default void reused(String path, long bytes) { }
}
