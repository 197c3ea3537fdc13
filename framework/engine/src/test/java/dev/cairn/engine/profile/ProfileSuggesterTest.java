package dev.cairn.engine.profile;

import dev.cairn.engine.registry.PluginRegistry;
import dev.cairn.engine.registry.RegistryConfig;
import dev.cairn.framework.Issue;
import dev.cairn.framework.unit.BackupContext;
import dev.cairn.framework.unit.BackupUnit;
import dev.cairn.framework.unit.UnitContext;
import dev.cairn.framework.unit.UnitOutcome;
import dev.cairn.framework.unit.UnitPlan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProfileSuggesterTest {

    @TempDir
    Path root;

    /** A unit that suggests fixed paths. */
    record Suggesting(String id, Function<Path, List<String>> paths) implements BackupUnit {
        static Suggesting of(String id, String... paths) {
            return new Suggesting(id, root -> List.of(paths));
        }

        @Override
        public UnitPlan plan(UnitContext ctx) {
            return new UnitPlan(List.of(), List.of());
        }

        @Override
        public UnitOutcome backup(BackupContext ctx) {
            return UnitOutcome.skipped("test");
        }

        @Override
        public List<String> suggest(Path installRoot) {
            return paths.apply(installRoot);
        }
    }

    private static List<String> ids(InstallProfile p) {
        return p.units().stream().map(InstallProfile.UnitEntry::id).toList();
    }

    @Test
    void filesUnitComesLastAndGetsOnlyWhatNobodyClaimed() {
        PluginRegistry registry = PluginRegistry.load(RegistryConfig.only(
                Suggesting.of("files", "uploads", "logs", "config/big.bin"),
                Suggesting.of("config", "config", "logs/app.log"),
                Suggesting.of("a-logs", "logs", "logs"),
                Suggesting.of("zeta")));
        List<Issue> issues = new ArrayList<>();
        InstallProfile p = ProfileSuggester.suggest("shop", root, registry, issues::add);
        assertEquals(List.of("a-logs", "config", "files"), ids(p), "units in id order, files last, silent units left out");
        assertEquals(List.of("logs"), p.units().get(0).paths(), "a path suggested twice by one unit appears once");
        assertEquals(List.of("config"), p.units().get(1).paths());
        assertEquals(List.of("uploads"), p.units().get(2).paths());
        assertEquals(List.of(), issues);
        assertEquals(root.toAbsolutePath(), p.installRoot());
        assertEquals("incremental", p.strategy());
    }

    @Test
    void aWiderPathSuggestedLaterLeavesOutWhatAnEarlierUnitClaimed() {
        // db claims storage/app.db; files then suggests the whole storage directory: the database must
        // not be backed up by both units.
        PluginRegistry registry = PluginRegistry.load(RegistryConfig.only(
                Suggesting.of("db", "storage/app.db", "storage/cache/other.db"),
                Suggesting.of("files", "storage")));
        InstallProfile p = ProfileSuggester.suggest("shop", root, registry, i -> { });
        assertEquals(List.of("db", "files"), ids(p));
        InstallProfile.UnitEntry files = p.units().get(1);
        assertEquals(List.of("storage"), files.paths());
        assertEquals(List.of("storage/app.db", "storage/cache/other.db"), files.excludes());
    }

    @Test
    void aUnitThatFailsWhileLookingIsAWarningAndTheOthersStillSuggest() {
        PluginRegistry registry = PluginRegistry.load(RegistryConfig.only(
                new Suggesting("broken", r -> {
                    throw new IllegalStateException("boom");
                }),
                Suggesting.of("config", "config")));
        List<Issue> issues = new ArrayList<>();
        InstallProfile p = ProfileSuggester.suggest("shop", root, registry, issues::add);
        assertEquals(List.of("config"), ids(p));
        assertEquals(1, issues.size());
        assertEquals("broken", issues.get(0).unitId());
        assertEquals(Issue.Severity.WARNING, issues.get(0).severity());
        assertTrue(issues.get(0).message().contains("boom"));
    }

    @Test
    void suggestedProfileIsValidForTheReader() {
        PluginRegistry registry = PluginRegistry.load(RegistryConfig.only(Suggesting.of("db", "storage/app.db"),
                Suggesting.of("files", "storage")));
        InstallProfile p = ProfileSuggester.suggest("shop", root, registry, i -> { });
        Path file = root.resolve("cairn-profile.json");
        ProfileWriter.write(p, file, false);
        assertEquals(p, ProfileReader.read(file));
    }
}
