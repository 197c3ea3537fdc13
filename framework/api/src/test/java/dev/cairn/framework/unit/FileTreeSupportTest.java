package dev.cairn.framework.unit;

import dev.cairn.framework.CairnException;
import dev.cairn.framework.Issue;
import dev.cairn.framework.unit.Fakes.Ctx;
import dev.cairn.framework.unit.Fakes.Sink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FileTreeSupportTest {

    private final FileTreeSupport support = FileTreeSupport.standard();

    @TempDir
    Path root;

    private Path write(String rel, String text) throws IOException {
        Path p = root.resolve(rel);
        Files.createDirectories(p.getParent());
        return Files.writeString(p, text);
    }

    @Test
    void directoryIsStreamedWithItsDirectoriesFilesAndLinksParentsFirst() throws IOException {
        write("config/a.json", "{}");
        write("config/sub/b.json", "[]");
        write("config.txt", "outside the configured directory");
        Files.createDirectories(root.resolve("config/empty"));
        Files.createSymbolicLink(root.resolve("config/link"), Path.of("a.json"));

        Sink sink = new Sink();
        UnitOutcome outcome = support.backup(Ctx.of(root, sink, "config"));

        assertEquals(new UnitOutcome.Succeeded(6), outcome);
        assertEquals(List.of("config", "config/a.json", "config/empty", "config/link", "config/sub", "config/sub/b.json"),
                List.copyOf(sink.items.keySet()));
        assertInstanceOf(Item.Directory.class, sink.items.get("config/empty"));
        assertEquals("a.json", assertInstanceOf(Item.Symlink.class, sink.items.get("config/link")).target());
        assertEquals("[]", sink.contents.get("config/sub/b.json"));
        assertEquals(List.of(), sink.issues);

        UnitPlan plan = support.plan(Ctx.of(root, new Sink(), "config"));
        assertEquals(List.copyOf(sink.items.keySet()), plan.items().stream().map(UnitPlan.PlannedItem::path).toList());
        assertEquals(4, plan.totalBytes());
    }

    @Test
    void linksAreNeverFollowedEvenToFilesOutsideTheRoot(@TempDir Path outside) throws IOException {
        Files.writeString(outside.resolve("secret"), "must not be read");
        Files.createDirectories(root.resolve("data"));
        Files.createSymbolicLink(root.resolve("data/out"), outside.resolve("secret"));
        Files.createSymbolicLink(root.resolve("data/outdir"), outside);
        Files.createSymbolicLink(root.resolve("data/dangling"), Path.of("no/such/target"));

        Sink sink = new Sink();
        support.backup(Ctx.of(root, sink, "data"));

        assertEquals(outside.resolve("secret").toString(), ((Item.Symlink) sink.items.get("data/out")).target());
        assertEquals(outside.toString(), ((Item.Symlink) sink.items.get("data/outdir")).target());
        assertEquals("no/such/target", ((Item.Symlink) sink.items.get("data/dangling")).target());
        assertTrue(sink.contents.isEmpty(), "no link target was read: " + sink.contents.keySet());
        assertFalse(sink.items.containsKey("data/outdir/secret"));
    }

    @Test
    void configuredPathThatIsALinkIsStoredAsALink(@TempDir Path outside) throws IOException {
        Files.createSymbolicLink(root.resolve("current"), outside);
        Files.writeString(outside.resolve("x"), "x");

        Sink sink = new Sink();
        support.backup(Ctx.of(root, sink, "current"));

        assertEquals(List.of("current"), List.copyOf(sink.items.keySet()));
        assertInstanceOf(Item.Symlink.class, sink.items.get("current"));
        assertEquals(Issue.Severity.INFO, sink.issues.get(0).severity());
    }

    @Test
    void configuredPathBehindALinkInsideTheRootIsReachedThroughIt() throws IOException {
        write("releases/2/config/a.json", "{}");
        Files.createSymbolicLink(root.resolve("current"), Path.of("releases/2"));

        Sink sink = new Sink();
        support.backup(Ctx.of(root, sink, "current/config", "current/*/a.json"));

        assertEquals(List.of("current/config", "current/config/a.json"), List.copyOf(sink.items.keySet()));
        assertEquals("{}", sink.contents.get("current/config/a.json"));
    }

    @Test
    void globsBelowTheRootNeverFollowLinkedDirectories() throws IOException {
        write("real/x.json", "{}");
        Files.createSymbolicLink(root.resolve("linked"), Path.of("real"));
        Files.createSymbolicLink(root.resolve("loop"), Path.of("."));

        Sink sink = new Sink();
        support.backup(Ctx.of(root, sink, "**/*.json"));

        assertEquals(List.of("real/x.json"), List.copyOf(sink.items.keySet()));
    }

    @Test
    void entriesOutsideTheSelectionAreNeitherVisitedNorReported() throws Exception {
        write("config/a.json", "{}");
        write("other/back\\slash", "x");
        Files.createDirectories(root.resolve("other/d"));
        assertEquals(0, new ProcessBuilder("mkfifo", root.resolve("other/pipe").toString()).start().waitFor());

        Sink sink = new Sink();
        support.backup(Ctx.of(root, sink, "config"));

        assertEquals(List.of(), sink.issues);
    }

    @Test
    void modesOfPrivateFilesAndDirectoriesAreRecorded() throws IOException {
        Path key = write("keys/app.key", "k");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        Files.setPosixFilePermissions(root.resolve("keys"), PosixFilePermissions.fromString("rwx------"));

        Sink sink = new Sink();
        support.backup(Ctx.of(root, sink, "keys"));

        assertEquals(0600, sink.items.get("keys/app.key").metadata().mode());
        assertEquals(0700, sink.items.get("keys").metadata().mode());
        assertEquals(1, sink.items.get("keys/app.key").metadata().size());
    }

    @Test
    void missingConfiguredPathIsAWarningNotAFailure() throws IOException {
        write("config/a.json", "{}");

        Sink sink = new Sink();
        UnitOutcome outcome = support.backup(Ctx.of(root, sink, "config", "settings/missing.json"));

        assertEquals(new UnitOutcome.Succeeded(2), outcome);
        assertEquals(1, sink.issues.size(), sink.issueTexts().toString());
        Issue issue = sink.issues.get(0);
        assertEquals(Issue.Severity.WARNING, issue.severity());
        assertEquals("settings/missing.json", issue.path());
        assertEquals(List.of(issue), support.plan(Ctx.of(root, new Sink(), "config", "settings/missing.json")).issues());
    }

    @Test
    void nothingFoundIsASkip() {
        Sink sink = new Sink();
        assertInstanceOf(UnitOutcome.Skipped.class, support.backup(Ctx.of(root, sink, "missing")));
        assertInstanceOf(UnitOutcome.Skipped.class, support.backup(Ctx.of(root, sink)));
        assertTrue(sink.items.isEmpty());
    }

    @Test
    void pathsLeavingTheInstallRootAreRefused(@TempDir Path outside) throws IOException {
        Files.writeString(outside.resolve("passwd"), "x");
        Files.createSymbolicLink(root.resolve("ext"), outside);
        for (String bad : List.of("../x", "/etc/passwd", "a/../../x", "../*.json", "ext/passwd", "ext/*", "ext/sub/deeper")) {
            Sink sink = new Sink();
            CairnException e = assertThrows(CairnException.class, () -> support.backup(Ctx.of(root, sink, bad)), bad);
            assertEquals(CairnException.Kind.CONFIG, e.kind(), bad);
            assertTrue(e.getMessage().contains(bad), e.getMessage());
            assertTrue(sink.items.isEmpty(), bad);
            assertEquals(CairnException.Kind.CONFIG,
                    assertThrows(CairnException.class, () -> support.plan(Ctx.of(root, new Sink(), bad))).kind());
        }
    }

    @Test
    void pathsAreNormalisedInsideTheRoot() throws IOException {
        write("config/a.json", "{}");
        Sink sink = new Sink();
        support.backup(Ctx.of(root, sink, "./config//a.json", "other/../config/a.json"));
        assertEquals(List.of("config/a.json"), List.copyOf(sink.items.keySet()));
    }

    @Test
    void globSelectsMatchesAtAnyDepthWithoutTheirParents() throws IOException {
        write("config/a.json", "{}");
        write("config/x/y/b.json", "{}");
        write("config/c.yaml", "c: 1");
        write("config/x/d.json.bak", "");

        Sink sink = new Sink();
        support.backup(Ctx.of(root, sink, "config/**/*.json"));

        assertEquals(List.of("config/a.json", "config/x/y/b.json"), List.copyOf(sink.items.keySet()));
    }

    @Test
    void globMatchingADirectoryTakesItsWholeTree() throws IOException {
        write("logs/2024/app.log", "a");
        write("logs/2025/app.log", "b");
        write("logs/readme", "c");

        Sink sink = new Sink();
        support.backup(Ctx.of(root, sink, "logs/20*"));

        assertEquals(List.of("logs/2024", "logs/2024/app.log", "logs/2025", "logs/2025/app.log"),
                List.copyOf(sink.items.keySet()));
    }

    @Test
    void globMatchingNothingIsOnlyInformation() throws IOException {
        write("config/a.json", "{}");
        Sink sink = new Sink();
        support.backup(Ctx.of(root, sink, "config", "*.toml"));
        assertEquals(Issue.Severity.INFO, sink.issues.get(0).severity());
        assertEquals(2, sink.items.size());
    }

    @Test
    void excludesWinByWholePathOrByNameAtAnyDepth() throws IOException {
        write("app/a.json", "{}");
        write("app/deep/x.tmp", "");
        write("app/b.tmp", "");
        write("app/cache/big.bin", "x");
        write("app/nested/cache/c.bin", "x");
        write("app/keep/cache.txt", "x");
        write("app/private/key", "x");

        Sink sink = new Sink();
        support.backup(Ctx.of(root, sink, "app", "app/private/key").excluding("*.tmp", "cache", "app/private"));

        assertEquals(List.of("app", "app/a.json", "app/deep", "app/keep", "app/keep/cache.txt", "app/nested"),
                List.copyOf(sink.items.keySet()));
    }

    @Test
    void rootItselfSelectsEverythingBelowIt() throws IOException {
        write("a.json", "{}");
        write("d/b", "b");
        Sink sink = new Sink();
        support.backup(Ctx.of(root, sink, "."));
        assertEquals(List.of("a.json", "d", "d/b"), List.copyOf(sink.items.keySet()));
    }

    @Test
    void overlappingPathsSelectAnEntryOnce() throws IOException {
        write("config/a.json", "{}");
        Sink sink = new Sink();
        UnitOutcome outcome = support.backup(Ctx.of(root, sink, "config", "config/a.json", "config/*.json"));
        assertEquals(new UnitOutcome.Succeeded(2), outcome);
    }

    @Test
    void fileThatVanishesAfterListingIsReportedAndSkipped() throws IOException {
        write("d/a", "a");
        write("d/b", "b");
        write("d/c", "c");
        Sink sink = new Sink() {
            @Override
            void beforeRead(Item item) throws IOException {
                if (item.path().equals("d/a")) {
                    Files.delete(root.resolve("d/b"));
                }
            }
        };

        UnitOutcome outcome = support.backup(Ctx.of(root, sink, "d"));

        assertEquals(new UnitOutcome.Succeeded(3), outcome);
        assertEquals(List.of("d", "d/a", "d/c"), List.copyOf(sink.items.keySet()));
        assertEquals(1, sink.issues.size());
        assertEquals("d/b", sink.issues.get(0).path());
        assertTrue(sink.issues.get(0).message().contains("vanished"), sink.issueTexts().toString());
    }

    @Test
    void fileThatVanishesJustBeforeItIsOpenedIsReportedAndSkipped() throws IOException {
        write("d/a", "a");
        write("d/b", "b");
        Sink sink = new Sink() {
            @Override
            void beforeRead(Item item) throws IOException {
                if (item.path().equals("d/a")) {
                    Files.delete(root.resolve("d/a"));   // the sink's open() then fails with NoSuchFileException
                }
            }
        };

        UnitOutcome outcome = support.backup(Ctx.of(root, sink, "d"));

        assertEquals(new UnitOutcome.Succeeded(2), outcome);
        assertEquals(List.of("d", "d/b"), List.copyOf(sink.items.keySet()));
        assertEquals(Issue.Severity.WARNING, sink.issues.get(0).severity());
        assertTrue(sink.issues.get(0).message().contains("vanished"), sink.issueTexts().toString());
    }

    @Test
    void sinkThatHandlesAReadFailureItselfIsNotDoubleReported() throws IOException {
        write("d/a", "a");
        Sink recorder = new Sink();
        ItemSink handling = new ItemSink() {
            @Override
            public void accept(Item item) {
                if (item instanceof Item.File f) {
                    try {
                        Files.delete(root.resolve(item.path()));
                        f.content().open().close();
                    } catch (IOException e) {
                        report(Issue.warning("engine", item.path(), "vanished: " + e));   // as the engine's sink does
                    }
                }
            }

            @Override
            public void report(Issue issue) {
                recorder.report(issue);
            }
        };

        assertEquals(new UnitOutcome.Succeeded(1), support.backup(Ctx.of(root, handling, "d")));

        assertEquals(1, recorder.issues.size(), "one report per problem: " + recorder.issueTexts());
        assertEquals("engine", recorder.issues.get(0).unitId());
    }

    @Test
    void fileThatChangesWhileReadIsStoredAsReadAndReported() throws IOException {
        Path log = write("d/app.log", "first\n");
        Sink sink = new Sink() {
            @Override
            void afterRead(Item item) throws IOException {
                Files.writeString(log, "second\n", java.nio.file.StandardOpenOption.APPEND);
            }
        };

        UnitOutcome outcome = support.backup(Ctx.of(root, sink, "d"));

        assertEquals(new UnitOutcome.Succeeded(2), outcome);
        assertEquals("first\n", sink.contents.get("d/app.log"));
        assertEquals(6, sink.items.get("d/app.log").metadata().size(), "metadata is the one taken before reading");
        assertEquals(1, sink.issues.size());
        Issue issue = sink.issues.get(0);
        assertEquals(Issue.Severity.WARNING, issue.severity());
        assertEquals("d/app.log", issue.path());
        assertTrue(issue.message().contains("changed while read") && issue.message().contains("size 6 -> 13"), issue.message());
    }

    @Test
    void fileTheSinkDoesNotReadIsNotCheckedForChanges() throws IOException {
        Path f = write("d/a", "a");
        ItemSink reusing = new ItemSink() {
            @Override
            public void accept(Item item) throws IOException {
                Files.writeString(f, "changed");   // the engine took it unread from the baseline
            }

            @Override
            public void report(Issue issue) {
                throw new AssertionError("unexpected issue " + issue);
            }
        };
        assertEquals(new UnitOutcome.Succeeded(2), support.backup(Ctx.of(root, reusing, "d")));
    }

    @Test
    void storageFailureBecomesAFailedOutcomeNamingItemAndCause() throws IOException {
        write("d/a", "a");
        ItemSink full = new ItemSink() {
            @Override
            public void accept(Item item) throws IOException {
                if (item instanceof Item.File) {
                    throw new IOException("No space left on device");
                }
            }

            @Override
            public void report(Issue issue) {
            }
        };

        UnitOutcome.Failed failed = assertInstanceOf(UnitOutcome.Failed.class, support.backup(Ctx.of(root, full, "d")));

        assertTrue(failed.message().contains("d/a") && failed.message().contains("No space left on device"), failed.message());
        assertEquals("No space left on device", failed.cause().getMessage());
    }

    @Test
    void cancellationStopsBetweenItems() throws IOException {
        write("d/a", "a");
        write("d/b", "b");
        write("d/c", "c");
        Sink sink = new Sink();
        // the listing and the first two items pass; then the stop is requested
        Ctx ctx = Ctx.of(root, sink, "d").cancelledBy(() -> sink.items.size() >= 2);

        CairnException e = assertThrows(CairnException.class, () -> support.backup(ctx));

        assertEquals(CairnException.Kind.CANCELLED, e.kind());
        assertEquals(List.of("d", "d/a"), List.copyOf(sink.items.keySet()));
    }

    @Test
    void specialFilesAreSkippedWithAWarning() throws Exception {
        Files.createDirectories(root.resolve("d"));
        Process mkfifo = new ProcessBuilder("mkfifo", root.resolve("d/pipe").toString()).inheritIO().start();
        assertEquals(0, mkfifo.waitFor());
        write("d/a", "a");

        Sink sink = new Sink();
        support.backup(Ctx.of(root, sink, "d"));

        assertEquals(List.of("d", "d/a"), List.copyOf(sink.items.keySet()));
        assertEquals("d/pipe", sink.issues.get(0).path());
        assertTrue(sink.issues.get(0).message().contains("FIFO"));
    }

    @Test
    void namesThatCannotBeInstallRelativePathsAreSkippedWithAWarning() throws IOException {
        write("d/back\\slash", "x");
        write("d/ok", "x");
        Sink sink = new Sink();
        support.backup(Ctx.of(root, sink, "d"));
        assertEquals(List.of("d", "d/ok"), List.copyOf(sink.items.keySet()));
        assertEquals(Issue.Severity.WARNING, sink.issues.get(0).severity());
    }

    @Test
    void fileItemFactoryShapesFileItems() throws IOException {
        write("logs/app.log", "x");
        write("logs/app.log.1", "y");
        FileTreeSupport appendOnlyActiveLogs = FileTreeSupport.withFileItems((path, meta, content) ->
                new Item.File(path, meta, content, ChunkingPolicy.large(), path.endsWith(".log")));
        Sink sink = new Sink();

        appendOnlyActiveLogs.backup(Ctx.of(root, sink, "logs"));

        assertTrue(((Item.File) sink.items.get("logs/app.log")).appendOnly());
        assertFalse(((Item.File) sink.items.get("logs/app.log.1")).appendOnly());
        assertEquals(ChunkingPolicy.large(), ((Item.File) sink.items.get("logs/app.log")).chunking());
    }

    @Test
    void fileItemFactoryMayNotSwapThePath() throws IOException {
        write("a", "x");
        FileTreeSupport renaming = FileTreeSupport.withFileItems((path, meta, content) -> Item.File.of("b", meta, content));
        CairnException e = assertThrows(CairnException.class, () -> renaming.backup(Ctx.of(root, new Sink(), "a")));
        assertEquals(CairnException.Kind.INTERNAL, e.kind());
    }

    @Test
    void orderIsSegmentBySegment() {
        List<String> sorted = new java.util.ArrayList<>(List.of("a.txt", "a/b", "a-b", "a", "a/b/c", "B", "a/a"));
        sorted.sort(FileTreeWalker.PATH_ORDER);
        assertEquals(List.of("B", "a", "a/a", "a/b", "a/b/c", "a-b", "a.txt"), sorted);
    }

    @Test
    void malformedExcludeIsAConfigError() throws IOException {
        write("a", "x");
        CairnException e = assertThrows(CairnException.class,
                () -> support.plan(Ctx.of(root, new Sink(), "a").excluding("[abc")));
        assertEquals(CairnException.Kind.CONFIG, e.kind());
    }
}
