/**
 * The exporter SPI: an {@link dev.cairn.framework.export.Exporter} copies repository files to a
 * destination off the machine (a USB directory, an S3-compatible bucket, an SFTP server). Data
 * leaves the machine only through an exporter, and only with an {@link dev.cairn.framework.export.ExportGrant}
 * that the policy engine issued for this run after the user's consent.
 *
 * <h2>Extension points</h2>
 * <table>
 *   <caption>What an exporter implements</caption>
 *   <tr><th>Method</th><th>Default</th></tr>
 *   <tr><td>{@code id()}</td><td>none: unique, non-blank; {@code cairn-} is reserved</td></tr>
 *   <tr><td>{@code schemes()}</td><td>none: the destination URI schemes it serves</td></tr>
 *   <tr><td>{@code plan(ExportContext)}</td><td>none: side-effect free, no network</td></tr>
 *   <tr><td>{@code export(ExportContext)}</td><td>none: uploads and verifies</td></tr>
 * </table>
 */
package dev.cairn.framework.export;
