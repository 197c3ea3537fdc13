package dev.cairn.units.logs.internal;

import dev.cairn.framework.CairnException;
import dev.cairn.framework.ConfigView;
import dev.cairn.framework.Issue;
import dev.cairn.framework.unit.BackupUnit;
import dev.cairn.framework.unit.Item;
import dev.cairn.framework.unit.ItemSink;
import dev.cairn.framework.unit.RestoreContext;
import dev.cairn.framework.unit.SmokeTestResult;
import dev.cairn.framework.unit.UnitOutcome;
import dev.cairn.testkit.BackupUnitContract;
import dev.cairn.testkit.RecordingSink;
import dev.cairn.testkit.TestUnitContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LogsUnitTest implements BackupUnitContract {

    @TempDir
    Path dir;

    @Override
    public BackupUnit newUnit() {
        return new LogsUnit();
    }

    @Override
    public List<String> populateInstall(Path root) throws IOException {
        write(root, "logs/app.log", "2026-01-03 started\n");
        write(root, "logs/app.log.1", "2026-01-02 started\n");
        Files.write(root.resolve("logs/app.log.2.gz"), gzip("2026-01-01 started\n".repeat(50)));
        write(root, "logs/access_log", "GET /\n");
        Path audit = write(root, "logs/audit.log", "login\n");
        Files.setPosixFilePermissions(audit, PosixFilePermissions.fromString("rw-------"));
        Files.createDirectories(root.resolve("logs/archive"));
        Files.createSymbolicLink(root.resolve("logs/latest.log"), Path.of("app.log"));
        return List.of("logs");
    }

    private static Path write(Path root, String rel, String text) throws IOException {
        Path p = root.resolve(rel);
        Files.createDirectories(p.getParent());
        return Files.writeString(p, text);
    }

    static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    private Path install() throws IOException {
        Path root = Files.createDirectories(dir.resolve("install"));
        populateInstall(root);
        return root;
    }

    private TestUnitContext ctx(Path root, ItemSink sink, List<String> paths, List<String> excludes) throws IOException {
        return new TestUnitContext("logs", root, paths, excludes, ConfigView.empty(), () -> false,
                Files.createDirectories(dir.resolve("scratch")), sink);
    }

    @Test
    void isFoundByServiceLoader() {
        assertTrue(ServiceLoader.load(BackupUnit.class).stream().anyMatch(p -> p.type() == LogsUnit.class));
    }

    @Test
    void activeLogsAreAppendOnlyAndRotatedOnesAreReadWhole() throws IOException {
        Path root = install();
        RecordingSink sink = new RecordingSink(false);

        assertEquals(new UnitOutcome.Succeeded(8), newUnit().backup(ctx(root, sink, List.of("logs"), List.of())));

        Map<String, RecordingSink.Recorded> items = sink.items();
        assertTrue(file(items, "logs/app.log").appendOnly());
        assertTrue(file(items, "logs/access_log").appendOnly());
        assertTrue(file(items, "logs/audit.log").appendOnly());
        assertFalse(file(items, "logs/app.log.1").appendOnly());
        assertFalse(file(items, "logs/app.log.2.gz").appendOnly());
        assertEquals(0600, items.get("logs/audit.log").item().metadata().mode());
        assertEquals("app.log", assertInstanceOf(Item.Symlink.class, items.get("logs/latest.log").item()).target());
        assertInstanceOf(Item.Directory.class, items.get("logs/archive").item());
        assertEquals(List.of(), sink.issues());
    }

    private static Item.File file(Map<String, RecordingSink.Recorded> items, String path) {
        return assertInstanceOf(Item.File.class, items.get(path).item(), path);
    }

    @Test
    void logGrowingWhileReadIsStoredAsReadAndReported() throws IOException {
        Path root = install();
        RecordingSink recorder = new RecordingSink(true);
        ItemSink sink = recorder.changingAfter("logs/app.log", () -> Files.writeString(root.resolve("logs/app.log"), "2026-01-03 request\n", StandardOpenOption.APPEND));

        assertInstanceOf(UnitOutcome.Succeeded.class, newUnit().backup(ctx(root, sink, List.of("logs"), List.of())));

        assertEquals("2026-01-03 started\n", new String(recorder.items().get("logs/app.log").content(), StandardCharsets.UTF_8));
        Issue issue = recorder.issues().get(0);
        assertEquals("logs/app.log", issue.path());
        assertTrue(issue.message().contains("changed while read"), issue.message());
    }

    @Test
    void rotationDuringBackupIsReportedNotFatal() throws IOException {
        Path root = install();
        RecordingSink recorder = new RecordingSink(false);
        ItemSink sink = new ItemSink() {
            @Override
            public void accept(Item item) throws IOException {
                if (item.path().equals("logs/access_log")) {
                    Files.delete(root.resolve("logs/app.log.1"));   // logrotate dropped the oldest uncompressed log
                }
                recorder.accept(item);
            }

            @Override
            public void report(Issue issue) {
                recorder.report(issue);
            }
        };

        assertInstanceOf(UnitOutcome.Succeeded.class, newUnit().backup(ctx(root, sink, List.of("logs"), List.of())));

        assertFalse(recorder.items().containsKey("logs/app.log.1"));
        assertTrue(recorder.issues().get(0).message().contains("vanished"));
    }

    @Test
    void excludeGlobsLeaveCompressedArchivesOut() throws IOException {
        Path root = install();
        RecordingSink sink = new RecordingSink(false);
        newUnit().backup(ctx(root, sink, List.of("logs"), List.of("*.gz", "logs/archive")));
        assertFalse(sink.items().containsKey("logs/app.log.2.gz"));
        assertFalse(sink.items().containsKey("logs/archive"));
        assertTrue(sink.items().containsKey("logs/app.log.1"));
    }

    @Test
    void globsSelectRotatedFamilies() throws IOException {
        Path root = install();
        RecordingSink sink = new RecordingSink(false);
        newUnit().backup(ctx(root, sink, List.of("logs/app.log*"), List.of()));
        assertEquals(List.of("logs/app.log", "logs/app.log.1", "logs/app.log.2.gz"), List.copyOf(sink.items().keySet()));
    }

    @Test
    void pathEscapingTheInstallRootIsAConfigError() throws IOException {
        Path root = install();
        CairnException e = assertThrows(CairnException.class,
                () -> newUnit().backup(ctx(root, new RecordingSink(false), List.of("../var/log"), List.of())));
        assertEquals(CairnException.Kind.CONFIG, e.kind());
    }

    // --- smoke test -------------------------------------------------------------------------------

    private SmokeTestResult smoke(Path staging, String... items) {
        return newUnit().smokeTest(new RestoreContext("logs", staging, List.of(items), ConfigView.empty()));
    }

    @Test
    void smokeTestDecompressesGzipArchives() throws IOException {
        Path staging = install();
        Files.write(staging.resolve("logs/multi.log.3.gz"),
                concat(gzip("first member\n"), gzip("second member\n")));
        assertEquals(SmokeTestResult.passed(), smoke(staging, "logs", "logs/app.log", "logs/app.log.2.gz",
                "logs/multi.log.3.gz", "logs/latest.log", "logs/archive"));
    }

    @Test
    void smokeTestFailsOnTruncatedOrCorruptGzipNamingTheFile() throws IOException {
        Path staging = Files.createDirectories(dir.resolve("staging/logs"));
        byte[] good = gzip("line\n".repeat(1000));
        Files.write(staging.resolve("cut.log.1.gz"), Arrays.copyOf(good, good.length / 2));
        byte[] badCrc = good.clone();
        badCrc[badCrc.length - 6] ^= 0x55;   // inside the CRC-32 of the trailer
        Files.write(staging.resolve("crc.log.2.gz"), badCrc);
        Files.write(staging.resolve("empty.log.3.gz"), new byte[0]);

        Path root = staging.getParent();
        String cut = ((SmokeTestResult.Failed) smoke(root, "logs/cut.log.1.gz")).reason();
        String crc = ((SmokeTestResult.Failed) smoke(root, "logs/crc.log.2.gz")).reason();
        String empty = ((SmokeTestResult.Failed) smoke(root, "logs/empty.log.3.gz")).reason();

        assertEquals("logs/cut.log.1.gz: gzip data is truncated", cut);
        assertTrue(crc.startsWith("logs/crc.log.2.gz: gzip data is corrupt"), crc);
        assertEquals("logs/empty.log.3.gz: gzip data is truncated", empty);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    // --- suggest ----------------------------------------------------------------------------------

    @Test
    void suggestsLogDirectoriesAndLogFiles() throws IOException {
        Path root = Files.createDirectories(dir.resolve("install"));
        write(root, "logs/app.log", "x");
        write(root, "worker/worker.log.1", "x");
        Files.write(root.resolve("worker/worker.log.2.gz"), gzip("x"));
        write(root, "worker/notes.txt", "x");
        write(root, "nohup.out", "x");
        write(root, "services/api/log/current.log", "x");

        assertEquals(List.of("logs", "nohup.out", "services/api/log", "worker/worker.log.1", "worker/worker.log.2.gz"),
                newUnit().suggest(root));
    }
}
