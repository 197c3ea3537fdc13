package dev.cairn.framework.strategy;

import dev.cairn.framework.unit.FileMetadata;

import java.util.Optional;

/**
 * Chooses, for one unit, the baseline snapshot of a backup and whether an unchanged file may be
 * taken from it without reading. Found with {@link java.util.ServiceLoader}.
 */
public interface Strategy {

    /** {@return the strategy's id, as named on the command line ({@code --strategy incremental})} */
    String id();

    /** {@return one line for {@code cairn units} and the UI} */
    default String description() {
        return id();
    }

    /**
     * Picks the baseline for a unit, without side effects.
     *
     * @param ctx the unit and the snapshots that contain it, newest first
     * @return the snapshot to compare with, or empty to read everything
     */
    Optional<SnapshotSummary> baseline(StrategyContext ctx);

    /**
     * Decides whether a file whose metadata was {@code before} in the baseline and is {@code now}
     * may be recorded with the baseline's chunks, unread.
     *
     * @return by default, whether size, modification time, inode and change time are all equal
     */
    default boolean mayReuse(FileMetadata before, FileMetadata now) {
        return before.sameContentSignature(now);
    }
}
