package dev.cairn.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Commands stopped by a signal (SIGTERM here; Ctrl-C's SIGINT takes the same path), through the real
 * launcher. A backup: the process ends with the signal's status, publishes no snapshot, leaves no scratch
 * copy in the temporary directory and no lock in the repository, the repository verifies, and the next
 * backup runs and reuses what the stopped one had stored. An in-place restore stopped while staging: the
 * live install is as it was, nothing staged is left, and the restore runs again to the end.
 */
class InterruptIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Incompressible bytes enough that the backup is still storing when the signal comes. */
    private static final int BIG_FILE_MIB = 320;

    @Test
    void aBackupStoppedBySigtermPublishesNothingAndLeavesNothingBehind(@TempDir Path dir) throws Exception {
        Path repo = dir.resolve("repo");
        Path javaTmp = Files.createDirectories(dir.resolve("java-tmp"));
        Path profile = installWithBigFile(dir);
        Cli cli = new Cli(Cli.dist(), dir.resolve("data-home")).env("CAIRN_PASSWORD", "pw").env("CAIRN_REPOSITORY", repo.toString())
                .env("CAIRN_JAVA_OPTS", "-Djava.io.tmpdir=" + javaTmp);
        cli.run("init").expect(0);

        // once the backup has published its first pack: it is storing
        Cli.Result stopped = sigtermWhen(cli.start("backup", "--profile", profile.toString()), () -> publishedPacks(repo) > 0,
                "the backup was still running when it was signalled");

        assertEquals(128 + 15, stopped.exit(), stopped.err());
        assertTrue(stopped.err().contains("cairn: interrupted: stopping the backup; nothing of this run is published"), stopped.err());
        assertTrue(stopped.err().contains("cairn: backup cancelled, no snapshot written"), stopped.err());
        assertEquals(0, count(javaTmp), "no scratch directory (database copies) is left in the temporary directory");
        assertEquals(0, count(repo.resolve("locks")), "the lock is released");
        assertEquals(0, JSON.readTree(cli.run("snapshots", "--json").expect(0).out()).size(), "no snapshot is published");
        cli.run("verify").expect(0);
        long storedByStopped = bytes(repo.resolve("data"));

        assertTrue(storedByStopped >= 16 << 20, "the stopped backup had published packs: " + storedByStopped + " bytes");

        cli.run("backup", "--profile", profile.toString()).expect(0);
        assertEquals(1, JSON.readTree(cli.run("snapshots", "--json").expect(0).out()).size());
        long total = bytes(repo.resolve("data"));
        assertTrue(total < (BIG_FILE_MIB + 8L) << 20, "the next backup reuses the packs the stopped one had published ("
                + storedByStopped + " bytes) instead of storing their blobs again: " + total + " bytes in all");
        cli.run("verify", "--read-data").expect(0);
    }

    @Test
    void anInPlaceRestoreStoppedBySigtermLeavesTheInstallAsItWas(@TempDir Path dir) throws Exception {
        Path repo = dir.resolve("repo");
        Path profile = installWithBigFile(dir);
        Path install = dir.resolve("install");
        Path big = install.resolve("uploads/big.bin");
        Cli cli = new Cli(Cli.dist(), dir.resolve("data-home")).env("CAIRN_PASSWORD", "pw").env("CAIRN_REPOSITORY", repo.toString());
        cli.run("init").expect(0);
        cli.run("backup", "--profile", profile.toString()).expect(0);
        String backedUp = sha256(big);
        writeRandom(big, BIG_FILE_MIB, 12);   // the live file changed since: the restore must stage and swap it
        String live = sha256(big);

        // once the big file is being staged
        Cli.Result stopped = sigtermWhen(cli.start("restore", "latest", "--in-place", "--profile", profile.toString()),
                () -> stagedBytes(install) >= 16 << 20, "the restore was still staging when it was signalled");

        assertEquals(128 + 15, stopped.exit(), stopped.err());
        assertTrue(stopped.err().contains("cairn: interrupted: stopping the restore"), stopped.err());
        assertTrue(stopped.err().contains("cairn: restore stopped before it changed anything: the live install is unchanged"), stopped.err());
        assertEquals(live, sha256(big), "the live file is the one that was there");
        try (Stream<Path> s = Files.list(install)) {
            assertEquals(0, s.filter(p -> p.getFileName().toString().startsWith(".cairn-restore-")).count(), "what was staged is deleted");
        }

        cli.run("restore", "latest", "--in-place", "--profile", profile.toString()).expect(0);
        assertEquals(backedUp, sha256(big));
    }

    /** A condition polled while a run is in progress. */
    @FunctionalInterface
    private interface Condition {
        boolean holds() throws Exception;
    }

    /**
     * Sends {@code run} SIGTERM as soon as {@code ready} holds (polled every 20 ms, for at most two minutes);
     * {@return how the run ended}
     */
    private static Cli.Result sigtermWhen(Cli.Running run, Condition ready, String stillRunning) throws Exception {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (!ready.holds() && run.process().isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(run.process().isAlive(), stillRunning);
        run.process().destroy();   // SIGTERM
        return run.await();
    }

    /** Creates {@code dir/install} (the fixture plus {@value #BIG_FILE_MIB} MiB of random bytes in uploads/big.bin); {@return its profile} */
    private static Path installWithBigFile(Path dir) throws Exception {
        Path install = dir.resolve("install");
        new InstallFixture(install).create();
        writeRandom(install.resolve("uploads/big.bin"), BIG_FILE_MIB, 11);
        Path profile = dir.resolve("profile.json");
        Files.writeString(profile, InstallFixture.profileJson(install, ""));
        return profile;
    }

    /** {@return the bytes under the install's restore directories} (0 while there is none) */
    private static long stagedBytes(Path install) throws Exception {
        long total = 0;
        try (Stream<Path> s = Files.list(install)) {
            for (Path work : s.filter(p -> p.getFileName().toString().startsWith(".cairn-restore-")).toList()) {
                try {
                    total += bytes(work);
                } catch (java.io.UncheckedIOException | java.nio.file.NoSuchFileException e) {
                    // a file renamed or deleted while it was counted
                }
            }
        }
        return total;
    }

    private static String sha256(Path file) throws Exception {
        java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
        try (java.io.InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 20];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
        }
        return java.util.HexFormat.of().formatHex(md.digest());
    }

    private static void writeRandom(Path file, int mib, long seed) throws Exception {
        SplittableRandom random = new SplittableRandom(seed);
        byte[] block = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int i = 0; i < mib; i++) {
                random.nextBytes(block);
                out.write(block);
            }
        }
    }

    private static long count(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> !p.equals(dir)).filter(p -> !Files.isDirectory(p) || p.getFileName().toString().startsWith("cairn-")).count();
        }
    }

    /** {@return the packs published in the repository} (a pack is written under a temporary name in {@code data/} first) */
    private static long publishedPacks(Path repo) throws Exception {
        Path data = repo.resolve("data");
        if (!Files.isDirectory(data)) {
            return 0;
        }
        try (Stream<Path> s = Files.walk(data, 2)) {
            return s.filter(p -> p.getNameCount() - data.getNameCount() == 2 && Files.isRegularFile(p)).count();
        }
    }

    private static long bytes(Path dir) throws Exception {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }
}
