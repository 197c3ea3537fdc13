package dev.cairn.buildtools;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The superclass chains the stack map frames of a jar's classes need (the common superclass of two
 * types met at a branch), read from the jar's own class files and, for the platform's types, from the
 * running JDK. Nothing is loaded or initialized: a jar's classes are only parsed.
 */
final class JarClassHierarchy {

    private static final String OBJECT = "java/lang/Object";

    private record Type(String superName, boolean isInterface) {
    }

    private final Map<String, Type> jarTypes = new HashMap<>();

    /** @param entries the jar's entries by name */
    JarClassHierarchy(Map<String, byte[]> entries) {
        entries.forEach((name, bytes) -> {
            if (name.endsWith(".class") && !name.startsWith("META-INF/") && bytes.length >= 8) {
                ClassReader reader = new ClassReader(bytes);
                jarTypes.put(reader.getClassName(),
                        new Type(reader.getSuperName(), (reader.getAccess() & Opcodes.ACC_INTERFACE) != 0));
            }
        });
    }

    /**
     * {@return the nearest common superclass of two internal type names}; {@code java/lang/Object} when
     * either is an interface (as the verifier treats interfaces)
     *
     * @throws IllegalStateException when a type is neither in the jar nor in the platform
     */
    String commonSuperClass(String type1, String type2) {
        if (type1.equals(type2)) {
            return type1;
        }
        if (type(type1).isInterface() || type(type2).isInterface()) {
            return OBJECT;
        }
        List<String> chain1 = superclassChain(type1);
        for (String candidate : superclassChain(type2)) {
            if (chain1.contains(candidate)) {
                return candidate;
            }
        }
        return OBJECT;
    }

    private List<String> superclassChain(String type) {
        List<String> chain = new ArrayList<>();
        for (String t = type; t != null; t = type(t).superName()) {
            chain.add(t);
        }
        return chain;
    }

    private Type type(String internalName) {
        Type t = jarTypes.get(internalName);
        if (t != null) {
            return t;
        }
        try {
            Class<?> c = Class.forName(internalName.replace('/', '.'), false, ClassLoader.getPlatformClassLoader());
            Class<?> s = c.getSuperclass();
            return new Type(s == null ? null : s.getName().replace('.', '/'), c.isInterface());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("type " + internalName + " is neither in the jar nor in the JDK", e);
        }
    }
}
