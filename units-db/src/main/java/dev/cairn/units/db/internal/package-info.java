/**
 * The {@code db} unit: hot, consistent backups of live SQLite databases, page-aligned chunks, and a
 * verified restore. {@link dev.cairn.units.db.internal.SqliteUnit} is the provider; the other classes
 * each do one step.
 *
 * <h2>Method: copy through SQLite, in one read transaction</h2>
 * A live database is never read with plain file I/O. Copying the file (even with its {@code -wal}) while
 * the application writes gives torn snapshots: the negative control of {@code HotBackupUnderLoadTest}
 * catches such copies by {@code integrity_check} or the invariants in most trials. Worse, on POSIX systems
 * closing <em>any</em> file handle on the database drops every lock this process holds on it, including
 * the lock of a copy in progress. So {@link dev.cairn.units.db.internal.DatabaseFinder} and the plan only
 * list directories and read attributes, and the item's content comes from a private copy in the scratch
 * directory. <b>Rule for the rest of the process:</b> while this unit copies a database, nothing else in
 * the Cairn process may open and close that database file or its {@code -journal} with plain file I/O (a
 * first version of the load test did exactly that, concurrently, and tore 9 of 20 rollback-journal
 * backups; WAL read locks live in the {@code -shm} and were not affected). Other units must not include
 * the database files in their own globs.
 *
 * <p>{@link dev.cairn.units.db.internal.ConsistentCopier} uses the Online Backup API with
 * {@code sqlite3_backup_step(-1)}: all pages in one step, inside one read transaction of the source.
 * <ul>
 *   <li>Consistent: the copy is exactly one committed state, including commits that are still only in
 *       the {@code -wal}.</li>
 *   <li>No livelock: the backup API restarts when another connection writes <em>between</em> steps; a
 *       single step has no "between". In steps of 100 pages (sqlite-jdbc's {@code backup to}) the same
 *       26 MB copy restarted 7 to 692 times before a quiet moment let it finish; a larger database under
 *       a steadier writer may never finish.</li>
 *   <li>Polite: in WAL mode a reader never blocks the writer (the writer's rate did not drop during
 *       copies, below). In rollback-journal mode the read lock holds the writer's commit back for the
 *       length of the copy (tens of ms for tens of MB), so the application's own {@code busy_timeout}
 *       must exceed it; stepping would not help, it would restart forever under such a writer.</li>
 *   <li>Deadline and fallback: while the source is busy, the step is retried every 20 ms until
 *       {@code deadline_ms}; then {@code VACUUM INTO} makes the copy, waiting up to
 *       {@code busy_timeout_ms}, and an {@code INFO} issue says so.</li>
 * </ul>
 *
 * <h2>Measurements (throwaway, {@code units-db/scripts/measure-backup-methods.sh 32})</h2>
 * A 26 MB WAL database (1,000 accounts, 288,000 transfers, two indexes on account ids), a writer in
 * another process committing one transfer per transaction, 2 shared cores with other jobs running:
 * <table>
 *   <caption>Copy methods under a busy writer</caption>
 *   <tr><th>method</th><th>copy time</th><th>writer meanwhile</th></tr>
 *   <tr><td>backup API, one step</td><td>49–607 ms</td><td>no slowdown (1,900–22,000 tx/s vs 3,500–11,600 alone; noise of the shared machine)</td></tr>
 *   <tr><td>{@code VACUUM INTO}</td><td>84–601 ms</td><td>no slowdown</td></tr>
 *   <tr><td>backup API, 100 pages a step</td><td>0.4–0.5 s</td><td>7–692 restarts before it got through</td></tr>
 * </table>
 * Both single-transaction methods are fast enough; what decides is deduplication. The backup API copies
 * pages verbatim, so an unchanged page is an unchanged chunk; {@code VACUUM INTO} rebuilds every table
 * and index, so an insert shifts the pages behind it. Share of the second copy's bytes not already held
 * after a day of changes scaled from the issue (1,280 inserted and 128 updated rows, one transaction
 * each), by fixed chunk size:
 * <table>
 *   <caption>Re-stored share after a day, by chunk size</caption>
 *   <tr><th>chunk</th><th>bank, backup API</th><th>bank, VACUUM INTO</th><th>append-mostly, backup API</th><th>append-mostly, VACUUM INTO</th></tr>
 *   <tr><td>4 KiB (1 page)</td><td>23%</td><td>27%</td><td>2.4%</td><td>2.5%</td></tr>
 *   <tr><td>8 KiB</td><td>43%</td><td>29%</td><td>4.4%</td><td>4.5%</td></tr>
 *   <tr><td>16 KiB</td><td>69%</td><td>33%</td><td>8.1%</td><td>8.3%</td></tr>
 *   <tr><td>32 KiB</td><td>90%</td><td>40%</td><td>15%</td><td>16%</td></tr>
 *   <tr><td>64 KiB</td><td>99%</td><td>51%</td><td>28%</td><td>41%</td></tr>
 * </table>
 * ("bank": every insert lands in two indexes on random keys, so most index leaves change in a day;
 * "append-mostly": an event table with an index on time.) Hence the backup API, and one page per chunk
 * ({@link dev.cairn.units.db.internal.PageAlignedChunking}): b-tree pages of different tables and indexes
 * interleave in the file, so every extra page in a chunk multiplies the chance that it changed. The
 * issue's ≤ 15% target holds for append-mostly schemas (2.4%); a schema whose indexes take random keys
 * re-stores about a quarter of itself per day whatever the chunking, because that is how many of its pages
 * SQLite rewrites. With {@code page_aligned=false} the repository's content-defined chunks are used.
 *
 * <h2>Item and metadata</h2>
 * Each database is one {@link dev.cairn.framework.unit.Item.File} at its install-relative path. Its
 * metadata is a {@link dev.cairn.units.db.internal.ChangeSignature} of the database file and its
 * {@code -wal} together (in WAL mode a commit changes only the {@code -wal}, a checkpoint only the
 * database file), with git's rule against racy timestamps: a signature read less than two seconds after
 * either file changed carries an unknown change time and can never match. Its content is the consistent
 * copy, made only when the engine opens the item: when the signature equals the baseline's and the
 * strategy allows it, the database is taken from the baseline with no copy at all (the no-change backup
 * of the bench's 250 MB database no longer copies it). The manifest records the signature's size as the
 * item's {@code source_size}. A first look through SQLite, which never waits for locks, rejects files
 * that are not databases and reads the page size; page size and journal mode are logged at
 * {@code DEBUG}, there is no SPI for unit metadata yet. Copies stay in the scratch directory until the
 * engine deletes it (it may read them on other
 * threads), so scratch needs room for every database of the install at once.
 *
 * <h2>Restore</h2>
 * The copy is self-contained: the backup API writes it through its own rollback journal, leaving a single
 * file with no {@code -wal}. Its header keeps the source's journal mode (a WAL database is restored as a
 * WAL database, so an application that relies on the persistent WAL setting keeps it); SQLite creates a
 * fresh {@code -wal} on the first open. A stale {@code -wal} of the old live database next to the restored
 * file would be replayed into it (demonstrated by
 * {@code SqliteUnitTest.aStaleWalNextToARestoredCopyWouldMixTwoDatabases}), and a stale hot
 * {@code -journal} would be rolled back into it; therefore {@code companionSuffixes()} is {@code -wal},
 * {@code -shm}, {@code -journal}: the engine moves the live file and these companions aside together and
 * then moves the staged file into place. The smoke test ({@code integrity_check} and
 * {@code foreign_key_check} through an {@code immutable} connection that creates no file and changes no
 * byte) also refuses a staged database with a {@code -wal} or {@code -journal} beside it.
 *
 * <p>The application must be stopped for the swap. A connection still open keeps its file descriptors on
 * the old inode, which is now the file set aside: it goes on reading and writing that file and its
 * companions, never the restored one (so nothing mixes), but whatever it writes after the swap is lost
 * with the set-aside file, and it will not see the restored data until it reopens.
 *
 * <h2>Proof under load</h2>
 * {@code HotBackupUnderLoadTest} runs a writer in a separate JVM (capped at 3,000 transactions/s, which
 * it held on this shared 2-core machine; printed, never asserted) that keeps a constant sum of balances and a
 * per-account ledger invariant over tables with foreign keys and indexes, takes backups while it writes,
 * restores each through the unit (staging, smoke test, move into place, open) and checks
 * {@code integrity_check}, {@code foreign_key_check} and the invariants; a raw copy (database file, then
 * its {@code -wal} 100 commits later) taken back to back with each backup is the negative control.
 * {@code units-db/scripts/hot-backup-trials.sh 100} runs 100 WAL and 20 rollback-journal trials. Its
 * run on 2026-11-25: WAL 100/100 consistent, raw copy torn in 100/100 (1,008,300 transactions at
 * 3,000/s over 336 s; the database grew from 3 to 85 MB); rollback journal 20/20 consistent, raw copy
 * torn in 5/20.
 */
package dev.cairn.units.db.internal;
