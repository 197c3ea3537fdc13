package dev.cairn.framework.unit;

import dev.cairn.framework.ConfigView;

import java.nio.file.Path;
import java.util.List;

/**
 * The context of {@link BackupUnit#smokeTest}: where this unit's restored files were staged.
 *
 * @param unitId      the unit
 * @param stagingRoot the directory that mirrors the install root and holds the staged files
 * @param items       the install-relative paths of this unit's restored files
 * @param config      the unit's options
 */
public record RestoreContext(String unitId, Path stagingRoot, List<String> items, ConfigView config) {

    public RestoreContext {
        items = List.copyOf(items);
    }

    /** {@return the staged file of an install-relative item path} */
    public Path staged(String itemPath) {
        return stagingRoot.resolve(itemPath);
    }
}
