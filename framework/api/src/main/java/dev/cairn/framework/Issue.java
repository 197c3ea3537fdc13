package dev.cairn.framework;

import java.util.Objects;

/**
 * A recoverable problem met during a plan, backup, restore or export: the run carries on and the
 * issue is shown to the user and recorded in the result.
 *
 * @param severity how serious it is
 * @param unitId   the unit that met it, or {@code null} for the engine
 * @param path     the item it concerns (install-relative), or {@code null}
 * @param message  what happened, for a person
 */
public record Issue(Severity severity, String unitId, String path, String message) {

    /** How serious an {@link Issue} is. */
    public enum Severity {
        /** Worth knowing; nothing is missing. */
        INFO,
        /** Something was handled differently than asked (a file changed while read, a file vanished). */
        WARNING,
        /** Something could not be done; the result is incomplete. */
        ERROR
    }

    public Issue {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
    }

    /** {@return a warning about {@code path} in {@code unitId}} */
    public static Issue warning(String unitId, String path, String message) {
        return new Issue(Severity.WARNING, unitId, path, message);
    }

    /** {@return an error about {@code path} in {@code unitId}} */
    public static Issue error(String unitId, String path, String message) {
        return new Issue(Severity.ERROR, unitId, path, message);
    }

    @Override
    public String toString() {
        return severity + (unitId != null ? " [" + unitId + "]" : "") + (path != null ? " " + path : "") + ": " + message;
    }
}
