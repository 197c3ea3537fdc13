package dev.cairn.framework.unit;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * One kind of data in an application install. Implementations are found with
 * {@link java.util.ServiceLoader}, must have a public no-argument constructor and be stateless
 * between calls: all per-run state lives in the context object.
 *
 * <p>The engine isolates every call: an exception thrown from any method becomes a
 * {@link UnitOutcome.Failed} outcome for this unit while the other units carry on.
 */
public interface BackupUnit {

    /** {@return the unit's id: stable, non-blank, lower-case; ids starting {@code cairn-} are reserved} */
    String id();

    /** {@return one line saying what this unit backs up, for {@code cairn units}} */
    default String description() {
        return id();
    }

    /**
     * Lists what a backup would read, without side effects: no writes, no locks, no network.
     * Used for {@code --dry-run} and the UI preview.
     *
     * @param ctx the unit's paths, options and services
     * @return the planned items and any issues met while looking
     */
    UnitPlan plan(UnitContext ctx);

    /**
     * Streams the unit's items into {@link BackupContext#sink()}. Honours
     * {@link BackupContext#cancellation()} between items. A file that vanishes or cannot be read is
     * reported with {@link ItemSink#report} and skipped; it never fails the unit.
     *
     * @param ctx the unit's paths, options, sink and services
     * @return the outcome; a failure may also be thrown and is then recorded as {@link UnitOutcome.Failed}
     */
    UnitOutcome backup(BackupContext ctx);

    /** {@return how this unit's files are cut into chunks by default; an item may override it} */
    default ChunkingPolicy chunking() {
        return ChunkingPolicy.contentDefined();
    }

    /**
     * {@return suffixes of files that belong to an item and move with it when it is replaced
     * in place (a database's {@code -wal}, {@code -shm}); they are set aside with the live file and
     * put back on rollback, and are not carried over to the restored file}
     */
    default Set<String> companionSuffixes() {
        return Set.of();
    }

    /**
     * Checks restored files in the staging directory before they replace anything live, e.g. parses
     * config files or runs {@code PRAGMA integrity_check}. Must not modify the staged files in a way
     * that changes their bytes.
     *
     * @param ctx the staged files of this unit
     * @return passed, or failed with a reason that is shown to the user
     */
    default SmokeTestResult smokeTest(RestoreContext ctx) {
        return SmokeTestResult.passed();
    }

    /**
     * Suggests entries for an install profile by looking at an install root ({@code cairn init}).
     *
     * @param installRoot the directory to look at; read only
     * @return install-relative paths this unit would back up; empty when it sees nothing for itself
     */
    default List<String> suggest(Path installRoot) {
        return List.of();
    }
}
