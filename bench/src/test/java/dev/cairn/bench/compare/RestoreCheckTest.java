package dev.cairn.bench.compare;

import dev.cairn.bench.generator.GeneratorSettings;
import dev.cairn.bench.generator.InstallGenerator;
import dev.cairn.bench.generator.InstallPart;
import dev.cairn.bench.generator.TreeDigest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The restore check accepts a logically equal database, and catches lost rows, changed bytes and missing files. */
class RestoreCheckTest {

    @TempDir
    Path work;

    private Path install() throws IOException {
        Path install = work.resolve("install");
        new InstallGenerator(new GeneratorSettings(5, 0.002), EnumSet.of(InstallPart.DB, InstallPart.CONFIG))
                .generate(install, null);
        return install;
    }

    private Path copy(Path install) throws IOException, InterruptedException {
        Path restored = work.resolve("restored");
        assertEquals(0, new ProcessBuilder("cp", "-a", install.toString(), restored.toString()).start().waitFor());
        return restored;
    }

    @Test
    void identicalTreeIsOk() throws Exception {
        Path install = install();
        assertEquals("ok", RestoreCheck.compare(install, copy(install)));
    }

    @Test
    void databaseWithAnotherPageLayoutButTheSameRowsIsOk() throws Exception {
        Path install = install();
        Path restored = copy(install);
        sql(restored.resolve("data/app.db"), "PRAGMA page_size = 8192", "VACUUM");
        assertNotEquals(TreeDigest.sha256(install.resolve("data/app.db")), TreeDigest.sha256(restored.resolve("data/app.db")));
        assertEquals("ok", RestoreCheck.compare(install, restored));
    }

    @Test
    void lostRowIsAMismatch() throws Exception {
        Path install = install();
        Path restored = copy(install);
        sql(restored.resolve("data/app.db"), "DELETE FROM events WHERE id = 1");
        String result = RestoreCheck.compare(install, restored);
        assertTrue(result.startsWith("MISMATCH") && result.contains("data/app.db: tables or rows differ"), result);
    }

    @Test
    void changedOrMissingFileIsAMismatch() throws Exception {
        Path install = install();
        Path restored = copy(install);
        Files.writeString(restored.resolve("config/app.json"), "{}");
        Files.delete(restored.resolve("config/.env"));
        assertEquals("MISMATCH (2): missing config/.env, different config/app.json", RestoreCheck.compare(install, restored));
    }

    private static void sql(Path db, String... statements) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }
}
