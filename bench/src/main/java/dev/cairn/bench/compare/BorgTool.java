package dev.cairn.bench.compare;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** borg 1.x with a {@code repokey} encrypted repository and {@code -C zstd,3}. */
public final class BorgTool implements BackupTool {

    private final String passphrase;

    /** borg with the given passphrase. */
    public BorgTool(String passphrase) {
        this.passphrase = passphrase;
    }

    @Override
    public String name() {
        return "borg";
    }

    @Override
    public Optional<String> unavailableReason() {
        return Tools.onPath("borg") ? Optional.empty() : Optional.of("borg is not installed (apt-get install borgbackup)");
    }

    @Override
    public Map<String, String> environment(Path toolDir) {
        return Map.of("BORG_PASSPHRASE", passphrase, "BORG_BASE_DIR", toolDir.resolve("base").toString(),
                "BORG_RELOCATED_REPO_ACCESS_IS_OK", "yes", "BORG_UNKNOWN_UNENCRYPTED_REPO_ACCESS_IS_OK", "no");
    }

    @Override
    public List<String> init(Path repo) {
        return List.of("borg", "init", "--encryption", "repokey", repo.toString());
    }

    @Override
    public List<String> backup(Path repo, Path install, Path profile, Operation operation) {
        return List.of("borg", "create", "--compression", "zstd,3", repo + "::" + operation.name().toLowerCase(), ".");
    }

    @Override
    public List<String> restore(Path repo, Path target) {
        return List.of("borg", "extract", repo + "::" + Operation.AFTER_MUTATION.name().toLowerCase());
    }

    @Override
    public boolean restoreRunsInTarget() {
        return true;
    }

    @Override
    public String settingsDescription() {
        return Tools.version("borg", "--version") + ": repokey (AES-256-CTR + HMAC-SHA256), -C zstd,3";
    }
}
