package dev.cairn.strategies.internal;

import dev.cairn.framework.strategy.SnapshotSummary;
import dev.cairn.framework.strategy.Strategy;
import dev.cairn.framework.strategy.StrategyContext;
import dev.cairn.framework.unit.FileMetadata;

import java.util.Optional;

/**
 * {@code full}: no baseline; every file is read and hashed again, whatever its metadata says. The
 * snapshot it takes is the baseline of later {@code differential} backups. Unchanged data is still
 * deduplicated by the repository, so a full backup costs reading time, not space.
 */
public final class FullStrategy implements Strategy {

    /** The id, as recorded in manifests and looked for by {@link DifferentialStrategy}. */
    public static final String ID = "full";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "reads and hashes every file again (no baseline)";
    }

    /** {@return always empty: a full backup compares with nothing} */
    @Override
    public Optional<SnapshotSummary> baseline(StrategyContext ctx) {
        return Optional.empty();
    }

    /** {@return always {@code false}: nothing is taken unread} */
    @Override
    public boolean mayReuse(FileMetadata before, FileMetadata now) {
        return false;
    }
}
