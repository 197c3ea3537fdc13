package dev.cairn.engine.repository;

import java.util.List;

/** The key slots of a repository: each wraps the master key with a passphrase-derived key (Argon2id). */
public interface KeyManager {

    /** {@return the key slots; empty for an unencrypted repository} */
    List<KeySlot> list();

    /** Adds a slot for {@code passphrase}; {@return its id} */
    String add(char[] passphrase);

    /**
     * Removes a slot.
     *
     * @throws RepositoryException CONFIG when it is the last slot or the slot this session opened with
     */
    void remove(String slotId);

    /** Replaces the passphrase of the slot this session opened with; {@return the new slot's id} */
    String changePassphrase(char[] newPassphrase);

    /**
     * One key slot.
     *
     * @param id       slot id (file name under {@code keys/})
     * @param created  ISO-8601 creation time
     * @param current  whether this session opened the repository with it
     */
    record KeySlot(String id, String created, boolean current) { }
}
