package dev.cairn.engine.profile;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An install profile.
 *
 * @param name        a name for people
 * @param installRoot the install's root directory (absolute once read)
 * @param repository  the repository to use, or {@code null} when the command line or environment names it
 * @param strategy    the default strategy id
 * @param excludes    install-relative globs excluded for every unit
 * @param units       the unit entries, in profile order
 */
public record InstallProfile(String name, Path installRoot, Path repository, String strategy, List<String> excludes,
                             List<UnitEntry> units) {

    /** The schema id a profile declares. */
    public static final String SCHEMA = "cairn-install-profile/1";

    public InstallProfile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(installRoot, "installRoot");
        Objects.requireNonNull(strategy, "strategy");
        excludes = List.copyOf(excludes);
        units = List.copyOf(units);
    }

    /** {@return the enabled unit entries} */
    public List<UnitEntry> enabledUnits() {
        return units.stream().filter(UnitEntry::enabled).toList();
    }

    /**
     * One unit of the install.
     *
     * @param id       the unit id
     * @param enabled  whether it runs
     * @param paths    install-relative paths or globs
     * @param excludes install-relative globs to leave out
     * @param options  the unit's options, flattened to dotted keys with string values
     */
    public record UnitEntry(String id, boolean enabled, List<String> paths, List<String> excludes, Map<String, String> options) {
        public UnitEntry {
            Objects.requireNonNull(id, "id");
            paths = List.copyOf(paths);
            excludes = List.copyOf(excludes);
            options = Map.copyOf(options);
        }
    }
}
