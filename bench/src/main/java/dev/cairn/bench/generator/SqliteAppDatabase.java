package dev.cairn.bench.generator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.SplittableRandom;

/**
 * The application's SQLite database: users, documents (text), attachments (blobs) and events
 * (JSON payloads), with secondary indexes, about 250 MB at full scale. {@link #applyDay} makes one
 * day of writes: inserts into every table and updates spread over the whole id range.
 */
public final class SqliteAppDatabase {

    /** The full-scale size budget of the database. */
    public static final long FULL_BYTES = 250L << 20;
    /** Inserts in one day at full scale. */
    public static final int DAY_INSERTS = 10_000;
    /** Updates in one day at full scale. */
    public static final int DAY_UPDATES = 1_000;

    private static final long EPOCH_2026 = 1_767_225_600L;
    private static final String[] EVENT_KINDS = {"login", "logout", "view", "edit", "upload", "share", "export", "search"};
    private static final String[] MIME_TYPES = {"image/png", "image/jpeg", "application/pdf", "text/csv"};

    private SqliteAppDatabase() {
    }

    /** Creates the database at {@code file} (which must not exist) filled to the scaled budget. */
    public static void create(Path file, GeneratorSettings settings) throws IOException {
        Files.createDirectories(file.getParent());
        if (Files.exists(file)) {
            throw new IOException("database already exists: " + file);
        }
        // Rows are sized from the payload bytes; B-tree page slack and the five indexes add about 40%.
        long budget = settings.bytes(FULL_BYTES, 256 << 10) * 71 / 100;
        DeterministicText text = new DeterministicText(settings.seedFor("db"));
        try (Connection c = open(file)) {
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA page_size = 4096");
                s.execute("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL, email TEXT NOT NULL UNIQUE,"
                        + " created_at TEXT NOT NULL, bio TEXT)");
                s.execute("CREATE TABLE documents (id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES users(id),"
                        + " title TEXT NOT NULL, body TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL)");
                s.execute("CREATE TABLE attachments (id INTEGER PRIMARY KEY, document_id INTEGER NOT NULL REFERENCES documents(id),"
                        + " mime TEXT NOT NULL, data BLOB NOT NULL)");
                s.execute("CREATE TABLE events (id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL, kind TEXT NOT NULL,"
                        + " payload TEXT NOT NULL, ts TEXT NOT NULL)");
                s.execute("CREATE INDEX documents_user ON documents(user_id)");
                s.execute("CREATE INDEX documents_updated ON documents(updated_at)");
                s.execute("CREATE INDEX attachments_document ON attachments(document_id)");
                s.execute("CREATE INDEX events_user_kind ON events(user_id, kind)");
                s.execute("CREATE INDEX events_ts ON events(ts)");
            }
            c.setAutoCommit(false);
            int users = (int) Math.max(20, budget / 50_000);
            int documents = (int) Math.max(40, budget * 45 / 100 / 1_900);
            int attachments = (int) Math.max(20, budget * 33 / 100 / 6_500);
            int events = (int) Math.max(100, budget * 17 / 100 / 330);
            insertUsers(c, text, 1, users);
            insertDocuments(c, text, 1, documents, users, 0);
            insertAttachments(c, text, 1, attachments, documents);
            insertEvents(c, text, 1, events, users, 0);
            c.commit();
        } catch (SQLException e) {
            throw new IOException("cannot create database " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Applies one day of writes: {@link #DAY_INSERTS} inserts (events, documents, attachments) and
     * {@link #DAY_UPDATES} updates of documents chosen uniformly over the id range, both scaled.
     *
     * @return the number of inserts and updates made
     */
    public static int[] applyDay(Path file, GeneratorSettings settings, int day) throws IOException {
        DeterministicText text = new DeterministicText(settings.seedFor("db-day-" + day));
        int inserts = settings.count(DAY_INSERTS, 10);
        int updates = settings.count(DAY_UPDATES, 1);
        try (Connection c = open(file)) {
            c.setAutoCommit(false);
            int users = (int) maxId(c, "users");
            long documents = maxId(c, "documents");
            int newDocuments = inserts * 15 / 100;
            int newAttachments = inserts * 5 / 100;
            int newEvents = inserts - newDocuments - newAttachments;
            insertDocuments(c, text, documents + 1, newDocuments, users, day);
            insertAttachments(c, text, maxId(c, "attachments") + 1, newAttachments, documents + newDocuments);
            insertEvents(c, text, maxId(c, "events") + 1, newEvents, users, day);
            try (PreparedStatement update = c.prepareStatement("UPDATE documents SET body = ?, updated_at = ? WHERE id = ?")) {
                SplittableRandom r = text.random();
                for (int i = 0; i < updates; i++) {
                    update.setString(1, text.paragraph(600 + r.nextInt(2_600)));
                    update.setString(2, timestamp(day, i));
                    update.setLong(3, 1 + r.nextLong(documents));
                    update.addBatch();
                }
                update.executeBatch();
            }
            c.commit();
            return new int[] {inserts, updates};
        } catch (SQLException e) {
            throw new IOException("cannot change database " + file + ": " + e.getMessage(), e);
        }
    }

    private static Connection open(Path file) throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
    }

    private static long maxId(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(id), 0) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String timestamp(int day, long sequence) {
        return Instant.ofEpochSecond(EPOCH_2026 + day * 86_400L + sequence % 86_400).toString();
    }

    private static void insertUsers(Connection c, DeterministicText text, long firstId, int count) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO users VALUES (?, ?, ?, ?, ?)")) {
            for (int i = 0; i < count; i++) {
                long id = firstId + i;
                String name = text.word() + " " + text.word();
                p.setLong(1, id);
                p.setString(2, name);
                p.setString(3, name.replace(' ', '.') + "." + id + "@example.test");
                p.setString(4, timestamp(-400, id * 977));
                p.setString(5, text.paragraph(120 + text.random().nextInt(600)));
                p.addBatch();
            }
            p.executeBatch();
        }
    }

    private static void insertDocuments(Connection c, DeterministicText text, long firstId, int count, int users, int day)
            throws SQLException {
        SplittableRandom r = text.random();
        try (PreparedStatement p = c.prepareStatement("INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?)")) {
            for (int i = 0; i < count; i++) {
                long id = firstId + i;
                p.setLong(1, id);
                p.setLong(2, 1 + r.nextInt(users));
                p.setString(3, text.paragraph(30));
                p.setString(4, text.paragraph(600 + r.nextInt(2_600)));
                String created = timestamp(day == 0 ? -365 + (int) (id % 365) : day, id * 131);
                p.setString(5, created);
                p.setString(6, created);
                p.addBatch();
                if (i % 2_000 == 1_999) {
                    p.executeBatch();
                }
            }
            p.executeBatch();
        }
    }

    private static void insertAttachments(Connection c, DeterministicText text, long firstId, int count, long documents)
            throws SQLException {
        SplittableRandom r = text.random();
        try (PreparedStatement p = c.prepareStatement("INSERT INTO attachments VALUES (?, ?, ?, ?)")) {
            for (int i = 0; i < count; i++) {
                int size = 1_000 + r.nextInt(11_000);
                byte[] data = new byte[size];
                // The first half is random (already-compressed media), the rest a repeating record layout.
                for (int b = 0; b < size / 2; b++) {
                    data[b] = (byte) r.nextInt(256);
                }
                for (int b = size / 2; b < size; b++) {
                    data[b] = (byte) ((b % 64 < 8) ? (b >> 6) : (b % 7));
                }
                p.setLong(1, firstId + i);
                p.setLong(2, 1 + r.nextLong(documents));
                p.setString(3, MIME_TYPES[r.nextInt(MIME_TYPES.length)]);
                p.setBytes(4, data);
                p.addBatch();
                if (i % 1_000 == 999) {
                    p.executeBatch();
                }
            }
            p.executeBatch();
        }
    }

    private static void insertEvents(Connection c, DeterministicText text, long firstId, int count, int users, int day)
            throws SQLException {
        SplittableRandom r = text.random();
        try (PreparedStatement p = c.prepareStatement("INSERT INTO events VALUES (?, ?, ?, ?, ?)")) {
            for (int i = 0; i < count; i++) {
                long id = firstId + i;
                String kind = EVENT_KINDS[r.nextInt(EVENT_KINDS.length)];
                p.setLong(1, id);
                p.setLong(2, 1 + r.nextInt(users));
                p.setString(3, kind);
                p.setString(4, "{\"kind\":\"" + kind + "\",\"session\":\"" + text.hex(16) + "\",\"client\":\"" + text.word()
                        + "/" + r.nextInt(40) + "." + r.nextInt(10) + "\",\"note\":\"" + text.paragraph(150 + r.nextInt(200)) + "\"}");
                p.setString(5, timestamp(day == 0 ? -365 + (int) (id % 365) : day, id * 17));
                p.addBatch();
                if (i % 5_000 == 4_999) {
                    p.executeBatch();
                }
            }
            p.executeBatch();
        }
    }
}
