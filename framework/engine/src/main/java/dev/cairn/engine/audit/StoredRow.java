package dev.cairn.engine.audit;

/**
 * One row of the audit database exactly as stored (any column may be {@code null} in a tampered
 * database). The chained hash is computed over these raw values, so verification never depends on
 * parsing them.
 */
record StoredRow(long seq, String time, String type, String actor, String host, String snapshotId,
                 String summary, String hash) {

    /** {@return this row as it would read at another position, for detecting reordered rows} */
    StoredRow atSeq(long otherSeq) {
        return new StoredRow(otherSeq, time, type, actor, host, snapshotId, summary, hash);
    }
}
