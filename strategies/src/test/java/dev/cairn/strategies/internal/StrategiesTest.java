package dev.cairn.strategies.internal;

import dev.cairn.framework.ConfigView;
import dev.cairn.framework.strategy.SnapshotSummary;
import dev.cairn.framework.strategy.Strategy;
import dev.cairn.framework.strategy.StrategyContext;
import dev.cairn.framework.unit.FileMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StrategiesTest {

    private final Strategy full = new FullStrategy();
    private final Strategy incremental = new IncrementalStrategy();
    private final Strategy differential = new DifferentialStrategy();

    private static SnapshotSummary snap(String id, int minute, String strategy, String... units) {
        return new SnapshotSummary(id, Instant.parse("2026-01-01T00:00:00Z").plusSeconds(60L * minute), strategy, Set.of(units));
    }

    private static StrategyContext history(SnapshotSummary... snapshots) {
        return new StrategyContext("config", List.of(snapshots), ConfigView.empty());
    }

    private static Optional<String> baselineId(Strategy s, StrategyContext ctx) {
        return s.baseline(ctx).map(SnapshotSummary::id);
    }

    @Test
    void allThreeAreFoundByServiceLoaderUnderTheirIds() {
        Map<String, Strategy> byId = ServiceLoader.load(Strategy.class).stream().map(ServiceLoader.Provider::get)
                .collect(Collectors.toMap(Strategy::id, Function.identity()));
        assertEquals(Set.of("full", "incremental", "differential"), byId.keySet());
        byId.values().forEach(s -> assertFalse(s.description().isBlank(), s.id()));
    }

    @Test
    void fullHasNoBaselineAndNeverReuses() {
        StrategyContext ctx = history(snap("f1", 1, "full", "config"), snap("i1", 2, "incremental", "config"));
        FileMetadata m = new FileMetadata(10, 0644, 1, 1, 7);
        assertEquals(Optional.empty(), full.baseline(ctx));
        assertFalse(full.mayReuse(m, m), "full re-reads even an unchanged file");
    }

    @Test
    void incrementalComparesWithTheUnitsNewestSnapshotOfAnyStrategy() {
        StrategyContext ctx = history(
                snap("i2", 5, "incremental", "config", "logs"),
                snap("d1", 4, "differential", "config"),
                snap("f1", 1, "full", "config"));
        assertEquals(Optional.of("i2"), baselineId(incremental, ctx));
    }

    @Test
    void differentialComparesWithTheUnitsNewestFullSnapshot() {
        StrategyContext ctx = history(
                snap("i3", 9, "incremental", "config"),
                snap("d2", 8, "differential", "config"),
                snap("f2", 6, "full", "config"),
                snap("f1", 1, "full", "config"));
        assertEquals(Optional.of("f2"), baselineId(differential, ctx));
    }

    @Test
    void differentialWithoutAFullSnapshotHasNoBaseline() {
        StrategyContext ctx = history(snap("i1", 2, "incremental", "config"), snap("d1", 1, "differential", "config"));
        assertEquals(Optional.empty(), differential.baseline(ctx));
    }

    @Test
    void emptyHistoryMeansNoBaseline() {
        assertEquals(Optional.empty(), incremental.baseline(history()));
        assertEquals(Optional.empty(), differential.baseline(history()));
    }

    @Test
    void snapshotsWithoutTheUnitOrListedOutOfOrderAreHandled() {
        // a caller that passes other units' snapshots or an unsorted history still gets the unit's newest
        StrategyContext ctx = history(
                snap("f-old", 1, "full", "config"),
                snap("f-logs-only", 9, "full", "logs"),
                snap("f-new", 5, "full", "config"),
                snap("i-logs-only", 10, "incremental", "logs"),
                snap("i-mid", 3, "incremental", "config"));
        assertEquals(Optional.of("f-new"), baselineId(incremental, ctx));
        assertEquals(Optional.of("f-new"), baselineId(differential, ctx));
    }

    @Test
    void sameInstantPrefersTheSnapshotListedFirst() {
        StrategyContext ctx = history(snap("a", 3, "full", "config"), snap("b", 3, "full", "config"));
        assertEquals(Optional.of("a"), baselineId(incremental, ctx));
        assertEquals(Optional.of("a"), baselineId(differential, ctx));
    }

    @Test
    void incrementalAndDifferentialReuseOnlyWhenSizeMtimeInodeAndCtimeAreUnchanged(@TempDir Path dir)
            throws IOException {
        Path file = Files.writeString(dir.resolve("settings.json"), "{\"a\":1}");
        FileMetadata before = FileMetadata.read(file);
        for (Strategy s : List.of(incremental, differential)) {
            assertTrue(s.mayReuse(before, FileMetadata.read(file)), s.id() + ": untouched file");
        }

        // constructed metadata: a real rewrite may land in the same coarse kernel timestamp tick
        FileMetadata touchedInode = new FileMetadata(before.size(), before.mode(), before.mtimeNanos(), before.ctimeNanos() + 1,
                before.inode());
        for (Strategy s : List.of(incremental, differential)) {
            assertFalse(s.mayReuse(before, touchedInode), s.id() + ": an old mtime put back still changes ctime");
            assertFalse(s.mayReuse(before, before.withSize(before.size() + 1)), s.id() + ": size changed");
            FileMetadata unknownInode = new FileMetadata(before.size(), before.mode(), before.mtimeNanos(), before.ctimeNanos(), -1);
            assertFalse(s.mayReuse(unknownInode, unknownInode), s.id() + ": unknown inode never matches");
        }
    }
}
