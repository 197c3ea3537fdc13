/**
 * The restorer: turns a snapshot (or part of it) back into files, either into a target directory or in
 * place over the live install.
 *
 * <p>Order of work, and the invariant it protects — <em>on any failure nothing of the live install
 * changes</em>:
 * <ol>
 *   <li>plan: select items by unit and path pattern; compare each with what is there
 *       ({@code create}, {@code replace}, {@code unchanged}); a dry run stops here;</li>
 *   <li>stage: write every changed item into {@code <root>/.cairn-restore-<id>/stage}, on the same file
 *       system as the live files, checking every file's SHA-256 against the manifest as it is written,
 *       setting its mode and modification time, and syncing it;</li>
 *   <li>smoke-test: each unit checks its staged files ({@link dev.cairn.framework.unit.BackupUnit#smokeTest});</li>
 *   <li>swap: for each item, move the live file and the unit's companion files (a database's
 *       {@code -wal}, {@code -shm}) aside into {@code .cairn-restore-<id>/rollback}, then rename the staged
 *       file into place (an atomic rename);</li>
 *   <li>any failure during the swap moves everything back in reverse order and removes the directories
 *       it created; success deletes the restore directory.</li>
 * </ol>
 * A stop asked for through {@link dev.cairn.engine.restorer.RestoreRequest#cancellation()} (Ctrl-C) is
 * honoured while staging (what was staged is deleted, nothing live changes) and not once the swap has
 * begun (the swap finishes). A crash in the middle of the swap leaves the rollback directory with the
 * previous live files; the {@code swap.journal} file in it lists the moves done, one per line, so they
 * can be undone by hand.
 *
 * <p>A file whose stored data is damaged or missing stops the restore while staging, with the file named.
 * A restore into a target directory may instead {@linkplain dev.cairn.engine.restorer.RestoreRequest#skipDamaged
 * skip damaged files}: each is left out (its partly staged copy deleted) and reported, every other file is
 * restored and verified, and the smoke test of a unit with files left out does not run. In place this is
 * refused: an install with files left out would not be the snapshot.
 */
package dev.cairn.engine.restorer;
