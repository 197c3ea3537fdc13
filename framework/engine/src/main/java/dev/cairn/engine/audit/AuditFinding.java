package dev.cairn.engine.audit;

import java.util.Locale;
import java.util.Objects;

/**
 * One problem {@link AuditTrail#verify()} found.
 *
 * @param kind    what kind of problem
 * @param seq     the event concerned, or 0 when it concerns the trail as a whole
 * @param message what was found, for people
 */
public record AuditFinding(Kind kind, long seq, String message) {

    /** The kinds of problem; every kind but {@link #INTERRUPTED_APPEND} means the trail was tampered with or damaged. */
    public enum Kind {
        /** An event's content no longer matches the hash it was chained with. */
        MODIFIED,
        /** An event the chain vouches for is gone from the database (or from both files). */
        DELETED,
        /** The database holds an event that the chain does not vouch for. */
        INSERTED,
        /** An event sits at another position than the one it was chained at. */
        REORDERED,
        /** The sealed head vouches for more events than the trail holds: its tail was cut off. */
        TRUNCATED,
        /** The last append was cut short by a crash; the next append completes it (see {@link AuditTrail#append}). */
        INTERRUPTED_APPEND,
        /** {@code chain.log} has a malformed, misplaced or altered line. */
        CHAIN_FILE,
        /** {@code head.seal} is missing, not authentic, or disagrees with the chain. */
        SEAL,
        /** The audit database cannot be read. */
        DATABASE;

        /** {@return the lower-case name used in JSON, e.g. {@code interrupted_append}} */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public AuditFinding {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
    }
}
