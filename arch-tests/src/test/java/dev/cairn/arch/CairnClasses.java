package dev.cairn.arch;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.Location;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The classes of every built Cairn artifact, imported once per test run. Only the Cairn jars are
 * imported (not the test class path), so the rules see exactly what ships; the classes they depend on
 * (JDK, libraries) are resolved from the class path as far as the rules need them.
 */
final class CairnClasses {

    private static final JavaClasses IMPORTED = new ClassFileImporter().importLocations(CairnArtifacts.withCode().stream()
            .map(CairnClasses::location).toList());
    private static final ModuleRoots ROOTS = ModuleRoots.of(CairnArtifacts.modules().stream()
            .map(CairnArtifacts.Artifact::moduleName).toList());

    private CairnClasses() {
    }

    private static Location location(CairnArtifacts.Artifact artifact) {
        Path path = artifact.location();
        return Files.isDirectory(path) ? Location.of(path) : Location.of(URI.create("jar:" + path.toUri() + "!/"));
    }

    /** {@return the imported classes of all Cairn artifacts} */
    static JavaClasses imported() {
        return IMPORTED;
    }

    /** {@return the root packages of the Cairn modules found} */
    static ModuleRoots roots() {
        return ROOTS;
    }

    /** {@return the imported classes in the package tree of {@code root}} */
    static List<JavaClass> under(String root) {
        return IMPORTED.stream().filter(c -> ModuleRoots.isInPackageTree(c.getPackageName(), root)).toList();
    }
}
