/**
 * The backup-unit SPI: a {@link dev.cairn.framework.unit.BackupUnit} knows one kind of data in an
 * install (a SQLite database, config files, logs, ...) and streams it as {@link dev.cairn.framework.unit.Item}s.
 *
 * <h2>Extension points</h2>
 * <table>
 *   <caption>What a unit implements and what it may override</caption>
 *   <tr><th>Method</th><th>Phase</th><th>Default</th></tr>
 *   <tr><td>{@code id()}</td><td>load</td><td>none: must be unique, non-blank; {@code cairn-} is reserved</td></tr>
 *   <tr><td>{@code plan(UnitContext)}</td><td>dry run, UI preview</td><td>none: side-effect free</td></tr>
 *   <tr><td>{@code backup(BackupContext)}</td><td>backup</td><td>none</td></tr>
 *   <tr><td>{@code chunking()}</td><td>backup</td><td>content-defined chunks</td></tr>
 *   <tr><td>{@code companionSuffixes()}</td><td>restore</td><td>none: files move alone</td></tr>
 *   <tr><td>{@code smokeTest(RestoreContext)}</td><td>restore, on staged files</td><td>passes</td></tr>
 *   <tr><td>{@code suggest(Path)}</td><td>{@code cairn init}</td><td>suggests nothing</td></tr>
 * </table>
 *
 * <h2>Support for file-based units</h2>
 * A unit that backs up files, directories and links under configured paths does not walk the tree
 * itself: {@link dev.cairn.framework.unit.FileTreeSupport} plans and streams the selection (globs,
 * excludes, links never followed, vanished and changing files reported, paths escaping the install
 * root refused), {@link dev.cairn.framework.unit.PathGlob} is the glob syntax of paths and excludes,
 * and {@link dev.cairn.framework.unit.InstallScanner} walks an install root for {@code suggest}.
 *
 * <p>Item paths are install-relative and use {@code /} as separator. A unit never writes into the
 * install while backing up; while restoring it only reads the staging directory it is given.
 */
package dev.cairn.framework.unit;
