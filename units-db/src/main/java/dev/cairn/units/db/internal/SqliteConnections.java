package dev.cairn.units.db.internal;

import org.sqlite.SQLiteConfig;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Opens SQLite connections the two ways the unit needs them.
 *
 * <ul>
 *   <li>{@link #openLive}: a database the application may be writing right now. A normal connection
 *       that takes part in SQLite's locking (so the copy it makes is consistent) and waits
 *       {@code busy_timeout_ms} for locks. It is opened read-write on purpose: a read-only connection to
 *       a WAL database whose {@code -wal}/{@code -shm} do not exist yet would create them and leave them
 *       behind, while a read-write connection that is the last one to close removes what it created. It
 *       only ever runs read statements ({@code PRAGMA query_only} guards that).</li>
 *   <li>{@link #openPrivateCopy}: a file only Cairn uses (a copy in scratch, a staged restore). Opened
 *       with the {@code immutable} URI flag: read-only, no locks, and no {@code -wal}/{@code -shm}
 *       files are created or read, so checking the file never changes it or anything next to it.</li>
 * </ul>
 */
final class SqliteConnections {

    private SqliteConnections() {
    }

    /** {@return a locking, query-only connection to a live database} */
    static Connection openLive(Path file, long busyTimeoutMs) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout((int) busyTimeoutMs);
        Connection connection = config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
        try (Statement s = connection.createStatement()) {
            s.execute("PRAGMA query_only = true");
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return connection;
    }

    /** {@return a read-only connection to a file no one else uses, that never creates companion files} */
    static Connection openPrivateCopy(Path file) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        return config.createConnection("jdbc:sqlite:" + file.toAbsolutePath().toUri() + "?immutable=1");
    }

    /** {@return the single value a pragma or query returns} */
    static String queryOne(Connection connection, String sql) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery(sql)) {
            if (!r.next()) {
                throw new SQLException("no result from " + sql);
            }
            return r.getString(1);
        }
    }
}
