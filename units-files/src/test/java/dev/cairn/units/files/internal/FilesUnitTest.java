package dev.cairn.units.files.internal;

import dev.cairn.framework.CairnException;
import dev.cairn.framework.ConfigView;
import dev.cairn.framework.Issue;
import dev.cairn.framework.unit.BackupUnit;
import dev.cairn.framework.unit.ChunkingPolicy;
import dev.cairn.framework.unit.Item;
import dev.cairn.framework.unit.ItemSink;
import dev.cairn.framework.unit.SmokeTestResult;
import dev.cairn.framework.unit.UnitOutcome;
import dev.cairn.testkit.BackupUnitContract;
import dev.cairn.testkit.RecordingSink;
import dev.cairn.testkit.TestUnitContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.ServiceLoader;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FilesUnitTest implements BackupUnitContract {

    private static final byte[] BINARY = new byte[200_000];

    static {
        new Random(42).nextBytes(BINARY);
    }

    @TempDir
    Path dir;

    @Override
    public BackupUnit newUnit() {
        return new FilesUnit();
    }

    @Override
    public List<String> populateInstall(Path root) throws IOException {
        Files.createDirectories(root.resolve("uploads/2026/01"));
        Files.write(root.resolve("uploads/2026/01/photo.bin"), BINARY);
        Files.writeString(root.resolve("uploads/readme.txt"), "user files\n");
        Files.createDirectories(root.resolve("uploads/empty"));
        Files.createSymbolicLink(root.resolve("uploads/latest"), Path.of("2026/01/photo.bin"));
        Files.createDirectories(root.resolve("certs"));
        Path key = Files.writeString(root.resolve("certs/server.key"), "-----BEGIN PRIVATE KEY-----\n");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        return List.of("uploads", "certs/server.key");
    }

    private Path install() throws IOException {
        Path root = Files.createDirectories(dir.resolve("install"));
        populateInstall(root);
        return root;
    }

    private TestUnitContext ctx(Path root, ItemSink sink, Map<String, String> options, List<String> excludes, String... paths)
            throws IOException {
        return new TestUnitContext("files", root, List.of(paths), excludes, ConfigView.of("files", options), () -> false,
                Files.createDirectories(dir.resolve("scratch")), sink);
    }

    @Test
    void isFoundByServiceLoader() {
        assertTrue(ServiceLoader.load(BackupUnit.class).stream().anyMatch(p -> p.type() == FilesUnit.class));
    }

    @Test
    void backsUpBytesModesLinksAndEmptyDirectories() throws IOException {
        Path root = install();
        RecordingSink sink = new RecordingSink(true);

        UnitOutcome outcome = newUnit().backup(ctx(root, sink, Map.of(), List.of(), "uploads", "certs/server.key"));

        assertEquals(new UnitOutcome.Succeeded(8), outcome);
        Map<String, RecordingSink.Recorded> items = sink.items();
        assertEquals(List.of("certs/server.key", "uploads", "uploads/2026", "uploads/2026/01", "uploads/2026/01/photo.bin",
                "uploads/empty", "uploads/latest", "uploads/readme.txt"), List.copyOf(items.keySet()));
        assertArrayEquals(BINARY, items.get("uploads/2026/01/photo.bin").content());
        assertEquals(0600, items.get("certs/server.key").item().metadata().mode());
        assertFalse(items.containsKey("certs"), "the parent of a configured file is not an item");
        assertEquals("2026/01/photo.bin", assertInstanceOf(Item.Symlink.class, items.get("uploads/latest").item()).target());
        assertInstanceOf(Item.Directory.class, items.get("uploads/empty").item());
    }

    @Test
    void chunkingOptionIsAppliedToEveryFile() throws IOException {
        Path root = install();
        Map<String, ChunkingPolicy> expected = new java.util.LinkedHashMap<>();
        expected.put("default", null);
        expected.put("large", ChunkingPolicy.large());
        expected.put("fine", ChunkingPolicy.fine());
        expected.put("fixed:4096", ChunkingPolicy.fixed(4096));
        expected.put("fixed:64KiB", ChunkingPolicy.fixed(65536));
        expected.put(" FIXED:1m ", ChunkingPolicy.fixed(1 << 20));
        for (var e : expected.entrySet()) {
            RecordingSink sink = new RecordingSink(false);
            newUnit().backup(ctx(root, sink, Map.of("chunking", e.getKey()), List.of(), "uploads"));
            for (RecordingSink.Recorded r : sink.items().values()) {
                if (r.item() instanceof Item.File f) {
                    assertEquals(e.getValue(), f.chunking(), e.getKey() + " for " + f.path());
                    assertFalse(f.appendOnly());
                }
            }
        }
        RecordingSink unset = new RecordingSink(false);
        newUnit().backup(ctx(root, unset, Map.of(), List.of(), "uploads/readme.txt"));
        assertNull(((Item.File) unset.items().get("uploads/readme.txt").item()).chunking());
    }

    @Test
    void invalidChunkingOptionIsAConfigErrorNamingTheOption() throws IOException {
        Path root = install();
        for (String bad : List.of("huge", "fixed:", "fixed:abc", "fixed:100", "fixed:9MiB", "fixed:-4096", "fixed:99999999999")) {
            RecordingSink sink = new RecordingSink(false);
            CairnException e = assertThrows(CairnException.class,
                    () -> newUnit().backup(ctx(root, sink, Map.of("chunking", bad), List.of(), "uploads")), bad);
            assertEquals(CairnException.Kind.CONFIG, e.kind(), bad);
            assertTrue(e.getMessage().startsWith("option files.chunking is '" + bad + "'"), e.getMessage());
            assertTrue(sink.items().isEmpty());
            assertThrows(CairnException.class,
                    () -> newUnit().plan(ctx(root, sink, Map.of("chunking", bad), List.of(), "uploads")), bad);
        }
    }

    @Test
    void fileThatVanishesIsReportedAndSkipped() throws IOException {
        Path root = install();
        RecordingSink recorder = new RecordingSink(false);
        ItemSink sink = new ItemSink() {
            @Override
            public void accept(Item item) throws IOException {
                if (item.path().equals("uploads/2026/01/photo.bin")) {
                    Files.delete(root.resolve(item.path()));   // deleted by the app just before the engine opens it
                }
                recorder.accept(item);
            }

            @Override
            public void report(Issue issue) {
                recorder.report(issue);
            }
        };

        assertEquals(new UnitOutcome.Succeeded(6), newUnit().backup(ctx(root, sink, Map.of(), List.of(), "uploads")));

        assertFalse(recorder.items().containsKey("uploads/2026/01/photo.bin"));
        assertEquals("uploads/2026/01/photo.bin", recorder.issues().get(0).path());
        assertTrue(recorder.issues().get(0).message().contains("vanished"));
    }

    @Test
    void fileThatChangesWhileReadIsReported() throws IOException {
        Path root = install();
        RecordingSink recorder = new RecordingSink(false);
        ItemSink sink = recorder.changingAfter("uploads/readme.txt", () -> Files.writeString(root.resolve("uploads/readme.txt"), "rewritten while the backup ran\n", StandardOpenOption.TRUNCATE_EXISTING));

        newUnit().backup(ctx(root, sink, Map.of(), List.of(), "uploads"));

        assertEquals(11, recorder.items().get("uploads/readme.txt").size(), "the content read is what is stored");
        assertTrue(recorder.issues().get(0).message().contains("changed while read"), recorder.issues().toString());
    }

    @Test
    void excludeGlobsApply() throws IOException {
        Path root = install();
        RecordingSink sink = new RecordingSink(false);
        newUnit().backup(ctx(root, sink, Map.of(), List.of("uploads/2026/**", "*.txt"), "uploads"));
        assertEquals(List.of("uploads", "uploads/2026", "uploads/empty", "uploads/latest"), List.copyOf(sink.items().keySet()));
    }

    @Test
    void pathEscapingTheInstallRootIsAConfigError(@TempDir Path outside) throws IOException {
        Path root = install();
        Files.createSymbolicLink(root.resolve("shared"), outside);
        for (String bad : List.of("../uploads", "shared/data")) {
            CairnException e = assertThrows(CairnException.class,
                    () -> newUnit().backup(ctx(root, new RecordingSink(false), Map.of(), List.of(), bad)), bad);
            assertEquals(CairnException.Kind.CONFIG, e.kind());
        }
    }

    @Test
    void smokeTestIsTheDefaultPass() throws IOException {
        Path root = install();
        assertEquals(SmokeTestResult.passed(), newUnit().smokeTest(new dev.cairn.framework.unit.RestoreContext("files", root,
                List.of("uploads/readme.txt"), ConfigView.empty())));
    }

    @Test
    void suggestsDataDirectories() throws IOException {
        Path root = Files.createDirectories(dir.resolve("install"));
        Files.createDirectories(root.resolve("uploads/a"));
        Files.createDirectories(root.resolve("app/transcripts"));
        Files.createDirectories(root.resolve("app/src"));
        Files.writeString(root.resolve("big.bin"), "x");
        assertEquals(List.of("app/transcripts", "uploads"), newUnit().suggest(root));
    }
}
