package dev.cairn.framework.unit;

import dev.cairn.framework.Issue;

import java.util.List;

/**
 * What a unit would back up: the result of the side-effect-free plan phase.
 *
 * @param items  the entries it would stream
 * @param issues problems seen while looking (a configured path that does not exist, ...)
 */
public record UnitPlan(List<PlannedItem> items, List<Issue> issues) {

    public UnitPlan {
        items = List.copyOf(items);
        issues = List.copyOf(issues);
    }

    /** {@return the sum of the planned items' sizes} */
    public long totalBytes() {
        return items.stream().mapToLong(PlannedItem::size).sum();
    }

    /**
     * One entry of a plan.
     *
     * @param path install-relative path
     * @param type what it is
     * @param size its size in bytes (0 for directories and links)
     */
    public record PlannedItem(String path, Type type, long size) {
        /** The kinds of entries. */
        public enum Type { FILE, DIRECTORY, SYMLINK }
    }
}
