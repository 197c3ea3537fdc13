package dev.cairn.arch;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The root packages of the Cairn modules under test. Each module's name is its root package
 * ({@code dev.cairn.units.db} holds only {@code dev.cairn.units.db..}), so a class belongs to the module
 * whose root is the longest prefix of its package.
 */
final class ModuleRoots {

    /** The framework API's module, which every plugin may depend on. */
    static final String FRAMEWORK = "dev.cairn.framework";
    /** Cairn's own namespace: every first-party module lives under it, third-party plugins never do. */
    static final String CAIRN_NAMESPACE = "dev.cairn";
    /** Where the first-party backup units live, one module each. */
    static final String UNITS_NAMESPACE = "dev.cairn.units";

    private final SortedSet<String> roots;

    private ModuleRoots(Collection<String> roots) {
        this.roots = new TreeSet<>(roots);
    }

    /** {@return the roots named by {@code moduleNames}} */
    static ModuleRoots of(Collection<String> moduleNames) {
        return new ModuleRoots(moduleNames);
    }

    /** {@return the roots, sorted} */
    SortedSet<String> all() {
        return java.util.Collections.unmodifiableSortedSet(roots);
    }

    /** {@return the module root that {@code packageName} belongs to, if any} */
    Optional<String> moduleOf(String packageName) {
        return roots.stream()
                .filter(root -> isInPackageTree(packageName, root))
                .max(Comparator.comparingInt(String::length));
    }

    /**
     * {@return the Cairn module {@code packageName} belongs to: a known module root, or for a package in
     * the {@code dev.cairn} namespace that no imported module holds, the package itself}
     */
    Optional<String> cairnModuleOf(String packageName) {
        Optional<String> known = moduleOf(packageName);
        if (known.isPresent() || !isInPackageTree(packageName, CAIRN_NAMESPACE)) {
            return known;
        }
        return Optional.of(packageName);
    }

    /** {@return whether {@code moduleRoot} is a backup unit or a third-party plugin} */
    static boolean isUnitOrPlugin(String moduleRoot) {
        return isInPackageTree(moduleRoot, UNITS_NAMESPACE) && !moduleRoot.equals(UNITS_NAMESPACE)
                || !isInPackageTree(moduleRoot, CAIRN_NAMESPACE);
    }

    /** {@return the roots of backup units and third-party plugins} */
    List<String> unitsAndPlugins() {
        return roots.stream().filter(ModuleRoots::isUnitOrPlugin).toList();
    }

    static boolean isInPackageTree(String packageName, String root) {
        return packageName.equals(root) || packageName.startsWith(root + ".");
    }
}
