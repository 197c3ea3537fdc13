package dev.cairn.engine.repository;

/**
 * Settings chosen at {@code cairn init}.
 *
 * @param passphrase the first key slot's passphrase, or {@code null} for an unencrypted repository
 *                   (an explicit choice: {@code --no-encryption})
 * @param argon2     key-derivation cost for the key slot
 * @param packTargetBytes target pack size (tens of MiB by default)
 */
public record RepositoryOptions(char[] passphrase, Argon2Params argon2, long packTargetBytes) {

    /** The default pack target size: 32 MiB. */
    public static final long DEFAULT_PACK_TARGET = 32L << 20;

    /** {@return options for an encrypted repository with default costs} */
    public static RepositoryOptions encrypted(char[] passphrase) {
        return new RepositoryOptions(passphrase, Argon2Params.DEFAULT, DEFAULT_PACK_TARGET);
    }

    /** {@return options for an unencrypted repository} */
    public static RepositoryOptions unencrypted() {
        return new RepositoryOptions(null, Argon2Params.DEFAULT, DEFAULT_PACK_TARGET);
    }

    /**
     * Argon2id cost parameters.
     *
     * @param memoryKiB   memory in KiB
     * @param iterations  passes
     * @param parallelism lanes
     */
    public record Argon2Params(int memoryKiB, int iterations, int parallelism) {
        /**
         * 19 MiB, 2 passes, 1 lane: one of the Argon2id configurations OWASP's password-storage guidance
         * lists as giving an equal level of defense (46 MiB x 1 pass, 19 MiB x 2, 12 MiB x 3, ...; they
         * trade memory for passes). Every command that opens a repository pays this once; 19 MiB x 2
         * costs less than 46 MiB x 1 on a cold JVM (fewer, smaller allocations: 76-99 against 108-194 ms
         * in a plain JVM, a no-change backup -80 ms in ten pairs, docs/PERFORMANCE.md), so it is the
         * default rather than restic's half-second calibration; raise it per key slot when a passphrase is
         * weak. Existing slots keep the cost they were written with.
         */
        public static final Argon2Params DEFAULT = new Argon2Params(19 * 1024, 2, 1);
        /** Cheap parameters for tests only. */
        public static final Argon2Params TESTING = new Argon2Params(1024, 1, 1);
    }
}
