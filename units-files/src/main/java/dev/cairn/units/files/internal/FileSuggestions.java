package dev.cairn.units.files.internal;

import dev.cairn.framework.unit.InstallScanner;

import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;
import java.util.Set;

/**
 * Picks user data for {@code cairn init}: directories whose names say they hold files users or the
 * application produced ({@code uploads}, {@code attachments}, {@code transcripts}, {@code media},
 * {@code files}, {@code userdata}, {@code storage}, ...), each as a whole. Loose files are left to the
 * more specific units (config, logs, databases, certificates, models).
 */
final class FileSuggestions implements InstallScanner.Filter {

    /** How deep below the install root to look. */
    static final int MAX_DEPTH = 3;

    private static final Set<String> DATA_DIRS = Set.of("uploads", "upload", "attachments", "transcripts", "recordings",
            "media", "files", "userdata", "user-data", "user_data", "storage", "documents", "exports");

    @Override
    public InstallScanner.DirectoryDecision directory(String path, BasicFileAttributes attrs) {
        String name = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        return DATA_DIRS.contains(name) ? InstallScanner.DirectoryDecision.SUGGEST : InstallScanner.DirectoryDecision.DESCEND;
    }

    @Override
    public boolean file(String path, BasicFileAttributes attrs) {
        return false;
    }
}
