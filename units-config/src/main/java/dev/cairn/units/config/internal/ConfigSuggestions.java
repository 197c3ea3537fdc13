package dev.cairn.units.config.internal;

import dev.cairn.framework.unit.InstallScanner;

import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;
import java.util.Set;

/**
 * Picks config for {@code cairn init}: directories named like config directories ({@code config},
 * {@code conf}, {@code settings}, {@code policies}, ...) as a whole, and elsewhere files whose names
 * look like config ({@link ConfigFormat}, except JSON Lines, which is data) up to {@value #MAX_BYTES}
 * bytes. Log, cache, temporary and backup directories and Python virtual environments (often a
 * directory called {@code .env}) are not looked into.
 */
final class ConfigSuggestions implements InstallScanner.Filter {

    /** Larger files are data, not settings. */
    static final long MAX_BYTES = 1L << 20;
    /** How deep below the install root to look. */
    static final int MAX_DEPTH = 4;

    private static final Set<String> CONFIG_DIRS = Set.of("config", "configs", "conf", "settings", "policies", "policy", "etc");
    private static final Set<String> NOT_CONFIG_DIRS = Set.of("log", "logs", "cache", ".cache", "tmp", "temp", "backup", "backups",
            "venv", ".venv", ".env", "site-packages");

    @Override
    public InstallScanner.DirectoryDecision directory(String path, BasicFileAttributes attrs) {
        String name = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        if (CONFIG_DIRS.contains(name)) {
            return InstallScanner.DirectoryDecision.SUGGEST;
        }
        return NOT_CONFIG_DIRS.contains(name) ? InstallScanner.DirectoryDecision.SKIP : InstallScanner.DirectoryDecision.DESCEND;
    }

    @Override
    public boolean file(String path, BasicFileAttributes attrs) {
        if (attrs.size() > MAX_BYTES) {
            return false;
        }
        return ConfigFormat.of(path.substring(path.lastIndexOf('/') + 1))
                .filter(f -> f != ConfigFormat.JSON_LINES)
                .isPresent();
    }
}
