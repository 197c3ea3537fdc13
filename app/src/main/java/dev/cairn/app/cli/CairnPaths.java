package dev.cairn.app.cli;

import java.nio.file.Path;

/**
 * Where Cairn keeps its defaults: {@code $CAIRN_DATA_HOME}, else {@code $XDG_DATA_HOME/cairn}, else
 * {@code ~/.local/share/cairn}. The default repository, its generated passphrase and the demo install
 * live there.
 */
final class CairnPaths {

    private final Path home;

    private CairnPaths(Path home) {
        this.home = home;
    }

    static CairnPaths fromEnvironment() {
        String explicit = System.getenv("CAIRN_DATA_HOME");
        if (explicit != null && !explicit.isBlank()) {
            return new CairnPaths(Path.of(explicit).toAbsolutePath());
        }
        String xdg = System.getenv("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".local", "share");
        return new CairnPaths(base.resolve("cairn").toAbsolutePath());
    }

    Path defaultRepository() {
        return home.resolve("repository");
    }

    Path defaultPassphraseFile() {
        return home.resolve("repository.passphrase");
    }

    Path demoInstall() {
        return home.resolve("demo-install");
    }

    Path demoProfile() {
        return home.resolve("demo-profile.json");
    }

    /**
     * {@return where this machine caches what can be rebuilt from repositories (the facts of their
     * snapshots): {@code $XDG_CACHE_HOME/cairn/snapshots}, else {@code ~/.cache/cairn/snapshots}}
     */
    static Path snapshotCache() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("cairn").resolve("snapshots").toAbsolutePath();
    }

    /** {@return the distribution's plugins directory, when run from a distribution} */
    static Path pluginDirectory() {
        String cairnHome = System.getProperty("cairn.home");
        return cairnHome == null ? null : Path.of(cairnHome, "plugins");
    }
}
