package dev.cairn.engine.repository.internal;

import dev.cairn.engine.repository.KeyManager;
import dev.cairn.engine.repository.RepositoryException;
import dev.cairn.engine.repository.RepositoryOptions.Argon2Params;
import dev.cairn.framework.CairnException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The {@code keys/} directory. New slots use the Argon2id cost of the slot this session opened with.
 * Slot ids are 32 random hex characters.
 */
final class KeySlots implements KeyManager {

    /** The result of opening: the master key and the slot that opened it. */
    record Opened(byte[] master, String slotId, Argon2Params argon2) { }

    private final Path dir;
    private final String repositoryId;
    private final byte[] master;
    private final Argon2Params argon2;
    private volatile String current;

    KeySlots(Path dir, String repositoryId, byte[] master, String current, Argon2Params argon2) {
        this.dir = dir;
        this.repositoryId = repositoryId;
        this.master = master;
        this.current = current;
        this.argon2 = argon2;
    }

    /** A key manager of an unencrypted repository: no slots, and adding one is refused. */
    static KeyManager none() {
        return new KeyManager() {
            @Override
            public List<KeySlot> list() {
                return List.of();
            }

            @Override
            public String add(char[] passphrase) {
                throw unencrypted();
            }

            @Override
            public void remove(String slotId) {
                throw unencrypted();
            }

            @Override
            public String changePassphrase(char[] newPassphrase) {
                throw unencrypted();
            }

            private RepositoryException unencrypted() {
                return new RepositoryException(CairnException.Kind.CONFIG, "the repository is not encrypted; it has no key slots");
            }
        };
    }

    static String write(Path dir, byte[] master, char[] passphrase, Argon2Params argon2, String repositoryId) {
        String id = Hex.of(Crypto.random(16));
        KeySlotFile slot = KeySlotFile.create(master, passphrase, argon2, repositoryId, Instant.now().toString());
        AtomicFiles.publish(dir.resolve(id), slot.encode(), false);
        return id;
    }

    /**
     * Tries every slot with {@code passphrase}.
     *
     * @throws RepositoryException AUTH when no slot opens
     */
    static Opened open(Path dir, char[] passphrase, String repositoryId) {
        if (passphrase == null || passphrase.length == 0) {
            throw new RepositoryException(CairnException.Kind.AUTH, "the repository is encrypted: a passphrase is required");
        }
        List<String> ids = slotIds(dir);
        if (ids.isEmpty()) {
            throw new RepositoryException(CairnException.Kind.AUTH, "the repository has no key slots, so no passphrase can open it", "keys/", null);
        }
        RepositoryException firstCorrupt = null;
        int readable = 0;
        for (String id : ids) {
            String where = "keys/" + id;
            try {
                KeySlotFile slot = KeySlotFile.decode(Json.readSmall(dir.resolve(id), where), where);
                readable++;
                byte[] master = slot.unwrap(passphrase, repositoryId, where);
                if (master != null) {
                    if (master.length != Crypto.KEY_BYTES) {
                        throw RepositoryException.corrupt("wrapped master key has " + master.length + " bytes", where);
                    }
                    return new Opened(master, id, slot.argon2());
                }
            } catch (RepositoryException e) {
                firstCorrupt = firstCorrupt == null ? e : firstCorrupt;
            } catch (IOException e) {
                throw AtomicFiles.io("cannot read key slot", dir.resolve(id), e);
            }
        }
        if (readable == 0) {
            throw new RepositoryException(CairnException.Kind.CORRUPT, "no key slot can be read: " + firstCorrupt.getMessage(),
                    null, firstCorrupt);
        }
        throw new RepositoryException(CairnException.Kind.AUTH, "wrong passphrase: none of the " + ids.size()
                + " key slot(s) opens with it" + (firstCorrupt == null ? "" : "; a slot was unreadable: " + firstCorrupt.getMessage()),
                null, firstCorrupt);
    }

    static List<String> slotIds(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.matches("[0-9a-f]{32}")).sorted().toList();
        } catch (java.nio.file.NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw AtomicFiles.io("cannot list key slots", dir, e);
        }
    }

    @Override
    public List<KeySlot> list() {
        List<KeySlot> out = new ArrayList<>();
        for (String id : slotIds(dir)) {
            String where = "keys/" + id;
            try {
                KeySlotFile slot = KeySlotFile.decode(Json.readSmall(dir.resolve(id), where), where);
                out.add(new KeySlot(id, slot.created(), id.equals(current)));
            } catch (IOException e) {
                throw AtomicFiles.io("cannot read key slot", dir.resolve(id), e);
            }
        }
        return out;
    }

    @Override
    public String add(char[] passphrase) {
        if (passphrase == null || passphrase.length == 0) {
            throw new RepositoryException(CairnException.Kind.CONFIG, "a key slot needs a non-empty passphrase");
        }
        return write(dir, master, passphrase, argon2, repositoryId);
    }

    @Override
    public synchronized void remove(String slotId) {
        List<String> ids = slotIds(dir);
        if (slotId == null || !ids.contains(slotId)) {
            throw new RepositoryException(CairnException.Kind.NOT_FOUND, "no key slot " + slotId);
        }
        if (slotId.equals(current)) {
            throw new RepositoryException(CairnException.Kind.CONFIG, "key slot " + slotId
                    + " opened this session; open the repository with another passphrase to remove it");
        }
        if (ids.size() == 1) {
            throw new RepositoryException(CairnException.Kind.CONFIG, "key slot " + slotId + " is the last one; the repository would become unreadable");
        }
        AtomicFiles.deleteDurably(dir.resolve(slotId));
    }

    @Override
    public synchronized String changePassphrase(char[] newPassphrase) {
        String added = add(newPassphrase);
        String old = current;
        current = added;
        AtomicFiles.deleteDurably(dir.resolve(old));
        return added;
    }
}
