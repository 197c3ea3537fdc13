package dev.cairn.engine.repository.internal;

/**
 * The keys of an open repository. Encrypted repositories derive every key from the 32-byte master
 * key with {@link Crypto#subkey}; unencrypted ones only have a chunker seed and an audit key, both
 * stored in the config.
 *
 * @param master     the master key, or {@code null} when unencrypted
 * @param idKey      HMAC key for blob ids, or {@code null} (plain SHA-256 ids)
 * @param wrapKey    AES key that wraps session keys in pack headers, or {@code null}
 * @param metaKey    AES key for index and snapshot files, or {@code null}
 * @param configKey  HMAC key authenticating the config, or {@code null}
 * @param gearSeed   seed of the FastCDC gear table
 * @param auditKey   the 32-byte audit chaining key
 */
record RepositoryKeys(byte[] master, byte[] idKey, byte[] wrapKey, byte[] metaKey, byte[] configKey,
                      byte[] gearSeed, byte[] auditKey) {

    boolean encrypted() {
        return master != null;
    }

    static RepositoryKeys fromMaster(byte[] master) {
        return new RepositoryKeys(master.clone(),
                Crypto.subkey(master, "blob-id"),
                Crypto.subkey(master, "session-key-wrap"),
                Crypto.subkey(master, "metadata"),
                Crypto.subkey(master, "config"),
                Crypto.subkey(master, "chunker-gear"),
                Crypto.subkey(master, "audit"));
    }

    static RepositoryKeys plain(byte[] gearSeed, byte[] auditKey) {
        return new RepositoryKeys(null, null, null, null, null, gearSeed.clone(), auditKey.clone());
    }
}
