package dev.cairn.framework;

import java.util.Objects;

/**
 * The unchecked root of every error Cairn reports. A {@link Kind} says what went wrong in terms a
 * user (and the CLI's exit code) can act on; {@link #withContext(String, String)} adds the unit and
 * the item as the error bubbles up, so the final message names where it happened.
 */
public class CairnException extends RuntimeException {

    /** What kind of failure this is; the CLI maps each kind to a documented exit code. */
    public enum Kind {
        /** Bad command-line use. */
        USAGE,
        /** A malformed or inconsistent configuration (install profile, policy, options). */
        CONFIG,
        /** Something named does not exist: a repository, a snapshot, a file. */
        NOT_FOUND,
        /** Another operation holds a conflicting lock. */
        LOCKED,
        /** A wrong passphrase or a missing key. */
        AUTH,
        /** Stored data failed an integrity check. */
        CORRUPT,
        /** The operating system refused an I/O operation (full disk, permissions). */
        IO,
        /** A restored unit failed its smoke test; the live install was left as it was. */
        SMOKE_TEST,
        /** The operation was cancelled. */
        CANCELLED,
        /** A bug or an unexpected state. */
        INTERNAL
    }

    private static final long serialVersionUID = 1L;

    private final Kind kind;
    private final String unitId;
    private final String itemPath;

    public CairnException(Kind kind, String message) {
        this(kind, message, null, null, null);
    }

    public CairnException(Kind kind, String message, Throwable cause) {
        this(kind, message, cause, null, null);
    }

    protected CairnException(Kind kind, String message, Throwable cause, String unitId, String itemPath) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.unitId = unitId;
        this.itemPath = itemPath;
    }

    /** {@return what kind of failure this is} */
    public Kind kind() {
        return kind;
    }

    /** {@return the unit the failure happened in, or {@code null} when not known} */
    public String unitId() {
        return unitId;
    }

    /** {@return the item (install-relative path) the failure happened on, or {@code null}} */
    public String itemPath() {
        return itemPath;
    }

    /**
     * {@return a copy of this exception that also names the unit and item; values already set win}
     *
     * @param unit the unit id, or {@code null}
     * @param item the item path, or {@code null}
     */
    public CairnException withContext(String unit, String item) {
        CairnException copy = new CairnException(kind, super.getMessage(), getCause(),
                unitId != null ? unitId : unit, itemPath != null ? itemPath : item);
        copy.setStackTrace(getStackTrace());
        return copy;
    }

    @Override
    public String getMessage() {
        String base = super.getMessage();
        if (unitId == null && itemPath == null) {
            return base;
        }
        StringBuilder where = new StringBuilder(" [");
        if (unitId != null) {
            where.append("unit ").append(unitId);
        }
        if (itemPath != null) {
            where.append(unitId != null ? ", " : "").append("item ").append(itemPath);
        }
        return base + where.append(']');
    }
}
