package dev.cairn.arch;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Finds the built Cairn artifacts on the test class path. arch-tests depends (test scope) on every
 * module that ships code, so at {@code verify} in the reactor its class path holds their jars:
 * entries named {@code cairn-*.jar} or {@code hello-unit-*.jar}. When only {@code test} ran, Maven
 * puts the modules' {@code target/classes} directories there instead; those are recognised as
 * directories of the same reactor (under the parent of this module's {@code basedir}).
 */
final class CairnArtifacts {

    private static final String MODULE_INFO = "module-info.class";

    /**
     * One built Cairn artifact.
     *
     * @param location   the jar or class directory
     * @param descriptor its module descriptor, empty when it has no {@code module-info.class}
     * @param classFiles the number of class files besides {@code module-info.class}
     */
    record Artifact(Path location, Optional<ModuleDescriptor> descriptor, int classFiles) {

        /** {@return the module's name, which is also its root package} */
        String moduleName() {
            return descriptor.orElseThrow(() -> new IllegalStateException(location + " is not a named module")).name();
        }

        @Override
        public String toString() {
            return location.getFileName() + descriptor.map(d -> " (" + d.name() + ")").orElse(" (no module-info)");
        }
    }

    private static final List<Artifact> ON_CLASS_PATH = scan(System.getProperty("java.class.path"), moduleBasedir());

    private CairnArtifacts() {
    }

    /** {@return every Cairn artifact on the class path, sorted by location} */
    static List<Artifact> all() {
        return ON_CLASS_PATH;
    }

    /** {@return the artifacts that hold classes or a module descriptor, i.e. the modules that have code} */
    static List<Artifact> withCode() {
        return ON_CLASS_PATH.stream().filter(a -> a.classFiles() > 0 || a.descriptor().isPresent()).toList();
    }

    /** {@return the artifacts that are named modules} */
    static List<Artifact> modules() {
        return ON_CLASS_PATH.stream().filter(a -> a.descriptor().isPresent()).toList();
    }

    /** {@return this Maven module's directory: surefire's {@code basedir}, else the working directory} */
    static Path moduleBasedir() {
        return Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath().normalize();
    }

    static List<Artifact> scan(String classPath, Path basedir) {
        Path reactorRoot = basedir.getParent();
        List<Artifact> found = new ArrayList<>();
        for (String entry : classPath.split(java.io.File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            Path path = Path.of(entry).toAbsolutePath().normalize();
            String name = path.getFileName().toString();
            if (Files.isRegularFile(path) && isCairnJarName(name)) {
                found.add(readJar(path));
            } else if (Files.isDirectory(path) && reactorRoot != null && path.startsWith(reactorRoot)
                    && !path.startsWith(basedir) && name.equals("classes")) {
                found.add(readDirectory(path));
            }
        }
        found.sort(Comparator.comparing(a -> a.location().toString()));
        return List.copyOf(found);
    }

    private static boolean isCairnJarName(String name) {
        return name.endsWith(".jar") && !name.startsWith("cairn-arch-tests")
                && (name.startsWith("cairn-") || name.startsWith("hello-unit"));
    }

    private static Artifact readJar(Path jar) {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            int classes = (int) zip.stream().map(ZipEntry::getName)
                    .filter(n -> n.endsWith(".class") && !n.equals(MODULE_INFO)).count();
            ZipEntry moduleInfo = zip.getEntry(MODULE_INFO);
            Optional<ModuleDescriptor> descriptor = Optional.empty();
            if (moduleInfo != null) {
                try (InputStream in = zip.getInputStream(moduleInfo)) {
                    descriptor = Optional.of(ModuleDescriptor.read(in));
                }
            }
            return new Artifact(jar, descriptor, classes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + jar, e);
        }
    }

    private static Artifact readDirectory(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            int classes = (int) files.filter(p -> p.toString().endsWith(".class") && !p.endsWith(MODULE_INFO)).count();
            Path moduleInfo = dir.resolve(MODULE_INFO);
            Optional<ModuleDescriptor> descriptor = Optional.empty();
            if (Files.isRegularFile(moduleInfo)) {
                try (InputStream in = Files.newInputStream(moduleInfo)) {
                    descriptor = Optional.of(ModuleDescriptor.read(in));
                }
            }
            return new Artifact(dir, descriptor, classes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir, e);
        }
    }
}
