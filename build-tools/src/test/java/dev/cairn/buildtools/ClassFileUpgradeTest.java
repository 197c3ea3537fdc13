package dev.cairn.buildtools;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClassFileUpgradeTest {

    @TempDir
    Path dir;

    @Test
    void rewritesPicoclisClassesSoThatEachOneVerifiesAndParsesAsBefore() throws Exception {
        Path jar = copyOfPicocli();
        Set<PosixFilePermission> mode = PosixFilePermissions.fromString("rw-r--r--");
        Files.setPosixFilePermissions(jar, mode);
        Map<String, byte[]> before = entries(jar);
        long oldClasses = before.entrySet().stream()
                .filter(e -> e.getKey().endsWith(".class") && !e.getKey().startsWith("META-INF/"))
                .filter(e -> ClassFileUpgrade.majorVersion(e.getValue()) < ClassFileUpgrade.TARGET_MAJOR).count();
        assertTrue(oldClasses > 100, "picocli " + CommandLine.VERSION + " is expected to ship Java 5 classes: " + oldClasses);

        int rewritten = ClassFileUpgrade.upgrade(jar);

        assertEquals(oldClasses, rewritten);
        assertEquals(mode, Files.getPosixFilePermissions(jar), "the jar keeps its permissions");
        Map<String, byte[]> after = entries(jar);
        assertEquals(new ArrayList<>(before.keySet()), new ArrayList<>(after.keySet()), "same entries in the same order");
        after.forEach((name, bytes) -> {
            if (name.endsWith(".class") && !name.startsWith("META-INF/")) {
                assertEquals(ClassFileUpgrade.TARGET_MAJOR, ClassFileUpgrade.majorVersion(bytes), name);
            } else {
                assertArrayEquals(before.get(name), bytes, name + " is copied as it was");
            }
        });
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            for (String name : after.keySet()) {
                if (name.endsWith(".class") && !name.startsWith("META-INF/")) {
                    // initializing links the class, and linking runs the type-checking verifier over its new frames
                    Class<?> c = Class.forName(name.substring(0, name.length() - ".class".length()).replace('/', '.'), true, loader);
                    assertEquals(loader, c.getClassLoader(), name + " comes from the rewritten jar");
                }
            }
            assertEquals("7", parseWith(loader, "-n", "7"));
        }
    }

    @Test
    void aJarWithNothingOldIsLeftUntouched() throws Exception {
        Path jar = copyOfPicocli();
        ClassFileUpgrade.upgrade(jar);
        FileTime time = FileTime.fromMillis(1_700_000_000_000L);
        Files.setLastModifiedTime(jar, time);
        byte[] content = Files.readAllBytes(jar);

        assertEquals(0, ClassFileUpgrade.upgrade(jar));

        assertArrayEquals(content, Files.readAllBytes(jar));
        assertEquals(time, Files.getLastModifiedTime(jar));
    }

    @Test
    void aSignedJarWithOldClassesIsRefusedAndKept() throws Exception {
        Map<String, byte[]> picocli = entries(copyOfPicocli());
        Map<String, byte[]> signed = new LinkedHashMap<>();
        signed.put("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\n".getBytes());
        signed.put("META-INF/SIGNER.SF", "Signature-Version: 1.0\n".getBytes());
        signed.put("picocli/CommandLine.class", picocli.get("picocli/CommandLine.class"));
        Path jar = write(dir.resolve("signed.jar"), signed);
        byte[] content = Files.readAllBytes(jar);

        IOException e = assertThrows(IOException.class, () -> ClassFileUpgrade.upgrade(jar));

        assertTrue(e.getMessage().contains("is signed"), e.getMessage());
        assertArrayEquals(content, Files.readAllBytes(jar));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(jar), files.filter(p -> !p.getFileName().toString().startsWith("picocli")).toList(),
                    "no temporary file is left");
        }
    }

    @Test
    void newerClassesAreNotRewritten() throws Exception {
        byte[] own;
        try (InputStream in = ClassFileUpgradeTest.class.getResourceAsStream("ClassFileUpgradeTest.class")) {
            own = in.readAllBytes();
        }
        Map<String, byte[]> content = new LinkedHashMap<>();
        content.put("dev/cairn/buildtools/ClassFileUpgradeTest.class", own);
        Path jar = write(dir.resolve("new.jar"), content);

        assertEquals(0, ClassFileUpgrade.upgrade(jar));
        assertArrayEquals(own, entries(jar).get("dev/cairn/buildtools/ClassFileUpgradeTest.class"));
    }

    /** Builds a command with one int option through the rewritten picocli and parses {@code args}; {@return the option's value} */
    private static String parseWith(ClassLoader loader, String... args) throws ReflectiveOperationException {
        Class<?> specClass = loader.loadClass("picocli.CommandLine$Model$CommandSpec");
        Class<?> optionClass = loader.loadClass("picocli.CommandLine$Model$OptionSpec");
        Class<?> builderClass = loader.loadClass("picocli.CommandLine$Model$OptionSpec$Builder");
        Object spec = specClass.getMethod("create").invoke(null);
        Object builder = optionClass.getMethod("builder", String[].class).invoke(null, (Object) new String[] {"-n"});
        Method type = builderClass.getMethod("type", Class.class);
        type.setAccessible(true);   // declared by a package-private superclass
        type.invoke(builder, int.class);
        Object option = builderClass.getMethod("build").invoke(builder);
        specClass.getMethod("addOption", optionClass).invoke(spec, option);
        Class<?> cliClass = loader.loadClass("picocli.CommandLine");
        Object cli = cliClass.getConstructor(Object.class).newInstance(spec);
        cliClass.getMethod("parseArgs", String[].class).invoke(cli, (Object) args);
        Method find = specClass.getMethod("findOption", String.class);
        return String.valueOf(optionClass.getMethod("getValue").invoke(find.invoke(spec, "-n")));
    }

    private Path copyOfPicocli() throws IOException, URISyntaxException {
        Path original = Path.of(CommandLine.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path copy = dir.resolve("picocli-" + System.nanoTime() + ".jar");
        Files.copy(original, copy);
        return copy;
    }

    private static Map<String, byte[]> entries(Path jar) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(jar); ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                entries.put(e.getName(), zip.readAllBytes());
            }
        }
        return entries;
    }

    private static Path write(Path jar, Map<String, byte[]> entries) throws IOException {
        try (OutputStream out = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return jar;
    }
}
