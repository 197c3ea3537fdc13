package dev.cairn.engine.registry;

import java.util.Objects;

/**
 * A loaded provider and where it came from.
 *
 * @param id       the provider's id
 * @param instance the provider
 * @param module   the JPMS module name (or "unnamed" on the class path)
 * @param version  the module's version, or the jar's Implementation-Version, or "unknown"
 * @param source   "module path", "class path", a plugin jar's file name, or "injected"
 * @param <T>      the service type
 */
public record Plugin<T>(String id, T instance, String module, String version, String source) {

    public Plugin {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(instance, "instance");
    }
}
