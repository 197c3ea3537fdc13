package dev.cairn.testkit;

import dev.cairn.framework.Cancellation;
import dev.cairn.framework.ConfigView;
import dev.cairn.framework.unit.BackupContext;
import dev.cairn.framework.unit.ItemSink;

import java.nio.file.Path;
import java.util.List;

/**
 * A {@link BackupContext} for tests: every value is given explicitly.
 *
 * @param unitId       the unit id
 * @param installRoot  the install root
 * @param paths        the unit's install-relative paths
 * @param excludes     exclude globs
 * @param config       the unit's options
 * @param cancellation the cancellation to report
 * @param scratchDirectory a scratch directory
 * @param sink         where items go
 */
public record TestUnitContext(String unitId, Path installRoot, List<String> paths, List<String> excludes,
                              ConfigView config, Cancellation cancellation, Path scratchDirectory, ItemSink sink)
        implements BackupContext {

    public TestUnitContext {
        paths = List.copyOf(paths);
        excludes = List.copyOf(excludes);
    }

    /** {@return a context with no excludes, no options, never cancelled} */
    public static TestUnitContext of(String unitId, Path installRoot, List<String> paths, Path scratch, ItemSink sink) {
        return new TestUnitContext(unitId, installRoot, paths, List.of(), ConfigView.empty(), Cancellation.NEVER, scratch, sink);
    }

    /** {@return a copy with another sink} */
    public TestUnitContext withSink(ItemSink newSink) {
        return new TestUnitContext(unitId, installRoot, paths, excludes, config, cancellation, scratchDirectory, newSink);
    }

    /** {@return a copy with another cancellation} */
    public TestUnitContext withCancellation(Cancellation newCancellation) {
        return new TestUnitContext(unitId, installRoot, paths, excludes, config, newCancellation, scratchDirectory, sink);
    }

    /** {@return a copy with other options} */
    public TestUnitContext withConfig(ConfigView newConfig) {
        return new TestUnitContext(unitId, installRoot, paths, excludes, newConfig, cancellation, scratchDirectory, sink);
    }
}
