package dev.cairn.engine.repository;

import dev.cairn.framework.CairnException;
import dev.cairn.framework.unit.ChunkingPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LockingTest {

    @TempDir
    Path tmp;

    @Test
    void pruneAndForgetAreRefusedWhileABackupRunsAndNameTheHolder() throws IOException {
        try (Repository repo = Repository.init(tmp.resolve("r"), Backups.plain(1 << 20))) {
            String id = Backups.backup(repo, Map.of("a", Backups.random(1, 1000)), ChunkingPolicy.contentDefined());
            try (Repository other = Repository.open(repo.root(), null); BackupWriter writer = repo.newWriter()) {
                RepositoryException e = assertThrows(RepositoryException.class, () -> other.prune(false));
                assertEquals(CairnException.Kind.LOCKED, e.kind());
                assertTrue(e.getMessage().contains("backup") && e.getMessage().contains("pid " + ProcessHandle.current().pid()), e.getMessage());
                assertEquals(CairnException.Kind.LOCKED, assertThrows(RepositoryException.class, () -> other.forgetSnapshot(id)).kind());
                assertTrue(other.verify(VerifyOptions.structure()).ok(), "verify shares the lock with a backup");
                try (BackupWriter second = other.newWriter()) {
                    second.abort();
                }
                writer.abort();
            }
            assertEquals(0, repo.prune(true).blobsRemoved());
            assertEquals(0, lockCount(repo.root()), "every lock was released");
        }
    }

    @Test
    void lockOfAProcessThatNoLongerRunsIsStaleAndRemoved() throws IOException, InterruptedException {
        Path dir = tmp.resolve("r");
        try (Repository repo = Repository.init(dir, Backups.plain(1 << 20))) {
            Backups.backup(repo, Map.of("a", Backups.random(1, 1000)), ChunkingPolicy.contentDefined());
        }
        Process gone = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-version")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        gone.waitFor();
        long now = System.currentTimeMillis();
        String host = hostname();
        Files.writeString(dir.resolve("locks").resolve("0123456789abcdef0123456789abcdef"), "{\"format\":1,\"pid\":" + gone.pid()
                + ",\"hostname\":\"" + host + "\",\"exclusive\":true,\"operation\":\"prune\",\"created\":" + now + ",\"heartbeat\":" + now + "}");
        Files.writeString(dir.resolve("locks").resolve("fedcba9876543210fedcba9876543210"), "{\"format\":1,\"pid\":1"
                + ",\"hostname\":\"elsewhere\",\"exclusive\":false,\"operation\":\"backup\",\"created\":0,\"heartbeat\":0}");
        try (Repository repo = Repository.open(dir, null)) {
            PruneReport report = repo.prune(false);
            assertEquals(0, report.blobsRemoved());
        }
        assertEquals(0, lockCount(dir));
    }

    @Test
    void liveExclusiveLockOfAnotherHostBlocksBackups() throws IOException {
        Path dir = tmp.resolve("r");
        try (Repository repo = Repository.init(dir, Backups.plain(1 << 20))) {
            long now = System.currentTimeMillis();
            Files.writeString(dir.resolve("locks").resolve("0123456789abcdef0123456789abcdef"), "{\"format\":1,\"pid\":4242"
                    + ",\"hostname\":\"nas\",\"exclusive\":true,\"operation\":\"prune\",\"created\":" + now + ",\"heartbeat\":" + now + "}");
            RepositoryException e = assertThrows(RepositoryException.class, repo::newWriter);
            assertEquals(CairnException.Kind.LOCKED, e.kind());
            assertTrue(e.getMessage().contains("prune") && e.getMessage().contains("nas"), e.getMessage());
            assertEquals(1, lockCount(dir), "the refused writer removed its own lock");
        }
    }

    private static String hostname() throws IOException {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env.trim();
        }
        return Files.readString(Path.of("/etc/hostname")).trim();
    }

    private static long lockCount(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir.resolve("locks"))) {
            return s.count();
        }
    }
}
