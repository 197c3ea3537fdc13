package dev.cairn.engine.archiver;

import dev.cairn.engine.profile.InstallProfile;
import dev.cairn.framework.Cancellation;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What to back up.
 *
 * @param profile      the install profile
 * @param strategyId   the strategy, or {@code null} for the profile's
 * @param units        the unit ids to run, or empty for every enabled unit
 * @param dryRun       plan only: read nothing, write nothing
 * @param listener     progress
 * @param cancellation stop requests
 * @param governance   extra facts recorded in the manifest's governance map (tags, policy ids)
 */
public record BackupRequest(InstallProfile profile, String strategyId, Set<String> units, boolean dryRun,
                            BackupListener listener, Cancellation cancellation, Map<String, String> governance) {

    public BackupRequest {
        Objects.requireNonNull(profile, "profile");
        units = Set.copyOf(units);
        listener = listener == null ? BackupListener.NOOP : listener;
        cancellation = cancellation == null ? Cancellation.NEVER : cancellation;
        governance = Map.copyOf(governance);
    }

    /** {@return a plain backup of every enabled unit with the profile's strategy} */
    public static BackupRequest of(InstallProfile profile) {
        return new BackupRequest(profile, null, Set.of(), false, BackupListener.NOOP, Cancellation.NEVER, Map.of());
    }

    /** {@return a copy with another strategy} */
    public BackupRequest withStrategy(String id) {
        return new BackupRequest(profile, id, units, dryRun, listener, cancellation, governance);
    }

    /** {@return a copy with another listener} */
    public BackupRequest withListener(BackupListener l) {
        return new BackupRequest(profile, strategyId, units, dryRun, l, cancellation, governance);
    }
}
