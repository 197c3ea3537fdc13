package dev.cairn.engine.repository;

import dev.cairn.framework.CairnException;

/**
 * A failure reading or writing a repository. {@link #kind()} says which: NOT_FOUND (no repository,
 * no such snapshot), AUTH (wrong passphrase), LOCKED, CORRUPT (with {@link #where()} naming the file
 * and offset), IO, CONFIG.
 */
public class RepositoryException extends CairnException {

    private static final long serialVersionUID = 1L;

    private final String where;

    public RepositoryException(Kind kind, String message) {
        this(kind, message, null, null);
    }

    public RepositoryException(Kind kind, String message, String where, Throwable cause) {
        super(kind, where == null ? message : message + " (" + where + ")", cause);
        this.where = where;
    }

    /** {@return a corruption error naming what and where (file and offset)} */
    public static RepositoryException corrupt(String what, String where) {
        return new RepositoryException(Kind.CORRUPT, what, where, null);
    }

    /** {@return the repository file (and offset) concerned, or {@code null}} */
    public String where() {
        return where;
    }
}
