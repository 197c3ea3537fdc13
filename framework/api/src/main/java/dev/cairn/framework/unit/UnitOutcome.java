package dev.cairn.framework.unit;

import java.util.Objects;

/** How a unit's backup ended. */
public sealed interface UnitOutcome permits UnitOutcome.Succeeded, UnitOutcome.Skipped, UnitOutcome.Failed {

    /** {@return a success after streaming {@code items} items} */
    static UnitOutcome succeeded(long items) {
        return new Succeeded(items);
    }

    /** {@return a skip (nothing to do, e.g. no configured path exists) with a reason} */
    static UnitOutcome skipped(String reason) {
        return new Skipped(reason);
    }

    /** {@return a failure with a message for the user and an optional cause} */
    static UnitOutcome failed(String message, Throwable cause) {
        return new Failed(message, cause);
    }

    /** The unit streamed all its items (some may have been reported as issues). */
    record Succeeded(long items) implements UnitOutcome { }

    /** The unit had nothing to back up. */
    record Skipped(String reason) implements UnitOutcome {
        public Skipped {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * The unit failed; nothing of it is in the snapshot.
     *
     * @param message for the user
     * @param cause   the underlying error, or {@code null}
     */
    record Failed(String message, Throwable cause) implements UnitOutcome {
        public Failed {
            Objects.requireNonNull(message, "message");
        }
    }
}
