package dev.cairn.app;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A generated application install for the end-to-end tests: a WAL-mode SQLite database, config files,
 * logs, binary uploads, a 0600 private key, a symlink and an empty directory; plus "what a user would
 * compare": every file's bytes and mode, and the database's rows (a database restored from a consistent
 * copy is equal in content, not in bytes).
 */
final class InstallFixture {

    static final String DB = "data/app.db";

    private final Path root;
    private final Random random = new Random(7);

    InstallFixture(Path root) {
        this.root = root;
    }

    Path root() {
        return root;
    }

    void create() throws IOException, SQLException {
        Files.createDirectories(root.resolve("config/policies"));
        Files.createDirectories(root.resolve("data"));
        Files.createDirectories(root.resolve("logs"));
        Files.createDirectories(root.resolve("uploads/empty-dir"));
        Files.createDirectories(root.resolve("keys"));
        Files.writeString(root.resolve("config/app.json"), "{\"port\": 8080, \"name\": \"shop\"}\n");
        Files.writeString(root.resolve("config/policies/retention.yaml"), "keep: 7\nmode: daily\n");
        Files.writeString(root.resolve("config/.env"), "SHOP_MODE=prod\n# comment\nSHOP_WORKERS=4\n");
        Files.writeString(root.resolve("config/server.properties"), "threads=8\n");
        Files.createSymbolicLink(root.resolve("config/active.json"), Path.of("app.json"));
        Files.writeString(root.resolve("logs/app.log.1"), lines("old", 3000));
        Files.writeString(root.resolve("logs/app.log"), lines("new", 1500));
        for (int i = 0; i < 6; i++) {
            byte[] b = new byte[20_000 + random.nextInt(200_000)];
            random.nextBytes(b);
            Files.write(root.resolve("uploads/u" + i + ".bin"), b);
        }
        Path key = root.resolve("keys/tls.key");
        Files.createFile(key, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(key, "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIFakeKeyForTestsOnly0000000000000=\n-----END PRIVATE KEY-----\n");
        try (Connection c = db()) {
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("CREATE TABLE customers(id INTEGER PRIMARY KEY, name TEXT NOT NULL)");
                s.execute("CREATE TABLE orders(id INTEGER PRIMARY KEY, customer INTEGER NOT NULL REFERENCES customers(id), total INTEGER, note TEXT)");
                s.execute("CREATE INDEX orders_by_customer ON orders(customer)");
            }
            insertRows(c, 2000);
        }
    }

    /** One day of changes: config edit, log append, new rows, a new upload, a removed upload. */
    void mutate(int day) throws IOException, SQLException {
        Files.writeString(root.resolve("config/app.json"), "{\"port\": " + (8080 + day) + ", \"name\": \"shop\"}\n");
        Files.writeString(root.resolve("logs/app.log"), lines("day" + day, 400), java.nio.file.StandardOpenOption.APPEND);
        byte[] b = new byte[50_000];
        random.nextBytes(b);
        Files.write(root.resolve("uploads/day" + day + ".bin"), b);
        Files.deleteIfExists(root.resolve("uploads/u" + day + ".bin"));
        try (Connection c = db()) {
            insertRows(c, 300);
            try (Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE orders SET total = total + 1 WHERE id % 17 = " + day);
            }
        }
    }

    private void insertRows(Connection c, int n) throws SQLException {
        c.setAutoCommit(false);
        try (var cust = c.prepareStatement("INSERT INTO customers(name) VALUES (?)");
             var ord = c.prepareStatement("INSERT INTO orders(customer, total, note) SELECT max(id), ?, ? FROM customers")) {
            for (int i = 0; i < n; i++) {
                cust.setString(1, "customer-" + random.nextInt(1_000_000));
                cust.executeUpdate();
                ord.setInt(1, random.nextInt(10_000));
                ord.setString(2, "note ".repeat(1 + random.nextInt(20)));
                ord.executeUpdate();
            }
        }
        c.commit();
        c.setAutoCommit(true);
    }

    private Connection db() throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + root.resolve(DB));
    }

    private String lines(String tag, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append("2026-11-25T10:00:").append(i % 60).append(" ").append(tag).append(" GET /item/").append(random.nextInt(9999)).append(" 200\n");
        }
        return sb.toString();
    }

    /**
     * {@return what a user compares after a restore: path -> type, mode and content hash (for the
     * database: a hash of its rows), ignoring SQLite's -wal/-shm companions}
     */
    static Map<String, String> state(Path root) throws IOException, SQLException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                String rel = root.relativize(p).toString();
                if (rel.isEmpty() || rel.endsWith("-wal") || rel.endsWith("-shm") || rel.startsWith(".cairn-restore")) {
                    continue;
                }
                if (Files.isSymbolicLink(p)) {
                    out.put(rel, "link " + Files.readSymbolicLink(p));
                } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    out.put(rel, "dir " + mode(p));
                } else if (rel.equals(DB)) {
                    out.put(rel, "db " + mode(p) + " " + rows(p));
                } else {
                    out.put(rel, "file " + mode(p) + " " + sha256(p));
                }
            }
        }
        return out;
    }

    static String rows(Path db) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:file:" + db + "?mode=ro", new java.util.Properties());
             Statement s = c.createStatement()) {
            try (ResultSet ic = s.executeQuery("PRAGMA integrity_check")) {
                ic.next();
                if (!"ok".equals(ic.getString(1))) {
                    return "integrity:" + ic.getString(1);
                }
            }
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (String q : new String[] {"SELECT id, name FROM customers ORDER BY id", "SELECT id, customer, total, note FROM orders ORDER BY id"}) {
                try (ResultSet rs = s.executeQuery(q)) {
                    int cols = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        for (int i = 1; i <= cols; i++) {
                            md.update(String.valueOf(rs.getObject(i)).getBytes(StandardCharsets.UTF_8));
                            md.update((byte) 0);
                        }
                    }
                }
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
    }

    private static String sha256(Path p) throws IOException {
        try (InputStream in = Files.newInputStream(p)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[65536];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String profileJson(Path installRoot, String extraUnits) {
        return """
                {"schema": "cairn-install-profile/1", "name": "shop", "install_root": "%s", "strategy": "incremental",
                 "units": [
                   {"id": "db", "paths": ["data/app.db"]},
                   {"id": "config", "paths": ["config"]},
                   {"id": "logs", "paths": ["logs"]},
                   {"id": "files", "paths": ["uploads", "keys"]}%s
                 ]}
                """.formatted(installRoot, extraUnits);
    }
}
