package dev.cairn.engine.audit;

import dev.cairn.engine.audit.AuditFinding.Kind;
import dev.cairn.engine.audit.AuditVerification.Status;
import dev.cairn.framework.CairnException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AuditTrailTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T10:15:30.123Z"), ZoneOffset.UTC);

    @TempDir
    Path temp;
    private Path dir;
    private byte[] key;

    @BeforeEach
    void setUp() {
        dir = temp.resolve("trail");
        key = new byte[32];
        Arrays.fill(key, (byte) 7);
    }

    private AuditTrail open() {
        return AuditTrail.open(dir, key, CLOCK);
    }

    /** Appends five events of different kinds and closes the trail. */
    private void writeFive() {
        try (AuditTrail trail = open()) {
            trail.append(new AuditEntry(AuditEventType.INIT, "alice", "box", null, Map.of("encrypted", true)));
            trail.append(new AuditEntry(AuditEventType.BACKUP, "alice", "box", "aa11", Map.of("files", 12, "bytes", 4096)));
            trail.append(new AuditEntry(AuditEventType.VERIFY, "alice", "box", null, Map.of("ok", true)));
            trail.append(new AuditEntry(AuditEventType.BACKUP, "bob", "box", "bb22", Map.of("files", 3)));
            trail.append(new AuditEntry(AuditEventType.FORGET, "alice", "box", "aa11", Map.of("reason", "daily")));
        }
    }

    private AuditVerification verify() {
        try (AuditTrail trail = open()) {
            return trail.verify();
        }
    }

    private void sql(String... statements) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(AuditTrail.DATABASE));
             Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    private void truncateChain(long bytes) throws IOException {
        try (FileChannel ch = FileChannel.open(dir.resolve(AuditTrail.CHAIN), StandardOpenOption.WRITE)) {
            ch.truncate(bytes);
        }
    }

    @Test
    void untamperedTrailVerifiesAndReadsBack() {
        writeFive();
        AuditVerification v = verify();
        assertEquals(Status.INTACT, v.status(), v.findings()::toString);
        assertEquals(5, v.events());
        try (AuditTrail trail = open()) {
            List<AuditEvent> events = trail.events();
            assertEquals(List.of(1L, 2L, 3L, 4L, 5L), events.stream().map(AuditEvent::seq).toList());
            AuditEvent backup = events.get(1);
            assertEquals(AuditEventType.BACKUP, backup.type());
            assertEquals("aa11", backup.snapshotId());
            assertEquals("{\"bytes\":4096,\"files\":12}", backup.summaryJson());
            assertEquals(Instant.parse("2026-11-25T10:15:30.123Z"), backup.time());
            assertEquals(v.head(), events.get(4).hash());
            assertEquals(5L * ChainFile.LINE_BYTES, Files.size(dir.resolve(AuditTrail.CHAIN)));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void emptyTrailVerifiesAndAppendContinuesAfterReopen() {
        assertEquals(Status.INTACT, verify().status());
        writeFive();
        try (AuditTrail trail = open()) {
            AuditEvent sixth = trail.append(AuditEntry.of(AuditEventType.PRUNE, null, Map.of("freed_bytes", 100)));
            assertEquals(6, sixth.seq());
        }
        AuditVerification v = verify();
        assertTrue(v.intact(), v.findings()::toString);
        assertEquals(6, v.events());
    }

    @Test
    void modifiedRowIsDetectedAndLocalized() throws SQLException {
        writeFive();
        sql("UPDATE events SET summary = '{\"files\":999}' WHERE seq = 4");
        AuditVerification v = verify();
        assertEquals(Status.TAMPERED, v.status());
        assertEquals(List.of(new AuditFinding(Kind.MODIFIED, 4, "event 4 does not match the hash it was chained with")), v.findings());
    }

    @Test
    void modifiedRowWithItsStoredHashReplacedIsDetected() throws SQLException {
        writeFive();
        sql("UPDATE events SET actor = 'mallory', hash = '" + "ab".repeat(32) + "' WHERE seq = 2");
        AuditVerification v = verify();
        assertTrue(v.has(Kind.MODIFIED), v.findings()::toString);
        assertEquals(2, v.findings().get(0).seq());
    }

    @Test
    void deletedRowIsDetected() throws SQLException {
        writeFive();
        sql("DELETE FROM events WHERE seq = 3");
        AuditVerification v = verify();
        assertEquals(Status.TAMPERED, v.status());
        assertEquals(List.of(Kind.DELETED), v.findings().stream().map(AuditFinding::kind).toList());
        assertEquals(3, v.findings().get(0).seq());
    }

    @Test
    void forgedRowAppendedAtTheEndIsDetected() throws SQLException {
        writeFive();
        sql("INSERT INTO events VALUES (6, '2026-11-25T11:00:00Z', 'restore', 'mallory', 'box', NULL, '{}', '"
                + "cd".repeat(32) + "')");
        AuditVerification v = verify();
        assertEquals(Status.TAMPERED, v.status());
        assertTrue(v.has(Kind.INSERTED), v.findings()::toString);
        assertEquals(6, v.findings().stream().filter(f -> f.kind() == Kind.INSERTED).findFirst().orElseThrow().seq());
    }

    @Test
    void forgedRowInsertedInTheMiddleIsDetected() throws SQLException {
        writeFive();
        sql("UPDATE events SET seq = seq + 1000 WHERE seq >= 3",
                "UPDATE events SET seq = seq - 999 WHERE seq >= 1003",
                "INSERT INTO events VALUES (3, '2026-11-25T10:15:30.123Z', 'restore', 'mallory', 'box', NULL, '{}', '"
                        + "ef".repeat(32) + "')");
        AuditVerification v = verify();
        assertEquals(Status.TAMPERED, v.status());
        assertTrue(v.has(Kind.INSERTED), v.findings()::toString);
        assertTrue(v.findings().stream().anyMatch(f -> f.seq() == 3 && f.kind() == Kind.MODIFIED), v.findings()::toString);
        // the shifted genuine events are recognized as sitting one position later than they were chained
        assertTrue(v.findings().stream().anyMatch(f -> f.seq() == 4 && f.kind() == Kind.REORDERED), v.findings()::toString);
    }

    @Test
    void swappedRowsAreReportedAsReordered() throws SQLException {
        writeFive();
        sql("UPDATE events SET seq = -1 WHERE seq = 2", "UPDATE events SET seq = 2 WHERE seq = 4",
                "UPDATE events SET seq = 4 WHERE seq = -1");
        AuditVerification v = verify();
        assertEquals(Status.TAMPERED, v.status());
        assertEquals(List.of(
                        new AuditFinding(Kind.REORDERED, 2, "the database holds at position 2 the event that was chained at position 4"),
                        new AuditFinding(Kind.REORDERED, 4, "the database holds at position 4 the event that was chained at position 2")),
                v.findings());
    }

    @Test
    void tailCutFromDatabaseAndChainTogetherIsDetected() throws SQLException, IOException {
        writeFive();
        sql("DELETE FROM events WHERE seq = 5");
        truncateChain(4L * ChainFile.LINE_BYTES);
        AuditVerification v = verify();
        assertEquals(Status.TAMPERED, v.status());
        assertEquals(List.of(Kind.TRUNCATED), v.findings().stream().map(AuditFinding::kind).toList());
    }

    @Test
    void tailCutFromTheDatabaseOnlyIsDetected() throws SQLException {
        writeFive();
        sql("DELETE FROM events WHERE seq = 5");
        AuditVerification v = verify();
        assertEquals(Status.TAMPERED, v.status());
        assertTrue(v.has(Kind.DELETED), v.findings()::toString);
    }

    @Test
    void editedChainLineIsDetected() throws IOException {
        writeFive();
        Path chain = dir.resolve(AuditTrail.CHAIN);
        String text = Files.readString(chain);
        int at = 2 * ChainFile.LINE_BYTES + 20;
        char flipped = text.charAt(at) == '0' ? '1' : '0';
        Files.writeString(chain, text.substring(0, at) + flipped + text.substring(at + 1));
        AuditVerification v = verify();
        assertEquals(Status.TAMPERED, v.status());
        assertEquals(List.of(new AuditFinding(Kind.CHAIN_FILE, 3, "chain.log line 3 was altered")), v.findings());
    }

    @Test
    void forgedSealAndWrongKeyAreDetected() throws IOException {
        writeFive();
        Path seal = dir.resolve(AuditTrail.SEAL);
        Files.writeString(seal, Files.readString(seal).replace("count 5", "count 4"));
        assertTrue(verify().has(Kind.SEAL));

        Files.delete(seal);
        AuditVerification missing = verify();
        assertTrue(missing.findings().stream().anyMatch(f -> f.message().equals("head.seal is missing")), missing.findings()::toString);

        Path other = temp.resolve("other");
        try (AuditTrail trail = AuditTrail.open(other, key, CLOCK)) {
            trail.append(AuditEntry.of(AuditEventType.BACKUP, "x", Map.of()));
        }
        byte[] wrong = key.clone();
        wrong[0] ^= 1;
        try (AuditTrail trail = AuditTrail.open(other, wrong, CLOCK)) {
            AuditVerification v = trail.verify();
            assertEquals(Status.TAMPERED, v.status());
            assertTrue(v.has(Kind.SEAL) && v.has(Kind.MODIFIED), v.findings()::toString);
        }
    }

    @Test
    void appendRefusesToExtendATamperedTrail() throws SQLException {
        writeFive();
        sql("DELETE FROM events WHERE seq = 5");
        try (AuditTrail trail = open()) {
            CairnException e = assertThrows(CairnException.class,
                    () -> trail.append(AuditEntry.of(AuditEventType.BACKUP, null, Map.of())));
            assertEquals(CairnException.Kind.CORRUPT, e.kind());
            assertTrue(e.getMessage().contains("nothing was appended"), e.getMessage());
            assertEquals(4, trail.events().size());
        }
    }

    @Test
    void rollbackOfAllFilesToAnEarlierCopyIsNotDetectableLocally() throws IOException {
        // The documented limit: an older, authentic copy of the whole trail verifies. Anchoring the
        // head elsewhere is what catches it.
        Path copy = temp.resolve("copy");
        try (AuditTrail trail = open()) {
            trail.append(AuditEntry.of(AuditEventType.BACKUP, "s1", Map.of()));
        }
        copyTrail(dir, copy);
        String anchoredHead;
        try (AuditTrail trail = open()) {
            trail.append(AuditEntry.of(AuditEventType.BACKUP, "s2", Map.of()));
            anchoredHead = trail.verify().head();
        }
        copyTrail(copy, dir);
        AuditVerification v = verify();
        assertEquals(Status.INTACT, v.status());
        assertEquals(1, v.events());
        assertTrue(!v.head().equals(anchoredHead), "the external anchor exposes the rollback");
    }

    private static void copyTrail(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        for (String name : List.of(AuditTrail.DATABASE, AuditTrail.CHAIN, AuditTrail.SEAL)) {
            Files.copy(from.resolve(name), to.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    // --- crashes mid-append: the on-disk states an interrupted append can leave ---

    /** Writes five events but leaves the seal as it was after four: the state of a crash inside append 5. */
    private byte[] writeFiveKeepingFourthSeal() throws IOException {
        byte[] sealAfterFour;
        try (AuditTrail trail = open()) {
            for (int i = 1; i <= 4; i++) {
                trail.append(AuditEntry.of(AuditEventType.BACKUP, "s" + i, Map.of("n", i)));
            }
            sealAfterFour = Files.readAllBytes(dir.resolve(AuditTrail.SEAL));
            trail.append(AuditEntry.of(AuditEventType.VERIFY, null, Map.of("n", 5)));
        }
        Files.write(dir.resolve(AuditTrail.SEAL), sealAfterFour);
        return sealAfterFour;
    }

    @Test
    void halfWrittenLineIsReportedAndCompletedByTheNextAppend() throws IOException {
        writeFiveKeepingFourthSeal();
        truncateChain(4L * ChainFile.LINE_BYTES + 30);
        AuditVerification v = verify();
        assertEquals(Status.INTERRUPTED_APPEND, v.status(), v.findings()::toString);
        assertEquals(Kind.INTERRUPTED_APPEND, v.findings().get(0).kind());
        assertTrue(v.findings().get(0).message().contains("half-written (30 of 78 bytes)"), v.findings().get(0).message());

        try (AuditTrail trail = open()) {
            AuditEvent next = trail.append(AuditEntry.of(AuditEventType.BACKUP, "s6", Map.of()));
            assertEquals(7, next.seq());
            List<AuditEvent> events = trail.events();
            assertEquals(AuditEventType.VERIFY, events.get(4).type());
            assertEquals(AuditEventType.REPAIR, events.get(5).type());
            assertEquals(5, events.get(5).summary().get("completed_seq").asLong());
            AuditVerification after = trail.verify();
            assertEquals(Status.INTACT, after.status(), after.findings()::toString);
        }
    }

    @Test
    void committedRowWithoutItsLineIsReportedAndRecoverable() throws IOException {
        writeFiveKeepingFourthSeal();
        truncateChain(4L * ChainFile.LINE_BYTES);
        AuditVerification v = verify();
        assertEquals(Status.INTERRUPTED_APPEND, v.status(), v.findings()::toString);
        assertTrue(v.findings().get(0).message().contains("never written"), v.findings().get(0).message());
        try (AuditTrail trail = open()) {
            AuditEvent repair = trail.recover().orElseThrow();
            assertEquals(AuditEventType.REPAIR, repair.type());
            assertEquals(6, repair.seq());
            assertTrue(trail.recover().isEmpty());
            assertEquals(Status.INTACT, trail.verify().status());
        }
    }

    @Test
    void completeLineWithoutSealUpdateIsReported() throws IOException {
        writeFiveKeepingFourthSeal();
        AuditVerification v = verify();
        assertEquals(Status.INTERRUPTED_APPEND, v.status(), v.findings()::toString);
        assertTrue(v.findings().get(0).message().contains("head.seal was not yet updated"), v.findings().get(0).message());
        try (AuditTrail trail = open()) {
            trail.append(AuditEntry.of(AuditEventType.BACKUP, "s7", Map.of()));
            assertEquals(Status.INTACT, trail.verify().status());
        }
    }

    @Test
    void halfLineThatNoRowAccountsForIsTampering() throws IOException {
        writeFive();
        Files.writeString(dir.resolve(AuditTrail.CHAIN), "000000000006 abc", StandardOpenOption.APPEND);
        AuditVerification v = verify();
        assertEquals(Status.TAMPERED, v.status());
        assertTrue(v.has(Kind.CHAIN_FILE), v.findings()::toString);
        try (AuditTrail trail = open()) {
            assertThrows(CairnException.class, () -> trail.append(AuditEntry.of(AuditEventType.BACKUP, null, Map.of())));
        }
    }

    @Test
    void databaseReplacedByGarbageIsReportedAsCorrupt() throws IOException {
        writeFive();
        Files.write(dir.resolve(AuditTrail.DATABASE), "this is not an SQLite database, just text".repeat(200).getBytes());
        CairnException e = assertThrows(CairnException.class, this::open);
        assertEquals(CairnException.Kind.CORRUPT, e.kind(), e.getMessage());
    }

    @Test
    void concurrentAppendersInOneProcessInterleaveSafely() throws Exception {
        int threads = 3;
        int perThread = 10;
        List<Thread> workers = new java.util.ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        for (int t = 0; t < threads; t++) {
            int id = t;
            workers.add(Thread.ofPlatform().start(() -> {
                try (AuditTrail own = open()) {
                    for (int i = 0; i < perThread; i++) {
                        own.append(AuditEntry.of(AuditEventType.BACKUP, null, Map.of("thread", id, "i", i)));
                    }
                } catch (Throwable failure) {
                    failures.add(failure);
                }
            }));
        }
        for (Thread w : workers) {
            w.join();
        }
        assertEquals(List.of(), failures);
        AuditVerification v = verify();
        assertEquals(Status.INTACT, v.status(), v.findings()::toString);
        assertEquals(threads * perThread, v.events());
    }

    @Test
    void keyOfWrongLengthIsAConfigError() {
        CairnException e = assertThrows(CairnException.class, () -> AuditTrail.open(dir, new byte[16]));
        assertEquals(CairnException.Kind.CONFIG, e.kind());
    }

    @Test
    void renderingsCarryEveryField() {
        writeFive();
        try (AuditTrail trail = open()) {
            List<AuditEvent> events = trail.events();
            String text = AuditRendering.text(events);
            assertTrue(text.lines().count() == 6 && text.contains("backup") && text.contains("bob@box"), text);
            var json = AuditRendering.jsonNode(events.get(1));
            assertEquals("aa11", json.get("snapshot_id").asText());
            assertEquals(12, json.get("summary").get("files").asInt());
            assertEquals("2026-11-25T10:15:30.123Z", json.get("time_utc").asText());
            assertTrue(AuditRendering.jsonNode(events.get(0)).get("snapshot_id").isNull());
            var verdict = AuditRendering.jsonNode(trail.verify());
            assertEquals("intact", verdict.get("status").asText());
            assertEquals(5, verdict.get("events").asLong());
            assertTrue(AuditRendering.text(trail.verify()).startsWith("audit trail intact: 5 events"));
        }
    }

    @Test
    void summaryIsCanonical() {
        try (AuditTrail trail = open()) {
            AuditEvent e = trail.append(AuditEntry.of(AuditEventType.EXPORT, "x",
                    Map.of("z", 1, "a", Map.of("y", List.of(1, 2), "b", "t"))));
            assertEquals("{\"a\":{\"b\":\"t\",\"y\":[1,2]},\"z\":1}", e.summaryJson());
            assertEquals("x", trail.events().get(0).snapshotId());
        }
    }
}
