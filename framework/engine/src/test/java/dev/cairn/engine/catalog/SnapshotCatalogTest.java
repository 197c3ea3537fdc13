package dev.cairn.engine.catalog;

import dev.cairn.engine.repository.BackupWriter;
import dev.cairn.engine.repository.Repository;
import dev.cairn.engine.snapshot.Manifest;
import dev.cairn.engine.snapshot.MerkleRoot;
import dev.cairn.engine.testing.TestRepositories;
import dev.cairn.framework.CairnException;
import dev.cairn.framework.strategy.SnapshotSummary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SnapshotCatalogTest {

    @TempDir
    java.nio.file.Path temp;
    private Repository repository;

    @BeforeEach
    void setUp() {
        repository = TestRepositories.create(temp.resolve("repo"));
    }

    @AfterEach
    void tearDown() {
        repository.close();
    }

    /** Commits an empty snapshot created at {@code created} with the given unit outcomes. */
    private String commit(String created, String strategy, Map<String, String> outcomes) throws IOException {
        List<Manifest.UnitRecord> units = outcomes.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> new Manifest.UnitRecord(e.getKey(), "unnamed", "unknown", strategy, null, e.getValue(), null, Map.of()))
                .toList();
        Manifest m = new Manifest(Manifest.FORMAT, null, created, strategy, null, List.of(), List.of(), MerkleRoot.of(List.of()),
                Manifest.WF_VERSION, "test", "host", "/srv", Map.of(), units, List.of(), List.of());
        try (BackupWriter w = repository.newWriter()) {
            return w.commit(m);
        }
    }

    @Test
    void withCachedFactsSummariesLoadNoManifest() throws IOException {
        repository.cacheSnapshotsIn(temp.resolve("cache"));
        String first = commit("2026-11-20T10:00:00Z", "full", Map.of("db", "succeeded"));
        String second = commit("2026-11-21T10:00:00Z", "incremental", Map.of("db", "failed", "logs", "succeeded"));
        java.util.concurrent.atomic.AtomicInteger loads = new java.util.concurrent.atomic.AtomicInteger();
        Repository counting = (Repository) java.lang.reflect.Proxy.newProxyInstance(Repository.class.getClassLoader(),
                new Class<?>[] {Repository.class}, (proxy, method, args) -> {
                    if (method.getName().equals("loadSnapshot")) {
                        loads.incrementAndGet();
                    }
                    try {
                        return method.invoke(repository, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        SnapshotCatalog catalog = new SnapshotCatalog(counting);
        assertEquals(List.of(second, first), catalog.summaries().stream().map(SnapshotSummary::id).toList());
        assertEquals(Set.of("logs"), catalog.summaries().get(0).units());
        assertEquals(List.of(first), catalog.historyOf("db").stream().map(SnapshotSummary::id).toList());
        assertEquals(0, loads.get(), "manifests loaded for summaries");
        assertEquals(second, catalog.resolve("latest").backupId());
        assertEquals(1, loads.get(), "only the latest manifest is loaded to resolve it");
        // a baseline's items: from the loaded manifest, or asked of the repository once
        assertSame(catalog.manifest(second).items(), catalog.items(second));
        assertEquals(List.of(), catalog.items(first));
        assertSame(catalog.items(first), catalog.items(first));
        assertEquals(1, loads.get(), "no manifest loaded for a baseline's items");
    }

    @Test
    void summariesAreNewestFirstAndHistoryHasOnlySnapshotsWhereTheUnitSucceeded() throws IOException {
        String oldest = commit("2026-11-20T10:00:00Z", "full", Map.of("db", "succeeded", "logs", "succeeded"));
        String newest = commit("2026-11-22T10:00:00Z", "incremental", Map.of("db", "failed", "logs", "succeeded"));
        String middle = commit("2026-11-21T10:00:00Z", "incremental", Map.of("db", "succeeded", "logs", "skipped"));
        SnapshotCatalog catalog = new SnapshotCatalog(repository);

        assertEquals(List.of(newest, middle, oldest), catalog.summaries().stream().map(SnapshotSummary::id).toList());
        SnapshotSummary first = catalog.summaries().get(0);
        assertEquals(Instant.parse("2026-11-22T10:00:00Z"), first.created());
        assertEquals("incremental", first.strategy());
        assertEquals(Set.of("logs"), first.units(), "a failed unit is not in the summary");
        assertEquals(List.of(middle, oldest), catalog.historyOf("db").stream().map(SnapshotSummary::id).toList());
        assertEquals(List.of(newest, oldest), catalog.historyOf("logs").stream().map(SnapshotSummary::id).toList());
        assertEquals(List.of(), catalog.historyOf("config"));
    }

    @Test
    void resolvesLatestFullIdsAndUniquePrefixes() throws IOException {
        String a = commit("2026-11-20T10:00:00Z", "full", Map.of("db", "succeeded"));
        String b = commit("2026-11-21T10:00:00Z", "full", Map.of("db", "succeeded"));
        SnapshotCatalog catalog = new SnapshotCatalog(repository);

        assertEquals(b, catalog.resolve("latest").backupId());
        assertEquals(a, catalog.resolve(a).backupId());
        int unique = 1;
        while (b.startsWith(a.substring(0, unique))) {
            unique++;
        }
        assertEquals(a, catalog.resolve(a.substring(0, unique)).backupId());
        assertSame(catalog.manifest(a), catalog.manifest(a), "a manifest is loaded once");

        String shared = a.substring(0, unique - 1);
        CairnException ambiguous = assertThrows(CairnException.class, () -> catalog.resolve(shared));
        assertEquals(CairnException.Kind.USAGE, ambiguous.kind());
        assertTrue(ambiguous.getMessage().contains("ambiguous (2 matches)"), ambiguous.getMessage());

        String absent = a.charAt(0) == 'f' ? "0000" : "ffff";
        String missing = Set.of(a, b).stream().anyMatch(id -> id.startsWith(absent)) ? "x" : absent;
        CairnException none = assertThrows(CairnException.class, () -> catalog.resolve(missing));
        assertEquals(CairnException.Kind.NOT_FOUND, none.kind());
    }

    @Test
    void latestOfAnEmptyRepositoryIsNotFound() {
        CairnException e = assertThrows(CairnException.class, () -> new SnapshotCatalog(repository).resolve("latest"));
        assertEquals(CairnException.Kind.NOT_FOUND, e.kind());
        assertTrue(e.getMessage().contains("no snapshots yet"), e.getMessage());
    }
}
