package dev.cairn.units.logs.internal;

import dev.cairn.framework.unit.InstallScanner;

import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;
import java.util.Set;

/**
 * Picks logs for {@code cairn init}: directories named {@code log} or {@code logs} as a whole, and
 * elsewhere files {@link LogNames#isLog named like logs} ({@code *.log}, {@code *.log.N},
 * {@code *.log.N.gz}, ...).
 */
final class LogSuggestions implements InstallScanner.Filter {

    /** How deep below the install root to look. */
    static final int MAX_DEPTH = 4;

    private static final Set<String> LOG_DIRS = Set.of("log", "logs");

    @Override
    public InstallScanner.DirectoryDecision directory(String path, BasicFileAttributes attrs) {
        return LOG_DIRS.contains(LogNames.fileName(path).toLowerCase(Locale.ROOT))
                ? InstallScanner.DirectoryDecision.SUGGEST : InstallScanner.DirectoryDecision.DESCEND;
    }

    @Override
    public boolean file(String path, BasicFileAttributes attrs) {
        return LogNames.isLog(LogNames.fileName(path));
    }
}
