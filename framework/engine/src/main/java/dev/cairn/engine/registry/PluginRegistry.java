package dev.cairn.engine.registry;

import dev.cairn.framework.CairnException;
import dev.cairn.framework.Issue;
import dev.cairn.framework.export.Exporter;
import dev.cairn.framework.strategy.Strategy;
import dev.cairn.framework.unit.BackupUnit;

import java.io.IOException;
import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The providers available to a run. Built once by {@link #load(RegistryConfig)}; immutable after.
 *
 * <p>Id rules (checked at load, after JUnit's engine-id validation): an id is non-blank and has no
 * white space; two providers of the same service with the same id are both refused (neither is
 * guessed to be "the right one"); ids starting with {@code cairn-} are reserved for providers in
 * {@code dev.cairn.*} modules of the boot layer (a plugin jar cannot claim them by naming its module so). Every refusal and every provider that throws while loading becomes an
 * {@link Issue}; the others load.
 */
public final class PluginRegistry {

    /** The id prefix reserved for Cairn's own providers. */
    public static final String RESERVED_PREFIX = "cairn-";

    private static final System.Logger LOG = System.getLogger(PluginRegistry.class.getName());

    private final Map<String, Plugin<BackupUnit>> units;
    private final Map<String, Plugin<Strategy>> strategies;
    private final Map<String, Plugin<Exporter>> exporters;
    private final List<Issue> issues;

    private PluginRegistry(Map<String, Plugin<BackupUnit>> units, Map<String, Plugin<Strategy>> strategies,
                           Map<String, Plugin<Exporter>> exporters, List<Issue> issues) {
        this.units = Collections.unmodifiableMap(units);
        this.strategies = Collections.unmodifiableMap(strategies);
        this.exporters = Collections.unmodifiableMap(exporters);
        this.issues = List.copyOf(issues);
    }

    /** {@return a registry loaded as {@code config} says} */
    public static PluginRegistry load(RegistryConfig config) {
        List<Issue> issues = new ArrayList<>();
        List<ModuleLayer> pluginLayers = new ArrayList<>();
        Map<ModuleLayer, String> layerSources = new java.util.HashMap<>();
        if (config.autoDiscovery() && config.pluginDir() != null) {
            for (Path jar : pluginJars(config.pluginDir(), issues)) {
                pluginLayer(jar, issues).ifPresent(layer -> {
                    pluginLayers.add(layer);
                    layerSources.put(layer, jar.getFileName().toString());
                });
            }
        }
        Loader loader = new Loader(config, pluginLayers, layerSources, issues);
        return new PluginRegistry(
                loader.load(BackupUnit.class, BackupUnit::id),
                loader.load(Strategy.class, Strategy::id),
                loader.load(Exporter.class, Exporter::id),
                issues);
    }

    /** {@return the units by id, sorted} */
    public Map<String, Plugin<BackupUnit>> units() {
        return units;
    }

    /** {@return the strategies by id, sorted} */
    public Map<String, Plugin<Strategy>> strategies() {
        return strategies;
    }

    /** {@return the exporters by id, sorted} */
    public Map<String, Plugin<Exporter>> exporters() {
        return exporters;
    }

    /** {@return problems met while loading: refused ids, providers that failed, bad plugin jars} */
    public List<Issue> issues() {
        return issues;
    }

    /**
     * {@return the unit with {@code id}}
     *
     * @throws CairnException CONFIG naming the known units when there is none
     */
    public Plugin<BackupUnit> unit(String id) {
        Plugin<BackupUnit> p = units.get(id);
        if (p == null) {
            throw new CairnException(CairnException.Kind.CONFIG, "no backup unit '" + id + "' (known: " + String.join(", ", units.keySet()) + ")");
        }
        return p;
    }

    /**
     * {@return the strategy with {@code id}}
     *
     * @throws CairnException CONFIG naming the known strategies when there is none
     */
    public Plugin<Strategy> strategy(String id) {
        Plugin<Strategy> p = strategies.get(id);
        if (p == null) {
            throw new CairnException(CairnException.Kind.CONFIG, "no strategy '" + id + "' (known: " + String.join(", ", strategies.keySet()) + ")");
        }
        return p;
    }

    private static List<Path> pluginJars(Path dir, List<Issue> issues) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            issues.add(Issue.error(null, dir.toString(), "cannot list plugin directory: " + e.getMessage()));
            return List.of();
        }
    }

    /** Resolves one plugin jar into a child layer of the boot layer; failures become issues. */
    private static Optional<ModuleLayer> pluginLayer(Path jar, List<Issue> issues) {
        try {
            ModuleFinder finder = ModuleFinder.of(jar);
            Set<String> roots = new java.util.HashSet<>();
            finder.findAll().forEach(ref -> roots.add(ref.descriptor().name()));
            ModuleLayer parent = ModuleLayer.boot();
            Configuration cf = parent.configuration().resolveAndBind(finder, ModuleFinder.of(), roots);
            ClassLoader scl = ClassLoader.getSystemClassLoader();
            return Optional.of(parent.defineModulesWithOneLoader(cf, scl));
        } catch (RuntimeException | LinkageError e) {
            issues.add(Issue.error(null, jar.getFileName().toString(), "plugin jar skipped: " + e.getMessage()));
            LOG.log(System.Logger.Level.WARNING, "plugin jar skipped: " + jar, e);
            return Optional.empty();
        }
    }

    /** Loads one service type from every source, validating ids. */
    private record Loader(RegistryConfig config, List<ModuleLayer> pluginLayers, Map<ModuleLayer, String> layerSources,
                          List<Issue> issues) {

        <T> Map<String, Plugin<T>> load(Class<T> service, Function<T, String> idOf) {
            List<Plugin<T>> found = new ArrayList<>();
            for (Object o : config.injected()) {
                if (service.isInstance(o)) {
                    T t = service.cast(o);
                    describe(t, idOf, "injected").ifPresent(found::add);
                }
            }
            if (config.autoDiscovery()) {
                String bootSource = PluginRegistry.class.getModule().isNamed() ? "module path" : "class path";
                loadFrom(ServiceLoader.load(service, PluginRegistry.class.getClassLoader()), idOf, bootSource, found);
                for (ModuleLayer layer : pluginLayers) {
                    ServiceLoader<T> loader = ServiceLoader.load(layer, service);
                    List<Plugin<T>> inLayer = new ArrayList<>();
                    loadFrom(loader, idOf, layerSources.get(layer), inLayer);
                    // ServiceLoader over a child layer also walks the parent layers: keep only this layer's own.
                    inLayer.stream().filter(p -> p.instance().getClass().getModule().getLayer() == layer).forEach(found::add);
                }
            }
            return validate(service, found);
        }

        private <T> void loadFrom(ServiceLoader<T> loader, Function<T, String> idOf, String source, List<Plugin<T>> out) {
            var it = loader.stream().iterator();
            while (true) {
                ServiceLoader.Provider<T> provider;
                try {
                    if (!it.hasNext()) {
                        return;
                    }
                    provider = it.next();
                } catch (ServiceConfigurationError e) {
                    issues.add(Issue.error(null, source, "provider could not be found: " + e.getMessage()));
                    continue;
                }
                try {
                    describe(provider.get(), idOf, source).ifPresent(out::add);
                } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
                    issues.add(Issue.error(null, source, "provider " + provider.type().getName() + " failed to load: " + e));
                }
            }
        }

        private <T> Optional<Plugin<T>> describe(T instance, Function<T, String> idOf, String source) {
            String id;
            try {
                id = idOf.apply(instance);
            } catch (RuntimeException e) {
                issues.add(Issue.error(null, source, instance.getClass().getName() + ".id() threw " + e));
                return Optional.empty();
            }
            if (id == null) {
                issues.add(Issue.error(null, source, instance.getClass().getName() + ".id() returned null; skipped"));
                return Optional.empty();
            }
            Module module = instance.getClass().getModule();
            String moduleName = module.isNamed() ? module.getName() : "unnamed";
            String version = module.getDescriptor() == null ? null
                    : module.getDescriptor().version().map(ModuleDescriptor.Version::toString).orElse(null);
            if (version == null) {
                Package pkg = instance.getClass().getPackage();
                version = pkg != null && pkg.getImplementationVersion() != null ? pkg.getImplementationVersion() : "unknown";
            }
            return Optional.of(new Plugin<>(id, instance, moduleName, version, source));
        }

        /**
         * {@return whether a provider is Cairn's own: in a {@code dev.cairn.*} module of the boot layer. A plugin
         * jar may name its module anything, so a module name alone would let a plugin claim the reserved prefix.}
         */
        private static boolean firstParty(Plugin<?> p) {
            ModuleLayer layer = p.instance().getClass().getModule().getLayer();
            return p.module().startsWith("dev.cairn.") && (layer == null || layer == ModuleLayer.boot());
        }

        private <T> Map<String, Plugin<T>> validate(Class<T> service, List<Plugin<T>> found) {
            Map<String, List<Plugin<T>>> byId = new TreeMap<>();
            String kind = service.getSimpleName();
            for (Plugin<T> p : found) {
                String id = p.id();
                if (id.isBlank() || !id.equals(id.strip()) || id.chars().anyMatch(Character::isWhitespace)) {
                    issues.add(Issue.error(null, p.source(), kind + " " + p.instance().getClass().getName()
                            + " has an invalid id '" + id + "': ids are non-blank without white space; skipped"));
                    continue;
                }
                if (id.startsWith(RESERVED_PREFIX) && !firstParty(p)) {
                    issues.add(Issue.error(null, p.source(), kind + " id '" + id + "' of module " + p.module()
                            + " uses the reserved prefix '" + RESERVED_PREFIX + "'; skipped"));
                    continue;
                }
                if (config.excludedIds().contains(id)) {
                    continue;
                }
                byId.computeIfAbsent(id, k -> new ArrayList<>()).add(p);
            }
            Map<String, Plugin<T>> result = new TreeMap<>();
            byId.forEach((id, list) -> {
                if (list.size() == 1) {
                    result.put(id, list.get(0));
                } else {
                    issues.add(Issue.error(null, null, kind + " id '" + id + "' is provided " + list.size() + " times ("
                            + String.join(", ", list.stream().map(p -> p.instance().getClass().getName() + " in " + p.module() + " from " + p.source()).toList())
                            + "); all of them skipped"));
                }
            });
            return result;
        }
    }
}
