package dev.cairn.engine.repository.internal;

import dev.cairn.engine.repository.BackupWriter;
import dev.cairn.engine.repository.Backups;
import dev.cairn.engine.repository.Repository;
import dev.cairn.engine.repository.VerifyOptions;
import dev.cairn.engine.repository.VerifyReport;
import dev.cairn.engine.snapshot.ManifestItem;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs a backup in a child JVM and kills it with SIGKILL at a different point each time (after it
 * opened the repository, after k files, while committing, after committing). Afterwards the
 * repository must verify with all data read, a new backup must complete, reuse what the killed one
 * stored (no blob stored twice) and restore byte-identical, and prune must get past the dead
 * process's lock.
 */
class CrashRecoveryTest {

    private static final String PASSPHRASE = "kill -9";

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "killed after \"{0}\"")
    @ValueSource(strings = {"opened", "stored 0", "stored 2", "stored 5", "stored 8", "stored 12", "committing", "committed"})
    void repositorySurvivesABackupKilledAt(String killAfter) throws Exception {
        Path dir = tmp.resolve("repo");
        try (Repository repo = Repository.init(dir, Backups.encrypted(PASSPHRASE, 64 << 10))) {
            assertTrue(repo.snapshotIds().isEmpty());
        }
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                CrashingBackupMain.class.getName(), dir.toString(), PASSPHRASE)
                .redirectError(tmp.resolve("child.err").toFile())
                .start();
        boolean reached = false;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.equals(killAfter) || line.startsWith(killAfter + " ")) {
                    reached = true;
                    break;
                }
            }
            child.destroyForcibly();
            assertTrue(child.waitFor(60, TimeUnit.SECONDS));
        }
        assertTrue(reached, () -> "the child never reached '" + killAfter + "': " + readQuietly(tmp.resolve("child.err")));

        try (Repository repo = Repository.open(dir, PASSPHRASE.toCharArray())) {
            VerifyReport afterCrash = repo.verify(VerifyOptions.readAll());
            assertTrue(afterCrash.ok(), afterCrash.problems()::toString);
            int snapshotsBefore = repo.snapshotIds().size();
            List<String> packsLeft = ((FileRepository) repo).packNames();
            assertTrue(snapshotsBefore <= 1);

            String id;
            try (BackupWriter writer = repo.newWriter()) {
                List<ManifestItem> items = CrashingBackupMain.backUp(writer, null);
                id = writer.commit(Backups.manifest(items));
            }
            CompactIndex index = ((FileRepository) repo).index();
            assertEquals(index.blobCount(), index.entryCount(), "no blob is stored twice: the killed backup's packs were reused");
            for (String pack : packsLeft) {
                assertTrue(index.containsPack(pack), "pack " + pack + " left by the killed backup is indexed and reused");
            }
            assertEquals(snapshotsBefore + 1, repo.snapshotIds().size());

            Map<String, byte[]> expected = CrashingBackupMain.files();
            Map<String, byte[]> restored = Backups.restore(repo, id);
            assertEquals(expected.keySet(), restored.keySet());
            for (String path : expected.keySet()) {
                assertArrayEquals(expected.get(path), restored.get(path), path);
            }
            repo.prune(false);
            assertEquals(0, lockCount(dir), "prune removed the killed process's stale lock and released its own");
            VerifyReport afterSecond = repo.verify(VerifyOptions.readAll());
            assertTrue(afterSecond.ok(), afterSecond.problems()::toString);
        }
    }

    private static long lockCount(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir.resolve("locks"))) {
            return s.count();
        }
    }

    private static String readQuietly(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
