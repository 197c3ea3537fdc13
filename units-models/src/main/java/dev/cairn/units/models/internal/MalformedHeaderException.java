package dev.cairn.units.models.internal;

/** A model file's header cannot be read as its format says; the file is then stored as plain bytes. */
final class MalformedHeaderException extends Exception {

    MalformedHeaderException(String message) {
        super(message);
    }

    MalformedHeaderException(String message, Throwable cause) {
        super(message, cause);
    }
}
