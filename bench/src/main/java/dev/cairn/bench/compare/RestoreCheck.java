package dev.cairn.bench.compare;

import dev.cairn.bench.generator.TreeDigest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Checks that a restore reproduced the install: every regular file present with the same bytes,
 * except SQLite databases ({@code *.db}), which a database-aware tool may rewrite page by page and
 * are compared logically instead (integrity check, same tables, same row counts and content hash).
 */
public final class RestoreCheck {

    private RestoreCheck() {
    }

    /** {@return "ok", or what differs} */
    public static String compare(Path install, Path restored) throws IOException {
        if (!Files.isDirectory(restored)) {
            return "MISMATCH: nothing restored at " + restored;
        }
        Map<String, String> expected = TreeDigest.of(install);
        Map<String, String> actual = TreeDigest.of(restored);
        List<String> problems = new ArrayList<>();
        for (String path : new TreeSet<>(expected.keySet())) {
            String got = actual.get(path);
            if (got == null) {
                problems.add("missing " + path);
            } else if (!got.equals(expected.get(path))) {
                if (path.endsWith(".db")) {
                    String db = compareDatabases(install.resolve(path), restored.resolve(path));
                    if (!db.isEmpty()) {
                        problems.add(path + ": " + db);
                    }
                } else {
                    problems.add("different " + path);
                }
            }
        }
        for (String path : actual.keySet()) {
            if (!expected.containsKey(path)) {
                problems.add("extra " + path);
            }
        }
        if (problems.isEmpty()) {
            return "ok";
        }
        return "MISMATCH (" + problems.size() + "): " + String.join(", ", problems.subList(0, Math.min(3, problems.size())));
    }

    private static String compareDatabases(Path expected, Path actual) {
        try {
            String integrity = query(actual, "PRAGMA integrity_check");
            if (!"ok".equals(integrity)) {
                return "integrity_check says " + integrity;
            }
            Map<String, String> a = contentHashes(expected);
            Map<String, String> b = contentHashes(actual);
            return a.equals(b) ? "" : "tables or rows differ";
        } catch (SQLException e) {
            return "cannot open: " + e.getMessage();
        }
    }

    private static Map<String, String> contentHashes(Path db) throws SQLException {
        Map<String, String> hashes = new TreeMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:file:" + db + "?mode=ro", "", "");
             Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String table : tables) {
                long hash = 1;
                long rows = 0;
                try (ResultSet rs = s.executeQuery("SELECT * FROM \"" + table + "\" ORDER BY rowid")) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        rows++;
                        for (int i = 1; i <= columns; i++) {
                            byte[] value = rs.getBytes(i);
                            hash = hash * 31 + (value == null ? 0 : java.util.Arrays.hashCode(value));
                        }
                    }
                }
                hashes.put(table, rows + ":" + Long.toHexString(hash));
            }
        }
        return hashes;
    }

    private static String query(Path db, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:file:" + db + "?mode=ro", "", "");
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : "";
        }
    }
}
