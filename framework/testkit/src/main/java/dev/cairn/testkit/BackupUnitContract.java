package dev.cairn.testkit;

import dev.cairn.framework.CairnException;
import dev.cairn.framework.Issue;
import dev.cairn.framework.unit.BackupUnit;
import dev.cairn.framework.unit.Item;
import dev.cairn.framework.unit.ItemSink;
import dev.cairn.framework.unit.UnitOutcome;
import dev.cairn.framework.unit.UnitPlan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The contract every {@link BackupUnit} passes. A unit's test class implements this interface and
 * supplies a fresh unit and a populated install; the {@code @Test default} methods then check:
 * a stable, well-formed id; a plan without side effects that matches what the backup streams;
 * cancellation honoured; a failing sink turned into a failed outcome instead of an exception; and
 * identical output for identical input.
 */
public interface BackupUnitContract {

    /** Ids: lower-case letters, digits and dashes, starting with a letter. */
    Pattern ID = Pattern.compile("[a-z][a-z0-9-]*");

    /** {@return a new instance of the unit under test} */
    BackupUnit newUnit();

    /**
     * Fills {@code installRoot} with data this unit backs up.
     *
     * @return the install-relative paths to give the unit
     */
    List<String> populateInstall(Path installRoot) throws Exception;

    /** {@return a context for the unit over {@code installRoot} with {@code sink}} */
    default TestUnitContext context(BackupUnit unit, Path installRoot, List<String> paths, Path scratch, ItemSink sink) {
        return TestUnitContext.of(unit.id(), installRoot, paths, scratch, sink);
    }

    /**
     * The directories of one contract test: a populated install, an empty scratch directory, the paths
     * given to the unit, and a fresh unit.
     */
    record Fixture(BackupUnit unit, Path install, Path scratch, List<String> paths) { }

    private Fixture fixture(Path dir) throws Exception {
        Path install = Files.createDirectories(dir.resolve("install"));
        Path scratch = Files.createDirectories(dir.resolve("scratch"));
        return new Fixture(newUnit(), install, scratch, populateInstall(install));
    }

    private TestUnitContext in(Fixture f, ItemSink sink) {
        return context(f.unit(), f.install(), f.paths(), f.scratch(), sink);
    }

    @Test
    default void idIsStableAndWellFormed() {
        String id = newUnit().id();
        assertNotNull(id, "id");
        assertTrue(ID.matcher(id).matches(), "id '" + id + "' must match " + ID);
        assertEquals(id, newUnit().id(), "a new instance must report the same id");
        assertFalse(newUnit().description().isBlank(), "description");
    }

    @Test
    default void planHasNoSideEffectsAndMatchesBackup(@TempDir Path dir) throws Exception {
        Fixture f = fixture(dir);
        BackupUnit unit = f.unit();
        Map<String, String> before = fingerprint(f.install());

        UnitPlan plan = unit.plan(in(f, new RecordingSink(false)));

        assertEquals(before, fingerprint(f.install()), "plan must not change the install");
        assertEquals(Map.of(), fingerprint(f.scratch()), "plan must not write scratch files");
        assertFalse(plan.items().isEmpty(), "the populated install must give a non-empty plan");

        RecordingSink sink = new RecordingSink(false);
        UnitOutcome outcome = unit.backup(in(f, sink));
        assertInstanceOf(UnitOutcome.Succeeded.class, outcome, "backup of the populated install");
        assertEquals(new TreeSet<>(plan.items().stream().map(UnitPlan.PlannedItem::path).toList()),
                new TreeSet<>(sink.items().keySet()), "the plan lists exactly what the backup streams");
        assertEquals(before, fingerprint(f.install()), "backup must not change the install");
    }

    @Test
    default void cancellationIsHonoured(@TempDir Path dir) throws Exception {
        Fixture f = fixture(dir);
        BackupUnit unit = f.unit();
        RecordingSink sink = new RecordingSink(false);
        TestUnitContext ctx = in(f, sink).withCancellation(() -> true);
        try {
            UnitOutcome outcome = unit.backup(ctx);
            assertFalse(outcome instanceof UnitOutcome.Succeeded, "a cancelled backup must not report success");
        } catch (CairnException e) {
            assertEquals(CairnException.Kind.CANCELLED, e.kind(), "only a cancellation may be thrown: " + e);
        }
        assertTrue(sink.items().isEmpty(), "a backup cancelled before it started streamed " + sink.items().keySet());
    }

    @Test
    default void failingSinkBecomesFailedOutcome(@TempDir Path dir) throws Exception {
        Fixture f = fixture(dir);
        BackupUnit unit = f.unit();
        ItemSink broken = new ItemSink() {
            @Override
            public void accept(Item item) throws IOException {
                throw new IOException("disk full (simulated)");
            }

            @Override
            public void report(Issue issue) {
            }
        };
        UnitOutcome outcome;
        try {
            outcome = unit.backup(in(f, broken));
        } catch (RuntimeException e) {
            fail("a storage failure must become a Failed outcome, not " + e);
            return;
        }
        UnitOutcome.Failed failed = assertInstanceOf(UnitOutcome.Failed.class, outcome);
        assertTrue(failed.message().contains("disk full"), "the outcome names the cause: " + failed.message());
    }

    @Test
    default void identicalInputGivesIdenticalOutput(@TempDir Path dir) throws Exception {
        Fixture f = fixture(dir);
        BackupUnit unit = f.unit();
        RecordingSink first = new RecordingSink(false);
        RecordingSink second = new RecordingSink(false);
        unit.backup(in(f, first));
        unit.backup(context(newUnit(), f.install(), f.paths(), f.scratch(), second));
        assertEquals(summary(first), summary(second), "two backups of the same install must stream the same items");
    }

    private static Map<String, String> summary(RecordingSink sink) {
        Map<String, String> out = new TreeMap<>();
        sink.items().forEach((path, r) -> out.put(path, r.item().getClass().getSimpleName() + " " + r.sha256() + " " + r.size()));
        return out;
    }

    /** {@return path -> size and SHA-256 (or link target / "dir") of everything under {@code root}} */
    static Map<String, String> fingerprint(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        if (!Files.exists(root)) {
            return out;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                String rel = root.relativize(p).toString();
                if (rel.isEmpty()) {
                    continue;
                }
                if (Files.isSymbolicLink(p)) {
                    out.put(rel, "link " + Files.readSymbolicLink(p));
                } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    out.put(rel, "dir");
                } else {
                    out.put(rel, Files.size(p) + " " + sha256(p) + " " + Files.getLastModifiedTime(p));
                }
            }
        }
        return out;
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[64 * 1024];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
