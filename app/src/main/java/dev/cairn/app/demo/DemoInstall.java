package dev.cairn.app.demo;

import dev.cairn.framework.CairnException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Materialises the bundled demo install: a notes app with a SQLite database (WAL mode, two tables
 * with a foreign key and an index), JSON/YAML/.env config, a rotated log, binary uploads, a private
 * key with mode 0600 and a symlink, plus its install profile. Made once; later calls reuse it, so
 * repeated backups of the demo show incremental behaviour.
 */
public final class DemoInstall {

    private DemoInstall() {
    }

    /**
     * Makes sure the demo install and its profile exist.
     *
     * @param installDir where the install goes
     * @param profileFile where its profile goes
     * @param notes receives a line when something is created
     * @return the profile file
     */
    public static Path ensure(Path installDir, Path profileFile, Consumer<String> notes) {
        try {
            if (!Files.exists(profileFile)) {
                if (!Files.exists(installDir.resolve("data/notes.db"))) {
                    create(installDir);
                    notes.accept("created the bundled demo install in " + installDir);
                }
                Files.createDirectories(profileFile.getParent());
                Files.writeString(profileFile, profile(installDir));
            }
            return profileFile;
        } catch (IOException | SQLException e) {
            throw new CairnException(CairnException.Kind.IO, "cannot create the demo install in " + installDir + ": " + e.getMessage(), e);
        }
    }

    /** Writes the demo files into {@code dir}. */
    static void create(Path dir) throws IOException, SQLException {
        Random random = new Random(42);
        Files.createDirectories(dir.resolve("config"));
        Files.createDirectories(dir.resolve("data"));
        Files.createDirectories(dir.resolve("logs"));
        Files.createDirectories(dir.resolve("uploads"));
        Files.createDirectories(dir.resolve("keys"));
        Files.createDirectories(dir.resolve("cache/empty"));
        Files.writeString(dir.resolve("config/app.json"), """
                {"name": "notes", "listen": "127.0.0.1:8080", "features": {"sync": false, "search": true}}
                """);
        Files.writeString(dir.resolve("config/logging.yaml"), """
                level: info
                rotate:
                  keep: 3
                  max_size_mb: 10
                """);
        Files.writeString(dir.resolve("config/.env"), "NOTES_DB=data/notes.db\nNOTES_SECRET_FILE=keys/server.key\n");
        Files.createSymbolicLink(dir.resolve("config/current.json"), Path.of("app.json"));
        StringBuilder log = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            log.append("2026-11-2").append(i % 5).append("T10:").append(String.format("%02d", i % 60))
                    .append(":00Z INFO request id=").append(random.nextInt(1_000_000)).append(" path=/notes/")
                    .append(random.nextInt(500)).append(" status=200\n");
        }
        Files.writeString(dir.resolve("logs/notes.log.1"), log.toString());
        Files.writeString(dir.resolve("logs/notes.log"), log.substring(0, log.length() / 3));
        for (int i = 0; i < 8; i++) {
            byte[] upload = new byte[16 * 1024 + random.nextInt(32 * 1024)];
            random.nextBytes(upload);
            Files.write(dir.resolve("uploads/attachment-" + i + ".bin"), upload);
        }
        Path key = dir.resolve("keys/server.key");
        Files.createFile(key, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(key, "-----BEGIN PRIVATE KEY-----\nZGVtbyBrZXkgLSBub3QgYSByZWFsIHNlY3JldA==\n-----END PRIVATE KEY-----\n",
                StandardCharsets.US_ASCII);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data/notes.db"))) {
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("CREATE TABLE notebooks(id INTEGER PRIMARY KEY, title TEXT NOT NULL)");
                s.execute("CREATE TABLE notes(id INTEGER PRIMARY KEY, notebook INTEGER NOT NULL REFERENCES notebooks(id), body TEXT, created TEXT)");
                s.execute("CREATE INDEX notes_by_notebook ON notes(notebook)");
            }
            c.setAutoCommit(false);
            try (PreparedStatement nb = c.prepareStatement("INSERT INTO notebooks(id, title) VALUES (?, ?)");
                 PreparedStatement note = c.prepareStatement("INSERT INTO notes(notebook, body, created) VALUES (?, ?, ?)")) {
                for (int i = 1; i <= 5; i++) {
                    nb.setInt(1, i);
                    nb.setString(2, "notebook " + i);
                    nb.executeUpdate();
                }
                for (int i = 0; i < 3000; i++) {
                    note.setInt(1, 1 + random.nextInt(5));
                    note.setString(2, "note " + i + " " + "lorem ipsum dolor sit amet ".repeat(1 + random.nextInt(8)));
                    note.setString(3, "2026-11-" + (10 + i % 15));
                    note.executeUpdate();
                }
            }
            c.commit();
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            }
        }
    }

    private static String profile(Path dir) {
        return """
                {
                  "schema": "cairn-install-profile/1",
                  "name": "demo",
                  "install_root": "%s",
                  "strategy": "incremental",
                  "excludes": ["cache/**/*.tmp"],
                  "units": [
                    {"id": "db", "paths": ["data/notes.db"], "options": {"busy_timeout_ms": 5000}},
                    {"id": "config", "paths": ["config"]},
                    {"id": "logs", "paths": ["logs"]},
                    {"id": "files", "paths": ["uploads", "keys", "cache"]}
                  ]
                }
                """.formatted(dir.toAbsolutePath().toString().replace("\\", "\\\\").replace("\"", "\\\""));
    }
}
