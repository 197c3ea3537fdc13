/**
 * Plugin discovery. {@link dev.cairn.engine.registry.PluginRegistry} finds
 * {@link dev.cairn.framework.unit.BackupUnit}, {@link dev.cairn.framework.strategy.Strategy} and
 * {@link dev.cairn.framework.export.Exporter} providers with {@link java.util.ServiceLoader}: in the
 * boot layer (the module path, or the class path in tests) and in {@code plugins/*.jar}, each jar in
 * a child {@link java.lang.ModuleLayer} of its own. Ids are validated; a provider that fails to load
 * is reported as a {@link dev.cairn.framework.Issue} and skipped; operators exclude providers by id.
 */
package dev.cairn.engine.registry;
