package dev.cairn.bench.compare;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** restic with a version-2 repository (compression), {@code --compression auto}, always encrypted. */
public final class ResticTool implements BackupTool {

    private final String passphrase;

    /** restic with the given repository password. */
    public ResticTool(String passphrase) {
        this.passphrase = passphrase;
    }

    @Override
    public String name() {
        return "restic";
    }

    @Override
    public Optional<String> unavailableReason() {
        return Tools.onPath("restic") ? Optional.empty() : Optional.of("restic is not installed (apt-get install restic)");
    }

    @Override
    public Map<String, String> environment(Path toolDir) {
        return Map.of("RESTIC_PASSWORD", passphrase, "RESTIC_CACHE_DIR", toolDir.resolve("cache").toString());
    }

    @Override
    public List<String> init(Path repo) {
        return List.of("restic", "init", "--repository-version", "2", "--repo", repo.toString());
    }

    @Override
    public List<String> backup(Path repo, Path install, Path profile, Operation operation) {
        return List.of("restic", "--repo", repo.toString(), "backup", "--compression", "auto", "--host", "bench", ".");
    }

    @Override
    public List<String> restore(Path repo, Path target) {
        return List.of("restic", "--repo", repo.toString(), "restore", "latest", "--target", target.toString());
    }

    @Override
    public String settingsDescription() {
        return Tools.version("restic", "version") + ": repository v2, --compression auto, AES-256 (always on)";
    }
}
