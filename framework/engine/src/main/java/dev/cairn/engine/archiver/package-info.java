/**
 * The archiver: runs a backup. For every enabled unit it asks the strategy for a baseline, lets the
 * unit stream its items into an {@link dev.cairn.engine.archiver.ArchiverSink} (which reuses unchanged
 * files from the baseline, reads only the new tail of append-only files and hands the rest to the
 * repository's {@link dev.cairn.engine.repository.BackupWriter} on a small pool), then assembles and
 * commits the manifest with its Merkle root.
 *
 * <p>Invariants: a unit that fails contributes nothing to the snapshot (its record says why); a
 * storage failure aborts the whole backup and publishes no snapshot; a file that vanishes or cannot be
 * read is an issue, never a failure (its read error never reaches the repository's writer, which would
 * take it for a failure of the session); every path appears once in a snapshot (when two units select
 * the same path, the first in profile order keeps it and the other gets a warning).
 */
package dev.cairn.engine.archiver;
