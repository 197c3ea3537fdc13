package dev.cairn.engine.archiver;

import dev.cairn.framework.Cancellation;
import dev.cairn.framework.ConfigView;
import dev.cairn.framework.ProgressListener;
import dev.cairn.framework.unit.BackupContext;
import dev.cairn.framework.unit.ItemSink;

import java.nio.file.Path;
import java.util.List;

/**
 * The context the engine gives a unit for one call.
 *
 * @param unitId           the unit
 * @param installRoot      the install root
 * @param paths            the unit's paths from the profile
 * @param excludes         the profile's and the unit's excludes
 * @param config           the unit's options
 * @param progress         where progress goes
 * @param cancellation     stop requests
 * @param scratchDirectory the unit's private temporary directory
 * @param sink             the item sink, or {@code null} in the plan phase
 */
public record EngineUnitContext(String unitId, Path installRoot, List<String> paths, List<String> excludes, ConfigView config,
                                ProgressListener progress, Cancellation cancellation, Path scratchDirectory, ItemSink sink)
        implements BackupContext {

    public EngineUnitContext {
        paths = List.copyOf(paths);
        excludes = List.copyOf(excludes);
    }

    @Override
    public ItemSink sink() {
        if (sink == null) {
            throw new IllegalStateException("no sink in the plan phase");
        }
        return sink;
    }
}
