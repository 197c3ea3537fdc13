package dev.cairn.engine.registry;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * How a {@link PluginRegistry} discovers providers.
 *
 * @param autoDiscovery whether to use {@link java.util.ServiceLoader} at all (off in tests that inject instances)
 * @param pluginDir     a directory of plugin jars, or {@code null}
 * @param excludedIds   provider ids an operator switched off
 * @param injected      provider instances to register in addition (BackupUnit, Strategy or Exporter)
 */
public record RegistryConfig(boolean autoDiscovery, Path pluginDir, Set<String> excludedIds, List<Object> injected) {

    public RegistryConfig {
        excludedIds = Set.copyOf(excludedIds);
        injected = List.copyOf(injected);
    }

    /** {@return discovery on the module path and in {@code pluginDir} (may be {@code null})} */
    public static RegistryConfig discover(Path pluginDir) {
        return new RegistryConfig(true, pluginDir, Set.of(), List.of());
    }

    /** {@return only the given instances, no discovery} */
    public static RegistryConfig only(Object... providers) {
        return new RegistryConfig(false, null, Set.of(), List.of(providers));
    }

    /** {@return a copy that also excludes {@code ids}} */
    public RegistryConfig excluding(Set<String> ids) {
        java.util.Set<String> all = new java.util.HashSet<>(excludedIds);
        all.addAll(ids);
        return new RegistryConfig(autoDiscovery, pluginDir, all, injected);
    }
}
