package dev.cairn.units.db.internal;

import dev.cairn.framework.CairnException;
import dev.cairn.framework.ConfigView;

/**
 * The {@code db} unit's options, read from its {@link ConfigView} (the {@code options} of its entry in
 * the install profile). Every value is checked here, so a bad one stops the unit with a
 * {@link CairnException.Kind#CONFIG} error that names the option before any database is touched.
 *
 * <table>
 *   <caption>Options</caption>
 *   <tr><th>Key</th><th>Default</th><th>Meaning</th></tr>
 *   <tr><td>{@code busy_timeout_ms}</td><td>5000</td><td>how long a statement of the unit waits for a lock the
 *       application holds ({@code PRAGMA busy_timeout}); 0..600000</td></tr>
 *   <tr><td>{@code deadline_ms}</td><td>10000</td><td>how long the Online Backup API may keep retrying a busy
 *       source before the unit falls back to {@code VACUUM INTO}; 1..3600000</td></tr>
 *   <tr><td>{@code page_aligned}</td><td>true</td><td>cut the copy into fixed chunks aligned to the page size
 *       (best deduplication); {@code false} uses the repository's content-defined chunks</td></tr>
 *   <tr><td>{@code quick_check}</td><td>false</td><td>run {@code PRAGMA quick_check} on the consistent copy
 *       before storing it; a failure fails the unit and names the database</td></tr>
 * </table>
 *
 * @param busyTimeoutMs milliseconds a statement waits for a lock
 * @param deadlineMs    milliseconds the backup API may retry before the fallback
 * @param pageAligned   whether to use page-aligned fixed chunks
 * @param quickCheck    whether to check the copy before storing it
 */
record SqliteOptions(long busyTimeoutMs, long deadlineMs, boolean pageAligned, boolean quickCheck) {

    static final String BUSY_TIMEOUT_MS = "busy_timeout_ms";
    static final String DEADLINE_MS = "deadline_ms";
    static final String PAGE_ALIGNED = "page_aligned";
    static final String QUICK_CHECK = "quick_check";

    static final long DEFAULT_BUSY_TIMEOUT_MS = 5_000;
    static final long DEFAULT_DEADLINE_MS = 10_000;
    static final long MAX_BUSY_TIMEOUT_MS = 600_000;
    static final long MAX_DEADLINE_MS = 3_600_000;

    /** {@return the defaults} */
    static SqliteOptions defaults() {
        return new SqliteOptions(DEFAULT_BUSY_TIMEOUT_MS, DEFAULT_DEADLINE_MS, true, false);
    }

    /**
     * Reads and checks the options.
     *
     * @throws CairnException of kind {@link CairnException.Kind#CONFIG} naming the first bad option
     */
    static SqliteOptions from(ConfigView config) {
        long busy = config.getLong(BUSY_TIMEOUT_MS, DEFAULT_BUSY_TIMEOUT_MS);
        requireRange(config, BUSY_TIMEOUT_MS, busy, 0, MAX_BUSY_TIMEOUT_MS);
        long deadline = config.getLong(DEADLINE_MS, DEFAULT_DEADLINE_MS);
        requireRange(config, DEADLINE_MS, deadline, 1, MAX_DEADLINE_MS);
        boolean pageAligned = config.getBoolean(PAGE_ALIGNED, true);
        boolean quickCheck = config.getBoolean(QUICK_CHECK, false);
        return new SqliteOptions(busy, deadline, pageAligned, quickCheck);
    }

    private static void requireRange(ConfigView config, String key, long value, long min, long max) {
        if (value < min || value > max) {
            throw new CairnException(CairnException.Kind.CONFIG, "option "
                    + (config.prefix().isEmpty() ? "" : config.prefix() + ".") + key + " is " + value
                    + "; expected " + min + ".." + max);
        }
    }
}
