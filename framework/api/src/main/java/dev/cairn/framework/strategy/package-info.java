/**
 * The strategy SPI: a {@link dev.cairn.framework.strategy.Strategy} decides, per unit, which earlier
 * snapshot a backup is compared with and which files may be taken from it without being read again.
 * Every snapshot stays complete and restorable on its own whatever the strategy.
 *
 * <h2>Extension points</h2>
 * <table>
 *   <caption>What a strategy implements</caption>
 *   <tr><th>Method</th><th>Default</th></tr>
 *   <tr><td>{@code id()}</td><td>none: unique, non-blank; {@code cairn-} is reserved</td></tr>
 *   <tr><td>{@code baseline(StrategyContext)}</td><td>none: side-effect free</td></tr>
 *   <tr><td>{@code mayReuse(FileMetadata, FileMetadata)}</td><td>same size, mtime, inode and ctime</td></tr>
 * </table>
 */
package dev.cairn.framework.strategy;
