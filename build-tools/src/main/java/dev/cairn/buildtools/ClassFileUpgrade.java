package dev.cairn.buildtools;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Rewrites, in place, the class files of a jar that are older than the Java 8 format (major version
 * 52) to that format, with the stack map frames the newer format requires computed from the code. The
 * code itself is left as it is: the same instructions, constants, attributes and entry order. A jar with
 * nothing to rewrite is not touched (its time stays, so a second run changes nothing); a signed jar with
 * something to rewrite is refused, since the rewrite would break its signature.
 *
 * <p>Why: the JVM's ahead-of-time cache (JDK 24+) and class-data sharing leave out classes older than
 * format 50 (they need the old, inferencing verifier at run time), so a dependency compiled for Java 5
 * is read from its jar, parsed and verified on every start. picocli 4.7 is built that way: 175 of its
 * classes, ~0.07-0.1 s of every Cairn command on the benchmark machine.
 *
 * <p>Usage: {@code ClassFileUpgrade JAR...}; prints how many classes of each jar were rewritten.
 */
public final class ClassFileUpgrade {

    /** The format classes are rewritten to: Java 8, the oldest that the ahead-of-time cache holds with frames. */
    static final int TARGET_MAJOR = Opcodes.V1_8;

    private ClassFileUpgrade() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            System.err.println("usage: ClassFileUpgrade JAR...");
            System.exit(2);
        }
        for (String arg : args) {
            int n = upgrade(Path.of(arg));
            System.out.println(arg + ": " + n + " class files rewritten to format " + TARGET_MAJOR);
        }
    }

    /**
     * Rewrites the old class files of {@code jar} in place (through a temporary file in its directory,
     * moved over it when complete).
     *
     * @return how many class files were rewritten (0: the jar was left untouched)
     * @throws IOException when the jar cannot be read or written, or it is signed and has old classes
     */
    public static int upgrade(Path jar) throws IOException {
        Map<String, byte[]> entries = readEntries(jar);
        List<String> old = entries.entrySet().stream().filter(e -> isOldClass(e.getKey(), e.getValue())).map(Map.Entry::getKey).toList();
        if (old.isEmpty()) {
            return 0;
        }
        if (entries.keySet().stream().anyMatch(ClassFileUpgrade::isSignatureFile)) {
            throw new IOException(jar + " is signed; rewriting " + old.size() + " of its classes would break the signature");
        }
        JarClassHierarchy hierarchy = new JarClassHierarchy(entries);
        Map<String, byte[]> rewritten = new LinkedHashMap<>();
        for (String name : old) {
            rewritten.put(name, rewrite(entries.get(name), hierarchy));
        }
        Path temp = Files.createTempFile(jar.toAbsolutePath().getParent(), jar.getFileName().toString(), ".tmp");
        try {
            writeEntries(jar, temp, rewritten);
            keepPermissions(jar, temp);
            Files.move(temp, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
        return rewritten.size();
    }

    /** Gives {@code copy} the permissions of {@code original} (a temporary file is created readable by its owner only). */
    private static void keepPermissions(Path original, Path copy) throws IOException {
        if (Files.getFileStore(original).supportsFileAttributeView(PosixFileAttributeView.class)) {
            Files.setPosixFilePermissions(copy, Files.getPosixFilePermissions(original));
        }
    }

    /** {@return the major version of a class file} */
    static int majorVersion(byte[] classFile) {
        return ((classFile[6] & 0xff) << 8) | (classFile[7] & 0xff);
    }

    private static boolean isOldClass(String name, byte[] bytes) {
        // Versioned entries (META-INF/versions/N/) are for Java 9 and later, so never older than format 53.
        return name.endsWith(".class") && !name.startsWith("META-INF/") && bytes.length >= 8
                && (bytes[0] & 0xff) == 0xCA && (bytes[1] & 0xff) == 0xFE && majorVersion(bytes) < TARGET_MAJOR;
    }

    private static boolean isSignatureFile(String name) {
        if (!name.startsWith("META-INF/") || name.indexOf('/', "META-INF/".length()) >= 0) {
            return false;
        }
        return name.endsWith(".SF") || name.endsWith(".RSA") || name.endsWith(".DSA") || name.endsWith(".EC");
    }

    private static byte[] rewrite(byte[] classFile, JarClassHierarchy hierarchy) {
        ClassReader reader = new ClassReader(classFile);
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES) {
            @Override
            protected String getCommonSuperClass(String type1, String type2) {
                return hierarchy.commonSuperClass(type1, type2);
            }
        };
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
                super.visit(TARGET_MAJOR, access, name, signature, superName, interfaces);
            }
        }, 0);
        return writer.toByteArray();
    }

    private static Map<String, byte[]> readEntries(Path jar) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(jar); ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                if (entries.put(e.getName(), e.isDirectory() ? new byte[0] : zip.readAllBytes()) != null) {
                    throw new IOException(jar + " holds the entry " + e.getName() + " twice");
                }
            }
        }
        return entries;
    }

    /** Copies {@code jar} to {@code target} entry by entry (names, order, times), with {@code replaced} contents. */
    private static void writeEntries(Path jar, Path target, Map<String, byte[]> replaced) throws IOException {
        try (InputStream in = Files.newInputStream(jar); ZipInputStream zip = new ZipInputStream(in);
             OutputStream out = Files.newOutputStream(target); ZipOutputStream copy = new ZipOutputStream(out)) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                byte[] content = replaced.containsKey(e.getName()) ? replaced.get(e.getName()) : zip.readAllBytes();
                ZipEntry written = new ZipEntry(e.getName());
                written.setTime(e.getTime());
                copy.putNextEntry(written);
                copy.write(content);
                copy.closeEntry();
            }
        }
    }
}
