package dev.cairn.framework.unit;

import dev.cairn.framework.Cancellation;
import dev.cairn.framework.ConfigView;
import dev.cairn.framework.ProgressListener;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * What a unit is given for one call: where the install is, which paths the install profile assigns
 * to it, its options, and the run's services. New capabilities are added here as default methods,
 * so implementers never break.
 */
public interface UnitContext {

    /** {@return the id this unit runs under} */
    String unitId();

    /** {@return the install's root directory (absolute)} */
    Path installRoot();

    /** {@return the install-relative paths (files, directories or globs) the profile gives this unit} */
    List<String> paths();

    /** {@return install-relative glob patterns to leave out} */
    default List<String> excludes() {
        return List.of();
    }

    /** {@return this unit's options from the install profile} */
    ConfigView config();

    /** {@return where to report progress} */
    default ProgressListener progress() {
        return ProgressListener.NOOP;
    }

    /** {@return whether the run was asked to stop} */
    default Cancellation cancellation() {
        return Cancellation.NEVER;
    }

    /** {@return the clock to use for any time the unit records} */
    default Clock clock() {
        return Clock.systemUTC();
    }

    /** {@return the logger to use} */
    default System.Logger logger() {
        return System.getLogger("dev.cairn.unit." + unitId());
    }

    /**
     * {@return a private directory for temporary files of this call (e.g. a consistent database copy),
     * on the same file system as the repository when possible; deleted by the engine afterwards}
     */
    Path scratchDirectory();
}
