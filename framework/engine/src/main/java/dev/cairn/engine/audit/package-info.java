/**
 * The tamper-evident audit trail: every backup, verify, restore, forget, prune, key change, export and
 * consent is appended as an {@link dev.cairn.engine.audit.AuditEvent} to an
 * {@link dev.cairn.engine.audit.AuditTrail}, and {@link dev.cairn.engine.audit.AuditTrail#verify()}
 * says whether the trail is still what was written. The format is described in {@code docs/AUDIT.md}.
 *
 * <h2>Files (in the trail directory, e.g. {@code <repo>/audit/})</h2>
 * <ul>
 *   <li>{@code audit.db}: SQLite, table {@code events(seq, time_utc, type, actor, host, snapshot_id,
 *       summary, hash)}; what {@code cairn audit log} shows and what can be queried.</li>
 *   <li>{@code chain.log}: append-only, one 78-byte line per event, {@code <seq:12 digits> <h_seq:64 hex>\n}.</li>
 *   <li>{@code head.seal}: the event count and the last hash, with an HMAC over both; replaced
 *       atomically (temporary file, fsync, rename, fsync of the directory) after every append.</li>
 * </ul>
 *
 * <h2>Chaining</h2>
 * {@code h_0} is 32 zero bytes; {@code h_n = HMAC-SHA256(key, h_(n-1) || canonical(event_n))}, where the
 * canonical form covers every stored field including the sequence number (see {@code EventChain}). The
 * 32-byte key is the repository's audit key: derived from the master key of an encrypted repository,
 * kept in the configuration of an unencrypted one.
 *
 * <h2>Write order and crashes</h2>
 * An append commits the row to the database ({@code synchronous=FULL}), then appends and fsyncs its
 * {@code chain.log} line, then replaces the seal. A crash between these steps leaves an authentic row
 * beyond the seal, with its line missing, half-written or complete. {@code verify} reports that as
 * {@code INTERRUPTED_APPEND}, never as intact; the next {@code append} completes it (only if the row's
 * hash proves it was written with the key) and records a {@code repair} event saying so.
 *
 * <h2>What verification proves, and its limits</h2>
 * Against someone who can edit the files but does not hold the key:
 * <ul>
 *   <li>Detected: a modified field of any event (content or stored hash), a deleted event (row, line or
 *       both), an inserted or forged event anywhere, two events swapped (reported as reordered), the
 *       tail cut off the database and {@code chain.log} together (the seal still vouches for the old
 *       count), a missing or forged seal, a damaged or edited {@code chain.log}.</li>
 *   <li>Not detected: putting back an older copy of all three files together (a rollback to an
 *       earlier, authentic state), or deleting the whole directory (an empty trail is indistinguishable
 *       from a new one). Both need an anchor outside the trail: {@link
 *       dev.cairn.engine.audit.AuditVerification#head()} and the event count can be recorded elsewhere
 *       (a snapshot's governance, a printed report) and compared later.</li>
 *   <li>Not prevented: anyone can destroy or corrupt the trail; verification only makes it evident.</li>
 *   <li>Whoever holds the key (an encrypted repository's passphrase, or read access to an unencrypted
 *       repository's configuration) can rewrite the whole trail consistently. For an unencrypted
 *       repository the key sits next to the trail, so the trail proves integrity against accidents and
 *       casual edits, not against a determined local attacker.</li>
 * </ul>
 * Everything in this package is non-null unless documented otherwise.
 */
package dev.cairn.engine.audit;
