package dev.cairn.units.db.internal;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * SQLite's own consistency checks, run on a private file (a consistent copy or a staged restore) through
 * an {@linkplain SqliteConnections#openPrivateCopy immutable} connection, so checking never changes the
 * bytes that are checked. Each method returns what is wrong, at most {@value #MAX_PROBLEMS} lines; an
 * empty list means the check passed.
 */
final class DatabaseChecks {

    /** The most problems reported per check; SQLite may list thousands for one broken page. */
    static final int MAX_PROBLEMS = 10;

    /**
     * Page cache of a checking connection, in KiB. {@code integrity_check} walks every b-tree and looks
     * each index entry up in its table, re-reading pages that SQLite's default 2 MB cache has dropped:
     * on the benchmark's 250 MB database it made 376,000 page reads and took ~1 s of a restore; with
     * 16 MiB it reads each page about once (measured 4.8 s with a 2 MB cache vs 0.48 s with 16 MiB, 0.68 s
     * with 64 MiB, on one CPU-bound run of the same check).
     */
    static final int CHECK_CACHE_KIB = 16 * 1024;

    private DatabaseChecks() {
    }

    /** {@return what {@code PRAGMA quick_check} found wrong (structure only, no index contents)} */
    static List<String> quickCheck(Path file) {
        return run(file, true, false);
    }

    /** {@return what {@code PRAGMA integrity_check} and {@code PRAGMA foreign_key_check} found wrong} */
    static List<String> integrityAndForeignKeys(Path file) {
        return run(file, false, true);
    }

    private static List<String> run(Path file, boolean quick, boolean foreignKeys) {
        List<String> problems = new ArrayList<>();
        try (Connection c = SqliteConnections.openPrivateCopy(file)) {
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA cache_size = -" + CHECK_CACHE_KIB);
            }
            String pragma = quick ? "quick_check" : "integrity_check";
            for (String line : column(c, "PRAGMA " + pragma + "(" + MAX_PROBLEMS + ")")) {
                if (!line.equals("ok")) {
                    problems.add(pragma + ": " + line);
                }
            }
            if (foreignKeys) {
                problems.addAll(foreignKeyViolations(c));
            }
        } catch (SQLException e) {
            problems.add((quick ? "quick_check" : "integrity_check") + " could not run: " + e.getMessage());
        }
        return problems;
    }

    private static List<String> foreignKeyViolations(Connection c) throws SQLException {
        List<String> problems = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("PRAGMA foreign_key_check")) {
            while (r.next() && problems.size() < MAX_PROBLEMS) {
                problems.add("foreign_key_check: row " + r.getString(2) + " of table " + r.getString(1)
                        + " refers to a missing row of " + r.getString(3));
            }
        }
        return problems;
    }

    private static List<String> column(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                out.add(r.getString(1));
            }
        }
        return out;
    }
}
