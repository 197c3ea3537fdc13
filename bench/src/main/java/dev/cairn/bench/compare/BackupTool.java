package dev.cairn.bench.compare;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One backup program under comparison, as the commands it needs. Every command runs with the install
 * root as its working directory (backups) or the restore target (restores), with {@link #environment}.
 */
public interface BackupTool {

    /** {@return the name shown in the table} */
    String name();

    /** {@return why the tool cannot run here, or empty when it can} */
    Optional<String> unavailableReason();

    /** {@return environment variables for every command (passphrase, cache location)} */
    Map<String, String> environment(Path toolDir);

    /** {@return the command that creates an encrypted repository at {@code repo}} */
    List<String> init(Path repo);

    /** {@return the command that backs up the install (the working directory) as {@code operation}} */
    List<String> backup(Path repo, Path install, Path profile, Operation operation);

    /** {@return the command that restores the latest snapshot into {@code target}} */
    List<String> restore(Path repo, Path target);

    /** {@return whether {@link #restore} expects {@code target} to exist already (it runs there)} */
    default boolean restoreRunsInTarget() {
        return false;
    }

    /** {@return a command whose wall time is the tool's start-up cost, or empty when it has none worth measuring} */
    default Optional<List<String>> startupProbe() {
        return Optional.empty();
    }

    /**
     * {@return commands run once, unmeasured, before the first run: for a tool that keeps per-user
     * start-up state (Cairn's per-command start-up caches), the state a user has from the second run of
     * each command on; empty for tools that keep none}
     *
     * @param repo    a scratch repository path (not yet created)
     * @param install the install copy the warm-up may back up
     * @param profile its profile
     * @param target  a scratch restore target (not yet created)
     */
    default List<List<String>> warmUp(Path repo, Path install, Path profile, Path target) {
        return List.of();
    }

    /** {@return the settings that make the comparison fair, for the report} */
    String settingsDescription();
}
