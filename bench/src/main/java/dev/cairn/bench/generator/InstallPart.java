package dev.cairn.bench.generator;

/** The parts of a generated install, each written to its own install-relative location. */
public enum InstallPart {
    /** The SQLite database {@code data/app.db}. */
    DB,
    /** {@code config/}. */
    CONFIG,
    /** {@code logs/}. */
    LOGS,
    /** {@code uploads/}. */
    UPLOADS,
    /** {@code transcripts/}. */
    TRANSCRIPTS,
    /** {@code certs/}. */
    CERTS,
    /** {@code models/}. */
    MODELS
}
