package dev.cairn.engine;

/** The engine's version, recorded in every manifest. */
public final class EngineVersion {

    /** The version of this build, from the module descriptor or the jar manifest; "dev" when run from classes. */
    public static final String VERSION = detect();

    private EngineVersion() {
    }

    private static String detect() {
        Module m = EngineVersion.class.getModule();
        if (m.getDescriptor() != null && m.getDescriptor().version().isPresent()) {
            return m.getDescriptor().version().get().toString();
        }
        Package p = EngineVersion.class.getPackage();
        return p != null && p.getImplementationVersion() != null ? p.getImplementationVersion() : "0.1.0-SNAPSHOT";
    }
}
