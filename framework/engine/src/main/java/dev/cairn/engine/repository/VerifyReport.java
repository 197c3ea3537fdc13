package dev.cairn.engine.repository;

import java.util.List;
import java.util.Set;

/**
 * The result of a verify.
 *
 * @param problems          every problem found; empty when the repository is sound
 * @param snapshotsChecked  snapshots whose structure was checked
 * @param blobsRead         blobs read and re-hashed
 * @param bytesRead         stored bytes read
 */
public record VerifyReport(List<Problem> problems, int snapshotsChecked, long blobsRead, long bytesRead) {

    public VerifyReport {
        problems = List.copyOf(problems);
    }

    /** {@return whether nothing was found wrong} */
    public boolean ok() {
        return problems.isEmpty();
    }

    /**
     * One problem.
     *
     * @param kind      what kind
     * @param where     the repository file (pack, index, snapshot) it was found in
     * @param message   for the user
     * @param snapshots the snapshot ids affected
     * @param files     the install-relative file paths affected
     */
    public record Problem(Kind kind, String where, String message, Set<String> snapshots, Set<String> files) {
        public Problem {
            snapshots = Set.copyOf(snapshots);
            files = Set.copyOf(files);
        }
    }

    /** The kinds of problems verify reports. */
    public enum Kind {
        /** A referenced blob is in no index. */
        MISSING_BLOB,
        /** An index entry points into a pack that does not exist or is too short. */
        MISSING_PACK,
        /** A blob's bytes do not authenticate or do not hash to its id. */
        DAMAGED_BLOB,
        /** A pack, index or snapshot file cannot be parsed or authenticated. */
        DAMAGED_FILE,
        /** A file's content does not hash to the manifest's sha256, or the root hash does not match. */
        CONTENT_MISMATCH,
        /** A snapshot file is not the one recorded under its name (e.g. an older one put back). */
        SNAPSHOT_REPLACED
    }
}
