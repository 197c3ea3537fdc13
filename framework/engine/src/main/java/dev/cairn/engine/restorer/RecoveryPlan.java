package dev.cairn.engine.restorer;

import java.util.List;

/**
 * What a restore does (or would do, in a dry run). Schema: {@code schemas/recovery-plan.schema.json}.
 *
 * @param snapshot the snapshot id
 * @param root     the directory restored into
 * @param inPlace  whether it is the live install
 * @param units    the units selected (empty: all)
 * @param paths    the path patterns selected (empty: all)
 * @param dryRun   whether nothing is changed
 * @param items    every selected item with its action
 */
public record RecoveryPlan(String snapshot, String root, boolean inPlace, List<String> units, List<String> paths,
                           boolean dryRun, List<Entry> items) {

    public RecoveryPlan {
        units = List.copyOf(units);
        paths = List.copyOf(paths);
        items = List.copyOf(items);
    }

    /** {@return the entries that change something} */
    public List<Entry> changes() {
        return items.stream().filter(e -> e.action() != Action.UNCHANGED).toList();
    }

    /** What happens to one item. */
    public enum Action {
        /** Nothing is there yet. */
        CREATE,
        /** Something different is there and is replaced. */
        REPLACE,
        /** The same content, type and mode are there already. */
        UNCHANGED
    }

    /**
     * One item of the plan.
     *
     * @param path   install-relative path
     * @param unit   its unit
     * @param type   file, dir or symlink
     * @param size   content bytes
     * @param action what happens
     */
    public record Entry(String path, String unit, String type, long size, Action action) { }
}
