package dev.cairn.units.db.internal;

import org.sqlite.SQLiteConnection;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Makes a transactionally consistent copy of a live database through SQLite itself, never with plain
 * file I/O on the live file (see the package documentation for why and for the measurements).
 *
 * <ol>
 *   <li>The Online Backup API copies every page in <em>one</em> step ({@code sqlite3_backup_step(-1)}),
 *       i.e. inside a single read transaction of the source. A one-step backup cannot be restarted by a
 *       concurrent writer, so it cannot livelock; in WAL mode it does not block the writer either. While
 *       the source is busy (a writer holds the lock a read needs), it retries every
 *       {@value #RETRY_SLEEP_MS} ms until {@code deadline_ms} is spent.</li>
 *   <li>When the backup API fails (deadline spent, or any other error), {@code VACUUM INTO} writes a
 *       copy from one read transaction of the same connection, waiting {@code busy_timeout_ms} for
 *       locks. Its pages are rebuilt rather than copied, so that copy deduplicates worse against earlier
 *       snapshots; the caller reports the fallback.</li>
 * </ol>
 */
final class ConsistentCopier {

    /** Milliseconds between retries of a busy backup step. */
    static final int RETRY_SLEEP_MS = 20;

    /** How a copy was made. */
    enum Method {
        /** The Online Backup API, page by page in one read transaction. */
        ONLINE_BACKUP,
        /** {@code VACUUM INTO}, after the backup API failed. */
        VACUUM_INTO
    }

    /**
     * A consistent copy of one database.
     *
     * @param file           the copy (in scratch)
     * @param method         how it was made
     * @param pageSize       the database page size in bytes
     * @param journalMode    the source's journal mode as SQLite reports it ({@code wal}, {@code delete}, ...)
     * @param bytes          the size of the copy
     * @param fallbackReason why the backup API was not used, or {@code null}
     */
    record Copy(Path file, Method method, int pageSize, String journalMode, long bytes, String fallbackReason) { }

    private ConsistentCopier() {
    }

    /**
     * Copies {@code live} to {@code target}, which must not be in use; an existing {@code target} is replaced.
     *
     * @throws SQLException when SQLite cannot read the source (not a database, corrupt, still busy after the fallback)
     * @throws IOException  when the copy cannot be written
     */
    static Copy copy(Path live, Path target, SqliteOptions options) throws SQLException, IOException {
        try (Connection source = SqliteConnections.openLive(live, options.busyTimeoutMs())) {
            Files.deleteIfExists(target);
            // The copy comes first: nothing before it may wait for a lock outside the deadline.
            String failure = onlineBackup(source, target, options.deadlineMs(), options.busyTimeoutMs());
            Method method = Method.ONLINE_BACKUP;
            if (failure != null) {
                Files.deleteIfExists(target);
                Files.deleteIfExists(target.resolveSibling(target.getFileName() + "-journal"));
                vacuumInto(source, target);
                method = Method.VACUUM_INTO;
            }
            int pageSize = Integer.parseInt(SqliteConnections.queryOne(source, "PRAGMA page_size"));
            String journalMode = SqliteConnections.queryOne(source, "PRAGMA journal_mode").toLowerCase(java.util.Locale.ROOT);
            return new Copy(target, method, pageSize, journalMode, Files.size(target), failure);
        }
    }

    /** {@return {@code null} on success, else why the backup API failed} */
    private static String onlineBackup(Connection source, Path target, long deadlineMs, long busyTimeoutMs) throws SQLException {
        int retries = (int) Math.max(1, deadlineMs / RETRY_SLEEP_MS);
        // sqlite3_backup_step waits for the source's lock through the source's busy handler; switch it
        // off so the retries below, and so deadline_ms, bound the wait.
        setBusyTimeout(source, 0);
        try {
            int rc = ((SQLiteConnection) source).getDatabase()
                    .backup("main", target.toAbsolutePath().toString(), null, RETRY_SLEEP_MS, retries, -1);
            return rc == 0 ? null : "online backup ended with SQLite result code " + rc
                    + (rc == 5 ? " (SQLITE_BUSY after deadline_ms=" + deadlineMs + ")" : "");
        } catch (SQLException e) {
            return "online backup failed: " + e.getMessage();
        } finally {
            setBusyTimeout(source, busyTimeoutMs);
        }
    }

    private static void setBusyTimeout(Connection connection, long millis) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("PRAGMA busy_timeout = " + millis);
        }
    }

    private static void vacuumInto(Connection source, Path target) throws SQLException {
        try (Statement s = source.createStatement()) {
            // VACUUM INTO writes only to the target file; query_only would refuse it.
            s.execute("PRAGMA query_only = false");
            s.execute("VACUUM INTO '" + target.toAbsolutePath().toString().replace("'", "''") + "'");
        }
    }
}
