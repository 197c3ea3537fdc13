package dev.cairn.framework.unit;

import dev.cairn.framework.Issue;

import java.io.IOException;

/**
 * Receives a unit's items during a backup. The engine decides whether a file's content is read
 * (the strategy may take it unread from the baseline when its metadata is unchanged), chunks,
 * deduplicates, compresses, encrypts and stores it. Calls come from the unit's thread; the sink may
 * hand work to other threads.
 */
public interface ItemSink {

    /**
     * Adds one item.
     *
     * @param item the file, directory or symlink
     * @throws IOException when the item's content cannot be stored (not when it cannot be read: a
     *                     source that vanished or cannot be opened is reported as an issue and skipped)
     */
    void accept(Item item) throws IOException;

    /** Records a recoverable problem (a file vanished, could not be read, changed while read). */
    void report(Issue issue);
}
