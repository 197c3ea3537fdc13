/**
 * Cairn's service-provider interfaces: what a third party compiles against to add a backup unit,
 * a strategy or an exporter. This module depends on the JDK only.
 *
 * <h2>Extension points</h2>
 * <table>
 *   <caption>Service interfaces and who loads them</caption>
 *   <tr><th>Interface</th><th>Purpose</th><th>Provided by</th></tr>
 *   <tr><td>{@link dev.cairn.framework.unit.BackupUnit}</td>
 *       <td>knows one kind of data in an install (database, config, logs, ...): plans, streams items, smoke-tests a restore</td>
 *       <td>{@code dev.cairn.units.*}, plugin jars</td></tr>
 *   <tr><td>{@link dev.cairn.framework.strategy.Strategy}</td>
 *       <td>chooses the baseline snapshot and which files may be taken from it unread</td>
 *       <td>{@code dev.cairn.strategies}, plugin jars</td></tr>
 *   <tr><td>{@link dev.cairn.framework.export.Exporter}</td>
 *       <td>copies snapshot data to a destination the policy engine granted</td>
 *       <td>{@code dev.cairn.exporters}, plugin jars</td></tr>
 * </table>
 * Providers are found with {@link java.util.ServiceLoader} by the engine ({@code dev.cairn.engine}).
 * Besides {@code java.base} it reads {@code jdk.unsupported}, for direct (uncached) reads of large files.
 */
module dev.cairn.framework {
    // com.sun.nio.file.ExtendedOpenOption.DIRECT, looked up reflectively (UncachedFileInput)
    requires jdk.unsupported;

    exports dev.cairn.framework;
    exports dev.cairn.framework.unit;
    exports dev.cairn.framework.strategy;
    exports dev.cairn.framework.export;
}
