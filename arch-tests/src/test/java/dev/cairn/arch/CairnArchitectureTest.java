package dev.cairn.arch;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.Test;

import java.lang.module.ModuleDescriptor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs {@link CairnArchitectureRules} over every built Cairn jar. Each rule is preceded by a guard that
 * the classes it is about were really imported, so that no rule passes because it saw nothing
 * (ArchUnit's {@code failOnEmptyShould} is on as well, see {@code archunit.properties}).
 */
class CairnArchitectureTest {

    /**
     * The modules that every build has had since the foundation; the others are found from the class
     * path and held to the same guards, and the module-descriptor goldens keep their list reviewed.
     */
    private static final Set<String> FOUNDATION_MODULES =
            Set.of("dev.cairn.framework", "dev.cairn.engine", "dev.cairn.testkit", "com.example.hello");

    /** Fewer classes than this means the import went wrong (the foundation modules alone hold more). */
    private static final int MINIMUM_CLASSES = 50;

    private final JavaClasses classes = CairnClasses.imported();
    private final ModuleRoots roots = CairnClasses.roots();

    @Test
    void everyCairnArtifactWithClassesIsANamedModule() {
        List<CairnArtifacts.Artifact> unnamed = CairnArtifacts.withCode().stream()
                .filter(a -> a.descriptor().isEmpty()).toList();
        assertEquals(List.of(), unnamed, "every Cairn jar with classes must have a module-info.class "
                + "(plugins are loaded into module layers, the app runs on the module path)");
    }

    @Test
    void importCoversEveryModuleFound() {
        assertTrue(roots.all().containsAll(FOUNDATION_MODULES),
                "foundation modules missing from the class path; found " + CairnArtifacts.all());
        assertTrue(classes.size() >= MINIMUM_CLASSES, "only " + classes.size() + " classes imported from " + CairnArtifacts.all());
        Map<String, Integer> perModule = new TreeMap<>();
        for (String root : roots.all()) {
            perModule.put(root, CairnClasses.under(root).size());
        }
        assertFalse(perModule.containsValue(0), "every module found must contribute classes: " + perModule);
        int covered = perModule.values().stream().mapToInt(Integer::intValue).sum();
        assertEquals(classes.size(), covered, "every imported class must lie under its module's root package: " + perModule);
    }

    @Test
    void everyPackageOfEveryModuleHasImportedClasses() {
        Set<String> importedPackages = classes.stream().map(JavaClass::getPackageName).collect(Collectors.toSet());
        List<String> missing = CairnArtifacts.modules().stream()
                .flatMap(a -> a.descriptor().orElseThrow().packages().stream())
                .filter(p -> !importedPackages.contains(p))
                .sorted().toList();
        assertEquals(List.of(), missing, "packages declared by a module descriptor but not imported");
    }

    @Test
    void everyModuleKeepsItsPackagesUnderItsRootPackage() {
        List<String> strays = new ArrayList<>();
        for (CairnArtifacts.Artifact artifact : CairnArtifacts.modules()) {
            String root = artifact.moduleName();
            artifact.descriptor().orElseThrow().packages().stream()
                    .filter(p -> !ModuleRoots.isInPackageTree(p, root))
                    .forEach(p -> strays.add(root + " contains " + p));
        }
        assertEquals(List.of(), strays, "one module = one root package, named like the module");
    }

    @Test
    void moduleThatProvidesAPluginExportsNothingAndItsProvidersAreImported() {
        Set<String> services = CairnArchitectureRules.SERVICE_INTERFACES.stream().map(Class::getName).collect(Collectors.toSet());
        List<String> problems = new ArrayList<>();
        int providers = 0;
        for (CairnArtifacts.Artifact artifact : CairnArtifacts.modules()) {
            ModuleDescriptor descriptor = artifact.descriptor().orElseThrow();
            List<ModuleDescriptor.Provides> plugins = descriptor.provides().stream()
                    .filter(p -> services.contains(p.service())).toList();
            if (plugins.isEmpty()) {
                continue;
            }
            if (!descriptor.exports().isEmpty()) {
                problems.add(descriptor.name() + " provides " + plugins.get(0).service() + " but exports " + descriptor.exports());
            }
            for (ModuleDescriptor.Provides provides : plugins) {
                for (String provider : provides.providers()) {
                    providers++;
                    if (!classes.contain(provider)) {
                        problems.add(descriptor.name() + " names provider " + provider + ", which is not in its jar");
                    }
                }
            }
        }
        assertEquals(List.of(), problems);
        assertTrue(providers > 0, "no module provides a plugin: the provider rules would check nothing");
    }

    @Test
    void noNetworkOutsideExportersAndWeb() {
        assertTrue(classes.size() >= MINIMUM_CLASSES, "imported " + classes.size());
        CairnArchitectureRules.noNetworkOutsideExportersAndWeb().check(classes);
    }

    @Test
    void frameworkDependsOnTheJdkOnly() {
        assertTrue(CairnClasses.under(ModuleRoots.FRAMEWORK).size() >= 20,
                "the framework API was not imported: " + CairnClasses.under(ModuleRoots.FRAMEWORK).size());
        CairnArchitectureRules.frameworkDependsOnTheJdkOnly().check(classes);
    }

    @Test
    void unitsDependOnTheFrameworkOnly() {
        List<String> units = roots.unitsAndPlugins();
        assertTrue(units.contains("com.example.hello"), "the example plugin must be among the checked modules: " + units);
        for (String unit : units) {
            assertFalse(CairnClasses.under(unit).isEmpty(), "no class imported from " + unit);
        }
        CairnArchitectureRules.unitsDependOnTheFrameworkOnly(roots).check(classes);
    }

    @Test
    void standardStreamsOnlyInTheCli() {
        assertTrue(classes.size() >= MINIMUM_CLASSES, "imported " + classes.size());
        CairnArchitectureRules.standardStreamsOnlyInTheCli().check(classes);
    }

    @Test
    void noPackageCycles() {
        assertTrue(roots.all().size() >= FOUNDATION_MODULES.size(), "modules: " + roots.all());
        assertTrue(CairnClasses.under("dev.cairn.engine").stream().map(JavaClass::getPackageName).distinct().count() >= 2,
                "the engine's packages were not imported");
        CairnArchitectureRules.noPackageCycles(roots).check(classes);
    }

    @Test
    void providersLiveInInternalPackages() {
        long providers = classes.stream()
                .filter(c -> !c.isInterface() && CairnArchitectureRules.SERVICE_INTERFACES.stream().anyMatch(c::isAssignableTo))
                .filter(c -> !ModuleRoots.isInPackageTree(c.getPackageName(), ModuleRoots.FRAMEWORK))
                .count();
        assertTrue(providers > 0, "no provider implementation imported");
        CairnArchitectureRules.providersLiveInInternalPackages().check(classes);
    }
}
