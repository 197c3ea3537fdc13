package dev.cairn.units.db.internal;

import dev.cairn.framework.ConfigView;
import dev.cairn.framework.Issue;
import dev.cairn.framework.unit.BackupUnit;
import dev.cairn.framework.unit.ChunkingPolicy;
import dev.cairn.framework.unit.Item;
import dev.cairn.framework.unit.RestoreContext;
import dev.cairn.framework.unit.SmokeTestResult;
import dev.cairn.framework.unit.UnitOutcome;
import dev.cairn.framework.unit.UnitPlan;
import dev.cairn.testkit.BackupUnitContract;
import dev.cairn.testkit.RecordingSink;
import dev.cairn.testkit.TestUnitContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code db} unit against the testkit contract, over an install with a WAL database, a
 * rollback-journal database and a glob, plus the unit's own behaviour: consistent page-aligned copies,
 * the smoke test, quick_check and the restore rules for stale companion files.
 */
class SqliteUnitTest implements BackupUnitContract {

    @Override
    public BackupUnit newUnit() {
        return new SqliteUnit();
    }

    /** A WAL database closed cleanly (no -wal or -shm left) and two rollback-journal ones under a glob. */
    @Override
    public List<String> populateInstall(Path installRoot) throws Exception {
        Files.createDirectories(installRoot.resolve("data"));
        Files.createDirectories(installRoot.resolve("audit"));
        BalanceDatabase.create(installRoot.resolve("data/app.db"), "wal", 50, 500, 1);
        BalanceDatabase.create(installRoot.resolve("audit/2026.sqlite"), "delete", 10, 100, 2);
        BalanceDatabase.create(installRoot.resolve("audit/2025.sqlite"), "delete", 10, 100, 3);
        Files.writeString(installRoot.resolve("data/README.txt"), "not a database\n");
        return List.of("data/app.db", "audit/*.sqlite");
    }

    private static TestUnitContext context(Path install, List<String> paths, Path scratch, RecordingSink sink) {
        return TestUnitContext.of(SqliteUnit.ID, install, paths, scratch, sink);
    }

    @Test
    void isFoundByServiceLoaderUnderIdDb() {
        assertTrue(ServiceLoader.load(BackupUnit.class).stream()
                .anyMatch(p -> p.type() == SqliteUnit.class && p.get().id().equals("db")));
    }

    @Test
    void backupStreamsEveryDatabaseAsAConsistentPageAlignedCopy(@TempDir Path dir) throws Exception {
        Path install = Files.createDirectories(dir.resolve("install"));
        List<String> paths = populateInstall(install);
        RecordingSink sink = new RecordingSink(true);

        UnitOutcome outcome = newUnit().backup(context(install, paths, Files.createDirectories(dir.resolve("scratch")), sink));

        assertEquals(UnitOutcome.succeeded(3), outcome);
        assertEquals(Set.of("data/app.db", "audit/2025.sqlite", "audit/2026.sqlite"), sink.items().keySet());
        for (RecordingSink.Recorded recorded : sink.items().values()) {
            Item.File file = assertInstanceOf(Item.File.class, recorded.item());
            assertEquals(ChunkingPolicy.fixed(4096).withLayout(ChunkingPolicy.Layout.PAGES), file.chunking(),
                    "4 KiB pages, one page a chunk, compressed with a page dictionary");
            Path live = install.resolve(recorded.item().path());
            Path wal = live.resolveSibling(live.getFileName() + "-wal");
            long walSize = Files.exists(wal) ? Files.size(wal) : 0;
            assertEquals(Files.size(live) + walSize, file.metadata().size(), "metadata signs the database and its -wal");
            assertEquals(-1, file.metadata().ctimeNanos(), "a database written moments ago is never taken unread");
            Path restored = Files.createDirectories(dir.resolve("restored")).resolve(recorded.item().path().replace('/', '_'));
            Files.write(restored, recorded.content());
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + restored)) {
                assertEquals(List.of(), BalanceDatabase.problems(c), recorded.item().path());
            }
        }
    }

    @Test
    void walCommitsNotYetCheckpointedAreInTheCopy(@TempDir Path dir) throws Exception {
        Path install = Files.createDirectories(dir.resolve("install"));
        Path db = install.resolve("app.db");
        BalanceDatabase.create(db, "wal", 20, 10, 1);
        try (Connection app = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = app.createStatement()) {
            s.execute("PRAGMA wal_autocheckpoint = 0");
            s.execute("UPDATE accounts SET owner = 'only-in-the-wal' WHERE id = 1");
            assertTrue(Files.size(install.resolve("app.db-wal")) > 0, "the change sits in the -wal");
            RecordingSink sink = new RecordingSink(true);

            newUnit().backup(context(install, List.of("app.db"), Files.createDirectories(dir.resolve("scratch")), sink));

            Path copy = dir.resolve("copy.db");
            Files.write(copy, sink.items().get("app.db").content());
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + copy); Statement q = c.createStatement();
                 ResultSet r = q.executeQuery("SELECT owner FROM accounts WHERE id = 1")) {
                r.next();
                assertEquals("only-in-the-wal", r.getString(1));
            }
        }
    }

    @Test
    void planOfAWalDatabaseInUseCreatesAndOpensNothing(@TempDir Path dir) throws Exception {
        Path install = Files.createDirectories(dir.resolve("install"));
        BalanceDatabase.create(install.resolve("app.db"), "wal", 5, 5, 1);
        Map<String, String> before = BackupUnitContract.fingerprint(install);

        UnitPlan plan = newUnit().plan(context(install, List.of("*.db", "missing.db"), dir, new RecordingSink(false)));

        assertEquals(List.of(new UnitPlan.PlannedItem("app.db", UnitPlan.PlannedItem.Type.FILE, Files.size(install.resolve("app.db")))),
                plan.items());
        assertEquals(1, plan.issues().size(), "the missing path is reported: " + plan.issues());
        assertEquals(before, BackupUnitContract.fingerprint(install), "no -wal, no -shm, nothing touched");
    }

    @Test
    void globsNeverTakeCompanionFilesForDatabases(@TempDir Path dir) throws Exception {
        Path install = Files.createDirectories(dir.resolve("install"));
        Path db = install.resolve("app.db");
        BalanceDatabase.create(db, "wal", 5, 5, 1);
        try (Connection app = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            BalanceDatabase.transferCount(app);
            assertTrue(Files.exists(install.resolve("app.db-wal")) && Files.exists(install.resolve("app.db-shm")));
            UnitPlan plan = newUnit().plan(context(install, List.of("app.db*"), dir, new RecordingSink(false)));
            assertEquals(List.of("app.db"), plan.items().stream().map(UnitPlan.PlannedItem::path).toList());
        }
    }

    @Test
    void rollbackJournalDatabasesAreCopiedToo(@TempDir Path dir) throws Exception {
        Path install = Files.createDirectories(dir.resolve("install"));
        BalanceDatabase.create(install.resolve("app.db"), "delete", 5, 50, 1);
        RecordingSink sink = new RecordingSink(true);

        assertEquals(UnitOutcome.succeeded(1),
                newUnit().backup(context(install, List.of("app.db"), Files.createDirectories(dir.resolve("s")), sink)));

        assertEquals(Files.size(install.resolve("app.db")), sink.items().get("app.db").size());
    }

    @Test
    void contentDefinedChunkingWhenPageAlignmentIsOff(@TempDir Path dir) throws Exception {
        Path install = Files.createDirectories(dir.resolve("install"));
        BalanceDatabase.create(install.resolve("app.db"), "wal", 5, 5, 1);
        RecordingSink sink = new RecordingSink(false);
        TestUnitContext ctx = context(install, List.of("app.db"), Files.createDirectories(dir.resolve("s")), sink)
                .withConfig(ConfigView.of("db", Map.of("page_aligned", "false")));

        newUnit().backup(ctx);

        assertEquals(ChunkingPolicy.contentDefined(), ((Item.File) sink.items().get("app.db").item()).chunking());
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"512, 4096", "1024, 4096", "4096, 4096", "8192, 8192", "65536, 65536"})
    void chunksAreOnePageButAtLeast4KiB(int pageSize, int chunkSize, @TempDir Path dir) throws Exception {
        Path install = Files.createDirectories(dir.resolve("install"));
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + install.resolve("pages.db"));
             Statement s = c.createStatement()) {
            s.execute("PRAGMA page_size = " + pageSize);
            s.execute("CREATE TABLE t(x)");
            s.execute("INSERT INTO t VALUES (randomblob(100000))");
        }
        RecordingSink sink = new RecordingSink(false);

        newUnit().backup(context(install, List.of("pages.db"), Files.createDirectories(dir.resolve("s")), sink));

        assertEquals(ChunkingPolicy.fixed(chunkSize).withLayout(ChunkingPolicy.Layout.PAGES), ((Item.File) sink.items().get("pages.db").item()).chunking());
    }

    @Test
    void aFileThatIsNotADatabaseIsReportedAndSkipped(@TempDir Path dir) throws Exception {
        Path install = Files.createDirectories(dir.resolve("install"));
        Files.writeString(install.resolve("fake.db"), "this is text, not SQLite, and long enough to have a header".repeat(4));
        BalanceDatabase.create(install.resolve("real.db"), "wal", 5, 5, 1);
        RecordingSink sink = new RecordingSink(false);

        UnitOutcome outcome = newUnit().backup(context(install, List.of("*.db"), Files.createDirectories(dir.resolve("s")), sink));

        assertEquals(UnitOutcome.succeeded(1), outcome);
        assertEquals(Set.of("real.db"), sink.items().keySet());
        assertEquals(List.of("fake.db"), sink.issues().stream().filter(i -> i.severity() == Issue.Severity.ERROR).map(Issue::path).toList());
    }

    @Test
    void noDatabaseAtAllIsASkip(@TempDir Path dir) throws Exception {
        Path install = Files.createDirectories(dir.resolve("install"));
        UnitOutcome outcome = newUnit().backup(context(install, List.of("data/*.db"), Files.createDirectories(dir.resolve("s")), new RecordingSink(false)));
        assertInstanceOf(UnitOutcome.Skipped.class, outcome);
    }

    @Test
    void quickCheckFailureFailsTheUnitAndNamesTheDatabase(@TempDir Path dir) throws Exception {
        Path install = Files.createDirectories(dir.resolve("install"));
        Path db = install.resolve("broken.db");
        BalanceDatabase.create(db, "delete", 50, 2_000, 1);
        corruptIndexPage(db);
        RecordingSink sink = new RecordingSink(false);
        TestUnitContext ctx = context(install, List.of("broken.db"), Files.createDirectories(dir.resolve("s")), sink)
                .withConfig(ConfigView.of("db", Map.of("quick_check", "true")));

        UnitOutcome outcome = newUnit().backup(ctx);

        UnitOutcome.Failed failed = assertInstanceOf(UnitOutcome.Failed.class, outcome);
        assertTrue(failed.message().contains("broken.db") && failed.message().contains("quick_check"), failed.message());
        assertTrue(sink.items().isEmpty());
    }

    @Test
    void smokeTestPassesACopyAndFailsACorruptOneSayingWhy(@TempDir Path dir) throws Exception {
        Path staging = Files.createDirectories(dir.resolve("staging/data"));
        BalanceDatabase.create(staging.resolve("good.db"), "wal", 20, 200, 1);
        BalanceDatabase.create(staging.resolve("bad.db"), "delete", 50, 2_000, 1);
        corruptIndexPage(staging.resolve("bad.db"));
        Map<String, String> before = BackupUnitContract.fingerprint(dir.resolve("staging"));

        SmokeTestResult good = newUnit().smokeTest(new RestoreContext("db", dir.resolve("staging"), List.of("data/good.db"), ConfigView.empty()));
        SmokeTestResult bad = newUnit().smokeTest(new RestoreContext("db", dir.resolve("staging"), List.of("data/bad.db"), ConfigView.empty()));

        assertEquals(SmokeTestResult.passed(), good);
        SmokeTestResult.Failed failed = assertInstanceOf(SmokeTestResult.Failed.class, bad);
        assertTrue(failed.reason().startsWith("data/bad.db: integrity_check"), failed.reason());
        assertEquals(before, BackupUnitContract.fingerprint(dir.resolve("staging")), "the smoke test changes no byte and creates no file");
    }

    @Test
    void smokeTestFailsOnForeignKeyViolations(@TempDir Path dir) throws Exception {
        Path staging = Files.createDirectories(dir.resolve("staging"));
        Path db = staging.resolve("app.db");
        BalanceDatabase.create(db, "delete", 5, 5, 1);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.execute("PRAGMA foreign_keys = OFF");
            s.execute("INSERT INTO transfers(from_id, to_id, amount) VALUES (999, 1, 5)");
        }

        SmokeTestResult result = newUnit().smokeTest(new RestoreContext("db", staging, List.of("app.db"), ConfigView.empty()));

        SmokeTestResult.Failed failed = assertInstanceOf(SmokeTestResult.Failed.class, result);
        assertTrue(failed.reason().contains("foreign_key_check") && failed.reason().contains("transfers"), failed.reason());
    }

    @Test
    void smokeTestRefusesAStagedDatabaseWithAWalNextToIt(@TempDir Path dir) throws Exception {
        Path staging = Files.createDirectories(dir.resolve("staging"));
        BalanceDatabase.create(staging.resolve("app.db"), "wal", 5, 5, 1);
        Files.write(staging.resolve("app.db-wal"), new byte[0]);

        SmokeTestResult result = newUnit().smokeTest(new RestoreContext("db", staging, List.of("app.db"), ConfigView.empty()));

        assertTrue(assertInstanceOf(SmokeTestResult.Failed.class, result).reason().contains("-wal"));
    }

    /**
     * Why the live file's companions must move aside with it on restore: a stale {@code -wal} of the
     * old live database next to the restored file is replayed into it on the next open, mixing two
     * databases. The copy itself is self-contained (no {@code -wal}, header still in WAL mode).
     */
    @Test
    void aStaleWalNextToARestoredCopyWouldMixTwoDatabases(@TempDir Path dir) throws Exception {
        Path install = Files.createDirectories(dir.resolve("install"));
        Path live = install.resolve("app.db");
        BalanceDatabase.create(live, "wal", 20, 100, 1);
        RecordingSink sink = new RecordingSink(true);
        newUnit().backup(context(install, List.of("app.db"), Files.createDirectories(dir.resolve("s")), sink));
        byte[] copy = sink.items().get("app.db").content();
        assertEquals(2, copy[18], "the copy keeps the source's WAL mode in its header");

        Path stale;
        try (Connection app = DriverManager.getConnection("jdbc:sqlite:" + live); Statement s = app.createStatement()) {
            s.execute("PRAGMA wal_autocheckpoint = 0");
            s.execute("UPDATE accounts SET owner = 'written after the backup' WHERE id = 1");
            stale = Files.copy(install.resolve("app.db-wal"), dir.resolve("stale-wal"));
        }
        Path alone = Files.createDirectories(dir.resolve("alone")).resolve("app.db");
        Files.write(alone, copy);
        Path mixed = Files.createDirectories(dir.resolve("mixed")).resolve("app.db");
        Files.write(mixed, copy);
        Files.copy(stale, mixed.resolveSibling("app.db-wal"));

        assertEquals("owner-1", owner(alone), "the restored copy on its own is the backed-up state");
        assertEquals("written after the backup", owner(mixed), "a stale -wal leaks later writes into the restored file");
    }

    private static String owner(Path db) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT owner FROM accounts WHERE id = 1")) {
            r.next();
            return r.getString(1);
        }
    }

    @Test
    void aSourceBusyPastTheDeadlineIsCopiedWithVacuumIntoAndReported(@TempDir Path dir) throws Exception {
        Path install = Files.createDirectories(dir.resolve("install"));
        Path db = install.resolve("app.db");
        BalanceDatabase.create(db, "delete", 20, 200, 1);
        RecordingSink sink = new RecordingSink(true);
        TestUnitContext ctx = context(install, List.of("app.db"), Files.createDirectories(dir.resolve("s")), sink)
                .withConfig(ConfigView.of("db", Map.of("deadline_ms", "60", "busy_timeout_ms", "30000")));
        java.util.concurrent.CountDownLatch locked = new java.util.concurrent.CountDownLatch(1);
        Thread holder = new Thread(() -> {
            try (Connection app = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = app.createStatement()) {
                s.execute("BEGIN EXCLUSIVE");
                s.execute("UPDATE accounts SET balance = balance - 7 WHERE id = 1");
                s.execute("UPDATE accounts SET balance = balance + 7 WHERE id = 2");
                s.execute("INSERT INTO transfers(from_id, to_id, amount) VALUES (1, 2, 7)");
                locked.countDown();
                Thread.sleep(1_000);
                s.execute("COMMIT");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        holder.start();
        locked.await();

        UnitOutcome outcome = newUnit().backup(ctx);
        holder.join();

        assertEquals(UnitOutcome.succeeded(1), outcome);
        Issue info = sink.issues().stream().filter(i -> i.severity() == Issue.Severity.INFO).findFirst().orElseThrow();
        assertTrue(info.message().contains("VACUUM INTO") && info.message().contains("deadline_ms=60"), info.message());
        Path copy = dir.resolve("copy.db");
        Files.write(copy, sink.items().get("app.db").content());
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + copy)) {
            assertEquals(List.of(), BalanceDatabase.problems(c));
            assertEquals(201, BalanceDatabase.transferCount(c), "the fallback waited for the writer's commit");
        }
    }

    @Test
    void companionsAreWalShmAndJournal() {
        assertEquals(Set.of("-wal", "-shm", "-journal"), newUnit().companionSuffixes());
    }

    @Test
    void suggestsFilesNamedLikeDatabases(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("var/lib"));
        Files.writeString(dir.resolve("var/lib/app.sqlite3"), "x");
        Files.writeString(dir.resolve("settings.yaml"), "x");
        Files.writeString(dir.resolve("app.db"), "x");
        assertEquals(List.of("app.db", "var/lib/app.sqlite3"), newUnit().suggest(dir));
    }

    /** Overwrites the middle of the last page of the {@code transfers_to} index (test-side raw write). */
    private static void corruptIndexPage(Path db) throws Exception {
        long page;
        int pageSize;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            try (ResultSet r = s.executeQuery("SELECT max(pageno) FROM dbstat WHERE name = 'transfers_to'")) {
                r.next();
                page = r.getLong(1);
            }
            try (ResultSet r = s.executeQuery("PRAGMA page_size")) {
                r.next();
                pageSize = r.getInt(1);
            }
        }
        assertFalse(page <= 1, "index page found");
        try (RandomAccessFile f = new RandomAccessFile(db.toFile(), "rw")) {
            f.seek((page - 1) * pageSize + 8);
            f.write(new byte[64]);
        }
    }
}
