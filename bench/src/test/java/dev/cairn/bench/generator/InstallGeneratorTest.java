package dev.cairn.bench.generator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs the generator at a tiny scale (a few MB) and checks determinism, shape and the day's changes. */
class InstallGeneratorTest {

    private static final GeneratorSettings TINY = new GeneratorSettings(42, 0.004);

    @TempDir
    static Path work;

    private static Path first;
    private static Map<String, String> firstDigest;

    @BeforeAll
    static void generateOnce() throws IOException {
        first = work.resolve("first");
        InstallGenerator.full(TINY).generate(first, work.resolve("first.profile.json"));
        firstDigest = TreeDigest.of(first);
    }

    @Test
    void sameSeedGivesTheSameBytes() throws IOException {
        Path second = work.resolve("second");
        InstallGenerator.full(TINY).generate(second, null);
        assertEquals(firstDigest, TreeDigest.of(second));
    }

    @Test
    void anotherSeedGivesOtherBytes() throws IOException {
        Path other = work.resolve("other-seed");
        InstallGenerator.full(new GeneratorSettings(43, TINY.scale())).generate(other, null);
        Map<String, String> otherDigest = TreeDigest.of(other);
        assertNotEquals(firstDigest.get("data/app.db"), otherDigest.get("data/app.db"));
        assertNotEquals(firstDigest.get("models/base.f16.bin"), otherDigest.get("models/base.f16.bin"));
    }

    @Test
    void installHasEveryPartWithTheExpectedShape() throws Exception {
        for (String path : new String[] {"data/app.db", "config/app.json", "config/.env", "config/features.yaml",
                "logs/app.log", "logs/app.log.4", "logs/access.log", "certs/server.crt", "certs/server.key",
                "models/base.f16.bin", "models/finetuned.f16.bin"}) {
            assertTrue(firstDigest.containsKey(path), path + " missing");
        }
        assertEquals(TINY.count(Uploads.FULL_COUNT, 5), count("uploads/"));
        assertEquals(TINY.count(Transcripts.FULL_COUNT, 5), count("transcripts/"));
        assertEquals(PosixFilePermissions.fromString("rw-------"),
                Files.getPosixFilePermissions(first.resolve("certs/server.key")));
        assertTrue(Files.readString(first.resolve("certs/server.crt")).startsWith("-----BEGIN CERTIFICATE-----"));

        Map<String, Long> rows = rowCounts(first.resolve("data/app.db"));
        assertEquals(Map.of("users", true, "documents", true, "attachments", true, "events", true),
                Map.of("users", rows.get("users") > 0, "documents", rows.get("documents") > 0,
                        "attachments", rows.get("attachments") > 0, "events", rows.get("events") > 0));
        assertEquals("ok", integrityCheck(first.resolve("data/app.db")));

        long modelSize = Files.size(first.resolve("models/base.f16.bin"));
        assertEquals(modelSize, Files.size(first.resolve("models/finetuned.f16.bin")));
        long differing = differingBytes(first.resolve("models/base.f16.bin"), first.resolve("models/finetuned.f16.bin"));
        assertTrue(differing > 0 && differing < modelSize / 2, "fine-tuned copy differs in " + differing + " of " + modelSize);

        JsonNode profile = new ObjectMapper().readTree(work.resolve("first.profile.json").toFile());
        assertEquals("cairn-install-profile/1", profile.get("schema").asText());
        assertEquals(first.toAbsolutePath().normalize().toString(), profile.get("install_root").asText());
        assertEquals("db,config,logs,files,models", String.join(",",
                profile.get("units").findValuesAsText("id")));
        assertEquals("[\"uploads\",\"transcripts\",\"certs\"]", profile.get("units").get(3).get("paths").toString());
        assertEquals("[\"models\"]", profile.get("units").get(4).get("paths").toString(), "the fp16 weights go to the models unit");
        assertEquals("true", profile.get("units").get(0).get("options").get("page_aligned").asText());
    }

    @Test
    void oneDayChangesWhatItShouldAndIsDeterministic() throws Exception {
        Path a = work.resolve("day-a");
        Path b = work.resolve("day-b");
        InstallGenerator.full(TINY).generate(a, null);
        InstallGenerator.full(TINY).generate(b, null);
        Map<String, Long> rowsBefore = rowCounts(a.resolve("data/app.db"));
        long appLogBefore = Files.size(a.resolve("logs/app.log"));
        String appLogHashBefore = firstDigest.get("logs/app.log");

        InstallGenerator.DayChanges changes = InstallGenerator.full(TINY).applyDay(a, 1);
        InstallGenerator.full(TINY).applyDay(b, 1);
        Map<String, String> after = TreeDigest.of(a);
        assertEquals(after, TreeDigest.of(b), "the same day applied to the same install gives the same bytes");

        Map<String, Long> rowsAfter = rowCounts(a.resolve("data/app.db"));
        long inserted = 0;
        for (String table : rowsBefore.keySet()) {
            inserted += rowsAfter.get(table) - rowsBefore.get(table);
        }
        assertEquals(changes.dbInserts(), inserted);
        assertEquals(TINY.count(SqliteAppDatabase.DAY_INSERTS, 10), changes.dbInserts());
        assertEquals("ok", integrityCheck(a.resolve("data/app.db")));

        assertTrue(Files.size(a.resolve("logs/app.log")) > appLogBefore);
        assertNotEquals(appLogHashBefore, after.get("logs/app.log"));
        assertEquals(firstDigest.get("logs/app.log.1"), after.get("logs/app.log.1"), "rotated logs stay as they were");
        assertNotEquals(firstDigest.get("config/app.json"), after.get("config/app.json"));
        assertEquals(firstDigest.get("config/.env"), after.get("config/.env"));
        assertEquals(TINY.count(Uploads.FULL_COUNT / 100, 1),
                after.keySet().stream().filter(p -> p.startsWith("uploads/day-1/")).count());
        assertEquals(firstDigest.get("models/base.f16.bin"), after.get("models/base.f16.bin"));
        long modelSize = Files.size(a.resolve("models/finetuned.f16.bin"));
        long rewritten = differingBytes(first.resolve("models/finetuned.f16.bin"), a.resolve("models/finetuned.f16.bin"));
        assertTrue(rewritten > 0 && rewritten <= modelSize / 50, "rewrote " + rewritten + " of " + modelSize);
        assertEquals(firstDigest.entrySet().stream().filter(e -> e.getKey().startsWith("transcripts/")).toList(),
                after.entrySet().stream().filter(e -> e.getKey().startsWith("transcripts/")).toList());
    }

    private long count(String prefix) {
        return firstDigest.keySet().stream().filter(p -> p.startsWith(prefix)).count();
    }

    private static Map<String, Long> rowCounts(Path db) throws SQLException {
        Map<String, Long> rows = new HashMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            for (String table : new String[] {"users", "documents", "attachments", "events"}) {
                try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
                    rs.next();
                    rows.put(table, rs.getLong(1));
                }
            }
        }
        return rows;
    }

    private static String integrityCheck(Path db) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static long differingBytes(Path a, Path b) throws IOException {
        byte[] x = Files.readAllBytes(a);
        byte[] y = Files.readAllBytes(b);
        long differing = Math.abs(x.length - y.length);
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            if (x[i] != y[i]) {
                differing++;
            }
        }
        return differing;
    }

}
