package dev.cairn.units.logs.internal;

import java.util.regex.Pattern;

/**
 * Tells log files apart by name. A log's base name ends {@code .log}, {@code _log} (Apache's
 * {@code access_log}) or {@code .out} ({@code catalina.out}, {@code nohup.out}). A rotated log adds a
 * number or a date ({@code app.log.1}, {@code app.log-20250101}, {@code access_log.2025-01-01}) and may
 * be compressed ({@code app.log.2.gz}, {@code app.log.gz}, also {@code .bz2 .xz .zst .zip .lz4}).
 * The active log is the base name alone: the file the application is appending to.
 */
final class LogNames {

    private static final String BASE = ".+(?:\\.log|_log|\\.out)";
    private static final String ROTATION = "(?:[.-]\\d{1,4}|[.-]\\d{4}-?\\d{2}-?\\d{2}(?:[-_T.]?\\d{2,6})?)";
    private static final String COMPRESSION = "\\.(?:gz|bz2|xz|zst|zip|lz4)";

    private static final Pattern ACTIVE = Pattern.compile(BASE, Pattern.CASE_INSENSITIVE);
    private static final Pattern ANY_LOG = Pattern.compile(BASE + ROTATION + "?(?:" + COMPRESSION + ")?", Pattern.CASE_INSENSITIVE);
    private static final Pattern GZIP = Pattern.compile(".+\\.gz", Pattern.CASE_INSENSITIVE);

    private LogNames() {
    }

    /** {@return whether {@code fileName} is an active log: uncompressed, not rotated, growing at its end} */
    static boolean isActive(String fileName) {
        return ACTIVE.matcher(fileName).matches();
    }

    /** {@return whether {@code fileName} is a log, active or rotated, compressed or not} */
    static boolean isLog(String fileName) {
        return ANY_LOG.matcher(fileName).matches();
    }

    /** {@return whether {@code fileName} is gzip-compressed} */
    static boolean isGzip(String fileName) {
        return GZIP.matcher(fileName).matches();
    }

    /** {@return the last segment of an install-relative path} */
    static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
