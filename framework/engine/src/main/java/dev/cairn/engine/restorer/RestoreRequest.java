package dev.cairn.engine.restorer;

import dev.cairn.engine.snapshot.Manifest;
import dev.cairn.framework.Cancellation;
import dev.cairn.framework.ProgressListener;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What to restore.
 *
 * @param manifest the snapshot
 * @param root     where the install-relative paths are restored: a target directory, or the live install root
 * @param inPlace  whether {@code root} is the live install (only changes how results are described)
 * @param units    unit ids to restore, or empty for all
 * @param paths    glob patterns over install-relative paths ({@code config/**}), or empty for all
 * @param dryRun   plan only
 * @param progress progress
 * @param swapObserver called before each swap step (tests inject failures here)
 * @param cancellation asked while staging and before the swap: a restore stopped there changes nothing;
 *                     a swap under way is finished (or rolled back on failure), never left half done
 * @param skipDamaged  restore every file whose stored data is intact and leave out, and report, the ones
 *                     whose data is damaged or missing in the repository, instead of stopping at the first;
 *                     into a target directory only (an install with files left out is not the snapshot)
 */
public record RestoreRequest(Manifest manifest, Path root, boolean inPlace, Set<String> units, List<String> paths,
                             boolean dryRun, ProgressListener progress, SwapObserver swapObserver, Cancellation cancellation,
                             boolean skipDamaged) {

    public RestoreRequest {
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(root, "root");
        units = Set.copyOf(units);
        paths = List.copyOf(paths);
        progress = progress == null ? ProgressListener.NOOP : progress;
        swapObserver = swapObserver == null ? SwapObserver.NONE : swapObserver;
        cancellation = cancellation == null ? Cancellation.NEVER : cancellation;
    }

    /** A request that stops at the first damaged file. */
    public RestoreRequest(Manifest manifest, Path root, boolean inPlace, Set<String> units, List<String> paths,
                          boolean dryRun, ProgressListener progress, SwapObserver swapObserver, Cancellation cancellation) {
        this(manifest, root, inPlace, units, paths, dryRun, progress, swapObserver, cancellation, false);
    }

    /** A request that is never cancelled. */
    public RestoreRequest(Manifest manifest, Path root, boolean inPlace, Set<String> units, List<String> paths,
                          boolean dryRun, ProgressListener progress, SwapObserver swapObserver) {
        this(manifest, root, inPlace, units, paths, dryRun, progress, swapObserver, null);
    }

    /** {@return this request, restoring every intact file and reporting the damaged ones ({@link #skipDamaged})} */
    public RestoreRequest skippingDamaged() {
        return new RestoreRequest(manifest, root, inPlace, units, paths, dryRun, progress, swapObserver, cancellation, true);
    }

    /** {@return a restore of everything into {@code root}} */
    public static RestoreRequest of(Manifest manifest, Path root) {
        return new RestoreRequest(manifest, root, false, Set.of(), List.of(), false, null, null);
    }

    /** Is told about each swap step before it happens; may throw to simulate a failure. */
    @FunctionalInterface
    public interface SwapObserver {
        /** Observes nothing. */
        SwapObserver NONE = path -> { };

        /** Called before the item at {@code path} replaces the live one. */
        void beforeSwap(String path) throws java.io.IOException;
    }
}
