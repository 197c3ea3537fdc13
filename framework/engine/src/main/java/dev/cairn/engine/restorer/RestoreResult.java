package dev.cairn.engine.restorer;

import dev.cairn.framework.Issue;

import java.util.List;

/**
 * How a restore ended (a failure throws instead).
 *
 * @param plan          what was done
 * @param filesWritten  files written and verified
 * @param bytesWritten  their bytes
 * @param issues        warnings (e.g. a unit whose plugin is not installed, so its smoke test did not run)
 * @param damaged       files left out because their stored data is damaged or missing (only when the
 *                      request {@linkplain RestoreRequest#skipDamaged skips damaged files}), by path
 */
public record RestoreResult(RecoveryPlan plan, long filesWritten, long bytesWritten, List<Issue> issues, List<String> damaged) {

    public RestoreResult {
        issues = List.copyOf(issues);
        damaged = List.copyOf(damaged);
    }

    /** A result with nothing left out. */
    public RestoreResult(RecoveryPlan plan, long filesWritten, long bytesWritten, List<Issue> issues) {
        this(plan, filesWritten, bytesWritten, issues, List.of());
    }

    /** {@return whether files were left out because their data is damaged} */
    public boolean partial() {
        return !damaged.isEmpty();
    }
}
