package dev.cairn.engine.audit;

import dev.cairn.framework.CairnException;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQLite audit database {@code audit.db}: table {@code events(seq INTEGER PRIMARY KEY, time_utc,
 * type, actor, host, snapshot_id, summary, hash)}, {@code PRAGMA user_version = 1}. Written with
 * {@code synchronous=FULL} so a committed insert survives a crash.
 */
final class AuditDatabase implements AutoCloseable {

    static final int FORMAT = 1;

    /**
     * Count and last row of the table.
     *
     * @param count  rows
     * @param maxSeq the highest seq, 0 when empty
     * @param last   the row with the highest seq, or {@code null}
     */
    record Extent(long count, long maxSeq, StoredRow last) { }

    private final Connection connection;

    private AuditDatabase(Connection connection) {
        this.connection = connection;
    }

    /** Opens (creating when absent) the database at {@code file}. */
    static AuditDatabase open(Path file) throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout = 10000");
            s.execute("PRAGMA synchronous = FULL");
            s.execute("CREATE TABLE IF NOT EXISTS events (seq INTEGER PRIMARY KEY, time_utc TEXT NOT NULL, "
                    + "type TEXT NOT NULL, actor TEXT NOT NULL, host TEXT NOT NULL, snapshot_id TEXT, "
                    + "summary TEXT NOT NULL, hash TEXT NOT NULL)");
            try (ResultSet rs = s.executeQuery("PRAGMA user_version")) {
                int version = rs.next() ? rs.getInt(1) : 0;
                if (version == 0) {
                    s.execute("PRAGMA user_version = " + FORMAT);
                } else if (version != FORMAT) {
                    throw new CairnException(CairnException.Kind.CORRUPT, "audit database " + file
                            + " has format " + version + "; this Cairn reads format " + FORMAT);
                }
            }
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
        return new AuditDatabase(c);
    }

    void insert(StoredRow row) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "INSERT INTO events (seq, time_utc, type, actor, host, snapshot_id, summary, hash) VALUES (?,?,?,?,?,?,?,?)")) {
            ps.setLong(1, row.seq());
            ps.setString(2, row.time());
            ps.setString(3, row.type());
            ps.setString(4, row.actor());
            ps.setString(5, row.host());
            ps.setString(6, row.snapshotId());
            ps.setString(7, row.summary());
            ps.setString(8, row.hash());
            ps.executeUpdate();
        }
    }

    Extent extent() throws SQLException {
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*), coalesce(max(seq), 0) FROM events")) {
            rs.next();
            long count = rs.getLong(1);
            long max = rs.getLong(2);
            StoredRow last = null;
            if (count > 0) {
                List<StoredRow> rows = select("WHERE seq = " + max);
                last = rows.isEmpty() ? null : rows.get(0);
            }
            return new Extent(count, max, last);
        }
    }

    /** {@return every row, ordered by seq} */
    List<StoredRow> rows() throws SQLException {
        return select("ORDER BY seq");
    }

    private List<StoredRow> select(String clause) throws SQLException {
        List<StoredRow> rows = new ArrayList<>();
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT seq, time_utc, type, actor, host, snapshot_id, summary, hash FROM events " + clause)) {
            while (rs.next()) {
                rows.add(new StoredRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8)));
            }
        }
        return rows;
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
