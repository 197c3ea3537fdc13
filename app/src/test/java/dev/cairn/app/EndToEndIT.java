package dev.cairn.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.engine.registry.PluginRegistry;
import dev.cairn.engine.registry.RegistryConfig;
import dev.cairn.engine.repository.Repository;
import dev.cairn.engine.restorer.RestoreRequest;
import dev.cairn.engine.restorer.Restorer;
import dev.cairn.engine.snapshot.Manifest;
import dev.cairn.framework.CairnException;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Cairn's main job end to end, through the assembled distribution's launcher (module path, real
 * processes): init, full / incremental / differential backups of a generated install, restores of
 * every snapshot whole and by unit compared byte for byte (rows for the database) and mode for mode,
 * an in-place restore with a failure injected midway, forget and prune.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EndToEndIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = "correct horse battery staple";

    @Test
    @Order(1)
    void backsUpChangesRestoresAndPrunes(@TempDir Path dir) throws Exception {
        Path install = dir.resolve("install");
        Path repo = dir.resolve("repo");
        Path profile = dir.resolve("profile.json");
        InstallFixture fixture = newInstall(install, profile);
        Cli cli = cliFor(dir, repo);

        cli.run("init").expect(0);
        Map<String, Map<String, String>> expected = new LinkedHashMap<>();
        // Files changed less than two seconds before a backup records them are always read again by the next
        // one (their times are "racy"); let the install age past that window, as a real one has.
        Thread.sleep(2_100);

        String full = backup(cli, profile, "full");
        expected.put(full, InstallFixture.state(install));
        assertEquals(0, lastBackup.get("files_reused").asLong(), "a full backup reads everything");

        fixture.mutate(1);
        String incremental = backup(cli, profile, "incremental");
        expected.put(incremental, InstallFixture.state(install));
        JsonNode incUnits = snapshotUnits(cli, incremental).get("units");
        assertTrue(incUnits.toString().contains("files:succeeded"), incUnits.toString());
        assertTrue(lastBackup.get("files_reused").asLong() > 0, "incremental reuses unchanged files: " + lastBackup);
        assertTrue(lastBackup.get("files_read").asLong() > 0, "incremental reads changed files: " + lastBackup);

        fixture.mutate(2);
        String differential = backup(cli, profile, "differential");
        expected.put(differential, InstallFixture.state(install));

        // Every snapshot restores whole, equal to the install as it was when it was taken.
        for (Map.Entry<String, Map<String, String>> e : expected.entrySet()) {
            Path target = dir.resolve("restore-" + e.getKey().substring(0, 8));
            cli.run("restore", e.getKey(), "--target", target.toString()).expect(0);
            assertEquals(e.getValue(), InstallFixture.state(target), "restore of " + e.getKey());
        }

        // By unit, for every snapshot: only that unit's items come back, equal to the install at that time.
        for (Map.Entry<String, Map<String, String>> e : expected.entrySet()) {
            for (String unit : List.of("config", "db")) {
                String prefix = unit.equals("db") ? "data/" : "config";
                Path only = dir.resolve("restore-" + unit + "-" + e.getKey().substring(0, 8));
                cli.run("restore", e.getKey(), "--target", only.toString(), "--units", unit).expect(0);
                Map<String, String> state = InstallFixture.state(only);
                state.remove("data");
                assertFalse(state.isEmpty());
                assertTrue(state.keySet().stream().allMatch(p -> p.startsWith(prefix)), state.keySet().toString());
                Map<String, String> want = subset(e.getValue(), prefix);
                want.remove("data");
                assertEquals(want, state, "unit " + unit + " of " + e.getKey());
            }
        }

        // The private key keeps 0600.
        assertTrue(expected.get(full).get("keys/tls.key").startsWith("file rw------- "));

        // The diff between the first and the last snapshot names the changed config.
        String diff = cli.run("diff", full, differential).expect(0).out();
        assertTrue(diff.contains("M  config/app.json"), diff);

        // Forget the full snapshot's file (dry run first), prune, and restore every remaining snapshot.
        String forgetDry = cli.run("forget", full, "--dry-run").expect(0).out();
        assertTrue(cli.run("snapshots", "--json").expect(0).out().contains(full), forgetDry);
        cli.run("forget", full).expect(0);
        String pruned = cli.run("prune").expect(0).out();
        assertTrue(pruned.contains("freed"), pruned);
        cli.run("verify", "--read-data").expect(0);
        for (String id : List.of(incremental, differential)) {
            Path target = dir.resolve("after-prune-" + id.substring(0, 8));
            cli.run("restore", id, "--target", target.toString()).expect(0);
            assertEquals(expected.get(id), InstallFixture.state(target), "restore after prune of " + id);
        }
    }

    @Test
    @Order(3)
    void everyCommandAnswersHelpAndTheStartUpCacheNeverWritesToStdout(@TempDir Path dir) throws Exception {
        Cli cli = new Cli(Cli.dist(), dir.resolve("data")).env("XDG_CACHE_HOME", dir.resolve("cache").toString());
        String topLevel = cli.run("--help").expect(0).out();
        for (String command : List.of("init", "backup", "snapshots", "show", "diff", "restore", "verify", "forget", "prune",
                "key", "audit", "units")) {
            Cli.Result r = cli.run(command, "--help").expect(0);
            assertTrue(r.out().startsWith("Usage: cairn " + command), command + " --help printed:\n" + r.out());
            // a command line naming a command holds only that one (docs/CLI.md); help and the top level see all
            Cli.Result viaHelp = cli.run("help", command).expect(0);
            assertEquals(r.out(), viaHelp.out(), "cairn help " + command);
            assertTrue(topLevel.contains("  " + command + " "), "cairn --help lists " + command);
        }
        Cli.Result misspelt = cli.run("bakup").expect(2);
        assertTrue(misspelt.err().contains("Did you mean: cairn backup?"), misspelt.err());
        Cli.Result badOption = cli.run("snapshots", "--no-such-option").expect(2);
        assertTrue(badOption.err().contains("Unknown option: '--no-such-option'"), badOption.err());
        // a command's first run records its start-up cache, the second builds it, the third starts from it:
        // none of the JVM's messages about it may reach stdout (--json output is parsed by scripts) or stderr
        String version = null;
        for (int run = 1; run <= 3; run++) {
            Cli.Result r = cli.run("--version").expect(0);
            assertEquals("", r.err(), "run " + run);
            assertTrue(r.out().startsWith("cairn "), "run " + run + ": " + r.out());
            if (version == null) {
                version = r.out();
            }
            assertEquals(version, r.out(), "run " + run);
        }
    }

    @Test
    @Order(2)
    void inPlaceRestoreWithAFailureMidwayLeavesTheLiveInstallUnchanged(@TempDir Path dir) throws Exception {
        Path install = dir.resolve("install");
        Path repo = dir.resolve("repo");
        Path profile = dir.resolve("profile.json");
        InstallFixture fixture = newInstall(install, profile);
        Cli cli = cliFor(dir, repo);
        cli.run("init").expect(0);
        String first = backup(cli, profile, "full");
        Map<String, String> atBackup = InstallFixture.state(install);
        fixture.mutate(1);
        fixture.mutate(2);
        Map<String, String> live = InstallFixture.state(install);

        // The same engine the CLI runs, with a failure injected after three items were swapped in.
        AtomicInteger swaps = new AtomicInteger();
        try (Repository repository = Repository.open(repo, PASSWORD.toCharArray())) {
            Manifest manifest = repository.loadSnapshot(first);
            Restorer restorer = new Restorer(repository, PluginRegistry.load(RegistryConfig.discover(null)), Map.of());
            RestoreRequest failing = new RestoreRequest(manifest, install, true, Set.of(), List.of(), false, null, path -> {
                if (swaps.incrementAndGet() > 3) {
                    throw new IOException("injected failure before swapping " + path);
                }
            });
            CairnException e = assertThrows(CairnException.class, () -> restorer.restore(failing));
            assertTrue(e.getMessage().contains("injected failure"), e.getMessage());
        }
        assertTrue(swaps.get() > 3, "the failure happened midway");
        assertEquals(live, InstallFixture.state(install), "the live install must be unchanged");
        try (var leftovers = Files.list(install)) {
            assertTrue(leftovers.noneMatch(p -> p.getFileName().toString().startsWith(".cairn-restore")), "no staging left behind");
        }

        // Without the failure, the in-place restore through the CLI brings back the snapshot's state.
        String dry = cli.run("restore", first, "--in-place", "--profile", profile.toString(), "--dry-run").expect(0).out();
        assertTrue(dry.contains("replace") && dry.contains("config/app.json"), dry);
        cli.run("restore", first, "--in-place", "--profile", profile.toString()).expect(0);
        Map<String, String> restored = InstallFixture.state(install);
        Map<String, String> expected = new TreeMap<>(atBackup);
        // Files created after the snapshot are not deleted by a restore; everything in the snapshot is back.
        for (Map.Entry<String, String> e : expected.entrySet()) {
            assertEquals(e.getValue(), restored.get(e.getKey()), "in-place restore of " + e.getKey());
        }
    }

    @Test
    @Order(4)
    void aBackupThatRunsOutOfHeapSaysHowToRaiseItAndLeavesTheRepositoryUsable(@TempDir Path dir) throws Exception {
        Path install = dir.resolve("install");
        Files.createDirectories(install.resolve("data"));
        byte[] blob = new byte[24 << 20];
        new java.util.SplittableRandom(17).nextBytes(blob);
        Files.write(install.resolve("data/blob.bin"), blob);
        Path profile = dir.resolve("profile.json");
        Files.writeString(profile, "{\"schema\":\"cairn-install-profile/1\",\"name\":\"oom\",\"install_root\":"
                + JSON.writeValueAsString(install.toString()) + ",\"units\":[{\"id\":\"files\",\"paths\":[\"data\"]}]}");
        Cli cli = cliFor(dir, dir.resolve("repo"));
        cli.run("init").expect(0);

        // 24 MiB of heap cannot hold the writer's buffers (8 MiB in flight, 4 MiB chunks): a real OutOfMemoryError
        Cli.Result r = cli.env("CAIRN_JAVA_OPTS", "-Xmx24m").run("backup", "--profile", profile.toString()).expect(17);
        assertTrue(r.err().contains("cairn: out of memory") && r.err().contains("CAIRN_JAVA_OPTS=-Xmx"), r.err());
        assertEquals(0, JSON.readTree(cli.env("CAIRN_JAVA_OPTS", null).run("snapshots", "--json").expect(0).out()).size(),
                "no snapshot was written");

        cli.run("backup", "--profile", profile.toString()).expect(0);
        cli.run("verify", "--read-data").expect(0);
        Path target = dir.resolve("restored");
        cli.run("restore", "latest", "--target", target.toString()).expect(0);
        assertArrayEquals(blob, Files.readAllBytes(target.resolve("data/blob.bin")));
    }

    @Test
    @Order(5)
    void aRestoreFromADamagedRepositoryNamesTheFileAndCanSkipItToRecoverEveryOther(@TempDir Path dir) throws Exception {
        Path install = dir.resolve("install");
        Path profile = dir.resolve("profile.json");
        newInstall(install, profile);
        Cli cli = cliFor(dir, dir.resolve("repo"));
        cli.run("init").expect(0);
        backup(cli, profile, "full");
        Map<String, String> atBackup = InstallFixture.state(install);

        Path pack;
        try (var walk = Files.walk(dir.resolve("repo").resolve("data"))) {
            pack = walk.filter(Files::isRegularFile).sorted().findFirst().orElseThrow();
        }
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(pack.toFile(), "rw")) {
            f.seek(200);
            int b = f.read();
            f.seek(200);
            f.write(b ^ 0x10);
        }
        JsonNode report = JSON.readTree(cli.run("verify", "--read-data", "--json").expect(13).out());
        Set<String> damaged = new java.util.TreeSet<>();
        report.get("problems").forEach(p -> p.get("files").forEach(f -> damaged.add(f.asText())));
        assertFalse(damaged.isEmpty(), report.toString());

        Path stopped = dir.resolve("stopped");
        Cli.Result refused = cli.run("restore", "latest", "--target", stopped.toString()).expect(13);
        assertTrue(damaged.stream().anyMatch(refused.err()::contains) && refused.err().contains("--skip-damaged"), refused.err());
        assertTrue(!Files.exists(stopped) || InstallFixture.state(stopped).isEmpty(), "nothing was restored");

        Path salvaged = dir.resolve("salvaged");
        Cli.Result partial = cli.run("restore", "latest", "--target", salvaged.toString(), "--skip-damaged").expect(3);
        assertTrue(partial.out().contains(damaged.size() == 1 ? "1 file was left out" : damaged.size() + " files were left out"), partial.out());
        Map<String, String> restored = InstallFixture.state(salvaged);
        for (String path : damaged) {
            assertTrue(partial.out().contains(path), partial.out());
            assertFalse(restored.containsKey(path), path + " is left out");
        }
        Map<String, String> intact = new TreeMap<>(atBackup);
        intact.keySet().removeAll(damaged);
        // a directory that only held left-out files is not created: compare files and links, and that no directory is new
        intact.values().removeIf(v -> v.startsWith("dir "));
        Map<String, String> restoredFiles = new TreeMap<>(restored);
        restoredFiles.values().removeIf(v -> v.startsWith("dir "));
        assertEquals(intact, restoredFiles, "every other file and link comes back as it was");
        restored.forEach((path, state) -> assertEquals(atBackup.get(path), state, path));

        cli.run("restore", "latest", "--in-place", "--profile", profile.toString(), "--skip-damaged").expect(2);
    }

    private JsonNode lastBackup;

    /** {@return a generated install at {@code install}, with its profile written to {@code profile}} */
    private static InstallFixture newInstall(Path install, Path profile) throws Exception {
        InstallFixture fixture = new InstallFixture(install);
        fixture.create();
        Files.writeString(profile, InstallFixture.profileJson(install, ""));
        return fixture;
    }

    private static Cli cliFor(Path dir, Path repo) {
        return new Cli(Cli.dist(), dir.resolve("data-home")).env("CAIRN_PASSWORD", PASSWORD).env("CAIRN_REPOSITORY", repo.toString());
    }

    private String backup(Cli cli, Path profile, String strategy) throws Exception {
        Cli.Result r = cli.run("backup", "--profile", profile.toString(), "--strategy", strategy, "--json").expect(0);
        JsonNode result = JSON.readTree(r.out());
        lastBackup = result;
        assertEquals(strategy, result.get("strategy").asText());
        return result.get("snapshot_id").asText();
    }

    private static JsonNode snapshotUnits(Cli cli, String id) throws Exception {
        for (JsonNode s : JSON.readTree(cli.run("snapshots", "--json").expect(0).out())) {
            if (s.get("id").asText().equals(id)) {
                return s;
            }
        }
        throw new AssertionError("snapshot " + id + " not listed");
    }

    private static Map<String, String> subset(Map<String, String> state, String prefix) {
        Map<String, String> out = new TreeMap<>();
        state.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.put(k, v);
            }
        });
        return out;
    }
}
