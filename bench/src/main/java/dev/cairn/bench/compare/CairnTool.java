package dev.cairn.bench.compare;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The Cairn CLI from the assembled distribution, with an encrypted repository (the default). */
public final class CairnTool implements BackupTool {

    private final Path launcher;
    private final String passphrase;

    /** Cairn run through {@code launcher} (app/target/cairn/bin/cairn). */
    public CairnTool(Path launcher, String passphrase) {
        this.launcher = launcher;
        this.passphrase = passphrase;
    }

    @Override
    public String name() {
        return "cairn";
    }

    @Override
    public Optional<String> unavailableReason() {
        return Files.isExecutable(launcher) ? Optional.empty()
                : Optional.of("launcher " + launcher + " is missing (./mvnw -B -ntp -DskipTests package did not build it)");
    }

    @Override
    public Map<String, String> environment(Path toolDir) {
        return Map.of("CAIRN_PASSWORD", passphrase);
    }

    @Override
    public List<String> init(Path repo) {
        return List.of(launcher.toString(), "init", "--repo", repo.toString());
    }

    @Override
    public List<String> backup(Path repo, Path install, Path profile, Operation operation) {
        List<String> command = new ArrayList<>(List.of(launcher.toString(), "backup", "--repo", repo.toString(),
                "--profile", profile.toString(), "--json"));
        if (operation != Operation.FIRST) {
            command.addAll(List.of("--strategy", "incremental"));
        }
        return command;
    }

    @Override
    public List<String> restore(Path repo, Path target) {
        return List.of(launcher.toString(), "restore", "latest", "--repo", repo.toString(), "--target", target.toString(),
                "--json");
    }

    /**
     * The launcher's start-up cache of a command is recorded by the command's first run and built by the
     * next one (docs/CLI.md): one pass of the benchmark's own commands records them, and each command's
     * {@code --help} then builds its cache, so no measured run pays for either.
     */
    @Override
    public List<List<String>> warmUp(Path repo, Path install, Path profile, Path target) {
        String l = launcher.toString();
        return List.of(init(repo), backup(repo, install, profile, Operation.FIRST), backup(repo, install, profile, Operation.NO_CHANGE),
                restore(repo, target), List.of(l, "init", "--help"), List.of(l, "backup", "--help"), List.of(l, "restore", "--help"),
                List.of(l, "--help"), List.of(l, "--help"));
    }

    @Override
    public Optional<List<String>> startupProbe() {
        return Optional.of(List.of(launcher.toString(), "--help"));
    }

    @Override
    public String settingsDescription() {
        return "cairn (" + launcher + "): encrypted repository (AES-256-GCM, zstd), profile units db/config/logs/files/models;"
                + " its per-command start-up caches made by an unmeasured warm-up pass";
    }
}
