package com.example.hello.internal;

import dev.cairn.framework.CairnException;
import dev.cairn.framework.ConfigView;
import dev.cairn.framework.Issue;
import dev.cairn.framework.unit.BackupUnit;
import dev.cairn.framework.unit.RestoreContext;
import dev.cairn.framework.unit.SmokeTestResult;
import dev.cairn.framework.unit.UnitOutcome;
import dev.cairn.framework.unit.UnitPlan;
import dev.cairn.testkit.BackupUnitContract;
import dev.cairn.testkit.RecordingSink;
import dev.cairn.testkit.TestUnitContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code hello} unit passes the testkit's contract and backs up exactly the notes its paths name. */
class HelloUnitTest implements BackupUnitContract {

    @Override
    public BackupUnit newUnit() {
        return new HelloUnit();
    }

    @Override
    public List<String> populateInstall(Path installRoot) throws Exception {
        write(installRoot, "notes/groceries.txt", "milk\nbread\n");
        write(installRoot, "notes/greetings.txt", "Grüße aus Köln — 你好\n");
        write(installRoot, "notes/archive/2024.txt", "old note\n");
        write(installRoot, "notes/picture.png", "not a note");
        return List.of("notes/*.txt");
    }

    @Test
    void globTakesMatchingFilesOfOneDirectoryOnly(@TempDir Path dir) throws Exception {
        Path install = Files.createDirectories(dir.resolve("install"));
        populateInstall(install);

        RecordingSink sink = backup(install, List.of("notes/*.txt"), List.of());

        assertEquals(List.of("notes/greetings.txt", "notes/groceries.txt"), List.copyOf(sink.items().keySet()));
        assertArrayEquals("Grüße aus Köln — 你好\n".getBytes(StandardCharsets.UTF_8),
                sink.items().get("notes/greetings.txt").content(), "the stored bytes are the note's bytes");
    }

    @Test
    void doubleStarGlobCrossesDirectoriesAndExcludesLeaveFilesOut(@TempDir Path dir) throws Exception {
        Path install = Files.createDirectories(dir.resolve("install"));
        populateInstall(install);

        RecordingSink sink = backup(install, List.of("notes/**.txt"), List.of("notes/groceries.txt"));

        assertEquals(List.of("notes/archive/2024.txt", "notes/greetings.txt"), List.copyOf(sink.items().keySet()));
    }

    @Test
    void directoryPathTakesEveryRegularFileBelowItButNoSymlink(@TempDir Path dir) throws Exception {
        Path install = Files.createDirectories(dir.resolve("install"));
        populateInstall(install);
        Path outside = write(dir, "outside/secret.txt", "not part of the install\n");
        Files.createSymbolicLink(install.resolve("notes/link.txt"), outside);

        RecordingSink sink = backup(install, List.of("notes"), List.of());

        assertEquals(List.of("notes/archive/2024.txt", "notes/greetings.txt", "notes/groceries.txt", "notes/picture.png"),
                List.copyOf(sink.items().keySet()));
    }

    @Test
    void overlappingPathsStoreEachNoteOnce(@TempDir Path dir) throws Exception {
        Path install = Files.createDirectories(dir.resolve("install"));
        populateInstall(install);

        RecordingSink sink = backup(install, List.of("notes/*.txt", "notes/groceries.txt"), List.of());

        assertEquals(List.of("notes/greetings.txt", "notes/groceries.txt"), List.copyOf(sink.items().keySet()));
    }

    @Test
    void pathMatchingNothingIsReportedAndAnEmptyUnitIsSkipped(@TempDir Path dir) throws Exception {
        Path install = Files.createDirectories(dir.resolve("install"));
        Path scratch = Files.createDirectories(dir.resolve("scratch"));
        RecordingSink sink = new RecordingSink(false);
        TestUnitContext ctx = TestUnitContext.of(HelloUnit.ID, install, List.of("missing/*.txt"), scratch, sink);

        UnitPlan plan = new HelloUnit().plan(ctx);
        UnitOutcome outcome = new HelloUnit().backup(ctx);

        assertTrue(plan.items().isEmpty());
        assertEquals(List.of("configured path 'missing/*.txt' matches no file"),
                plan.issues().stream().map(Issue::message).toList());
        assertInstanceOf(UnitOutcome.Skipped.class, outcome);
        assertEquals(plan.issues(), sink.issues(), "the backup reports what the plan showed");
    }

    @Test
    void pathThroughALinkedDirectoryOutOfTheInstallIsSkippedAndReported(@TempDir Path dir) throws Exception {
        Path install = Files.createDirectories(dir.resolve("install"));
        populateInstall(install);
        write(dir, "elsewhere/private.txt", "not part of the install\n");
        Files.createSymbolicLink(install.resolve("shared"), dir.resolve("elsewhere"));
        RecordingSink sink = new RecordingSink(false);
        TestUnitContext ctx = TestUnitContext.of(HelloUnit.ID, install, List.of("shared/private.txt", "notes/groceries.txt"),
                Files.createDirectories(dir.resolve("scratch")), sink);

        UnitOutcome outcome = new HelloUnit().backup(ctx);

        assertEquals(UnitOutcome.succeeded(1), outcome);
        assertEquals(List.of("notes/groceries.txt"), List.copyOf(sink.items().keySet()));
        assertEquals(List.of("configured path 'shared/private.txt' leads out of the install root through a symbolic link; skipped"),
                sink.issues().stream().map(Issue::message).toList());
    }

    @Test
    void pathLeavingTheInstallRootIsAConfigError(@TempDir Path dir) throws Exception {
        Path install = Files.createDirectories(dir.resolve("install"));
        TestUnitContext ctx = TestUnitContext.of(HelloUnit.ID, install, List.of("notes/../../etc/*"), dir,
                new RecordingSink(false));

        CairnException e = assertThrows(CairnException.class, () -> new HelloUnit().plan(ctx));

        assertEquals(CairnException.Kind.CONFIG, e.kind());
        assertTrue(e.getMessage().contains("'notes/../../etc/*'"), e.getMessage());
    }

    @Test
    void smokeTestPassesWellFormedNotes(@TempDir Path staging) throws Exception {
        write(staging, "notes/a.txt", "plain\n");
        write(staging, "notes/b.txt", "ünïcödé ✓\n");

        SmokeTestResult result = new HelloUnit().smokeTest(restore(staging, "notes/a.txt", "notes/b.txt"));

        assertEquals(SmokeTestResult.passed(), result);
    }

    @Test
    void smokeTestRejectsANoteThatIsNotUtf8NamingItAndTheOffset(@TempDir Path staging) throws Exception {
        write(staging, "notes/a.txt", "fine\n");
        Path latin1 = staging.resolve("notes/b.txt");
        Files.write(latin1, "caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));

        SmokeTestResult result = new HelloUnit().smokeTest(restore(staging, "notes/a.txt", "notes/b.txt"));

        SmokeTestResult.Failed failed = assertInstanceOf(SmokeTestResult.Failed.class, result);
        assertEquals("note notes/b.txt is not valid UTF-8 (byte 3)", failed.reason());
    }

    @Test
    void smokeTestRejectsAMissingStagedNote(@TempDir Path staging) {
        SmokeTestResult result = new HelloUnit().smokeTest(restore(staging, "notes/gone.txt"));

        SmokeTestResult.Failed failed = assertInstanceOf(SmokeTestResult.Failed.class, result);
        assertTrue(failed.reason().startsWith("note notes/gone.txt cannot be read from staging"), failed.reason());
    }

    @Test
    void suggestsTheNotesGlobOnlyWhenTheInstallHasTextNotes(@TempDir Path dir) throws Exception {
        Path withNotes = Files.createDirectories(dir.resolve("with"));
        populateInstall(withNotes);
        Path withoutNotes = Files.createDirectories(dir.resolve("without/notes"));
        write(withoutNotes, "image.png", "binary");

        assertEquals(List.of("notes/*.txt"), new HelloUnit().suggest(withNotes));
        assertEquals(List.of(), new HelloUnit().suggest(dir.resolve("without")));
        assertEquals(List.of(), new HelloUnit().suggest(dir.resolve("nothing-here")));
    }

    @Test
    void serviceLoaderFindsTheUnitThroughTheServicesFile() {
        List<String> ids = ServiceLoader.load(BackupUnit.class).stream()
                .map(provider -> provider.get().id())
                .toList();

        assertTrue(ids.contains(HelloUnit.ID), "found " + ids);
    }

    private static RecordingSink backup(Path install, List<String> paths, List<String> excludes) throws Exception {
        RecordingSink sink = new RecordingSink(true);
        Path scratch = Files.createDirectories(install.resolveSibling("scratch"));
        TestUnitContext ctx = new TestUnitContext(HelloUnit.ID, install, paths, excludes, ConfigView.empty(),
                () -> false, scratch, sink);
        UnitOutcome outcome = new HelloUnit().backup(ctx);
        assertEquals(UnitOutcome.succeeded(sink.items().size()), outcome);
        assertEquals(List.of(), sink.issues());
        return sink;
    }

    private static RestoreContext restore(Path staging, String... items) {
        return new RestoreContext(HelloUnit.ID, staging, List.of(items), ConfigView.empty());
    }

    private static Path write(Path root, String relative, String text) throws Exception {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
