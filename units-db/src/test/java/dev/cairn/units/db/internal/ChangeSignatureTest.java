package dev.cairn.units.db.internal;

import dev.cairn.framework.unit.FileMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The database signature changes with every commit, WAL or not, and is never trusted when it is racy. */
class ChangeSignatureTest {

    @Test
    void unchangedDatabaseKeepsItsSignatureAndACommitChangesIt(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("app.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("CREATE TABLE t(x INTEGER)");
            s.execute("INSERT INTO t VALUES (1)");
            // Read later than the racy window, as the next backup would.
            Instant later = Instant.now().plusSeconds(10);
            FileMetadata first = ChangeSignature.of(db, later);
            FileMetadata again = ChangeSignature.of(db, later);
            assertTrue(first.ctimeNanos() >= 0, "an old enough signature is trusted");
            assertTrue(first.sameContentSignature(again), "nothing changed: " + first + " vs " + again);

            s.execute("INSERT INTO t VALUES (2)"); // WAL mode: only the -wal changes
            FileMetadata afterCommit = ChangeSignature.of(db, later.plusSeconds(1));
            assertFalse(first.sameContentSignature(afterCommit), "a WAL commit changes the signature");

            s.execute("PRAGMA wal_checkpoint(TRUNCATE)"); // moves the frames into the database file
            FileMetadata afterCheckpoint = ChangeSignature.of(db, later.plusSeconds(2));
            assertFalse(afterCommit.sameContentSignature(afterCheckpoint), "a checkpoint changes the signature");
        }
    }

    @Test
    void aRecentChangeIsNeverTrusted(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("app.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t(x INTEGER)");
        }
        FileMetadata racy = ChangeSignature.of(db, Instant.now());
        assertEquals(-1, racy.ctimeNanos(), "written within the racy window: unknown change time");
        assertFalse(racy.sameContentSignature(racy), "an unknown change time never matches, not even itself");
    }
}
