package dev.cairn.engine.repository.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.engine.repository.RepositoryException;
import dev.cairn.engine.repository.RepositoryOptions.Argon2Params;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * One key slot ({@code keys/<slot id>}): JSON with the Argon2id parameters and salt, and the master key
 * wrapped as {@code AES-256-GCM(kek, nonce, master, aad = "cairn-keyslot-v1 " || repository id)} where
 * {@code kek = Argon2id(passphrase as UTF-8, salt, memory, iterations, parallelism, 32 bytes)}.
 *
 * @param created ISO-8601 creation time
 * @param argon2  key-derivation cost
 * @param salt    16 random bytes
 * @param nonce   12 random bytes
 * @param wrapped the wrapped master key (48 bytes)
 */
record KeySlotFile(String created, Argon2Params argon2, byte[] salt, byte[] nonce, byte[] wrapped) {

    static final int SALT_BYTES = 16;
    /** Hostile slots cannot ask for more than 1 GiB, 64 passes or 64 lanes. */
    static final long MAX_MEMORY_KIB = 1L << 20;
    static final int MAX_ITERATIONS = 64;
    static final int MAX_PARALLELISM = 64;

    /**
     * Checks cost parameters chosen at init against the limits readers accept.
     *
     * @throws RepositoryException CONFIG when they are out of range
     */
    static void check(Argon2Params p) {
        if (p.parallelism() < 1 || p.parallelism() > MAX_PARALLELISM || p.iterations() < 1 || p.iterations() > MAX_ITERATIONS
                || p.memoryKiB() < 8 * p.parallelism() || p.memoryKiB() > MAX_MEMORY_KIB) {
            throw new RepositoryException(dev.cairn.framework.CairnException.Kind.CONFIG, "Argon2id parameters " + p
                    + " outside memory 8*lanes..1 GiB, iterations 1..64, lanes 1..64");
        }
    }

    static KeySlotFile create(byte[] master, char[] passphrase, Argon2Params argon2, String repositoryId, String created) {
        byte[] salt = Crypto.random(SALT_BYTES);
        byte[] nonce = Crypto.random(Crypto.NONCE_BYTES);
        byte[] kek = derive(passphrase, salt, argon2);
        try {
            return new KeySlotFile(created, argon2, salt, nonce, Crypto.seal(kek, nonce, aad(repositoryId), master, 0, master.length));
        } finally {
            Crypto.wipe(kek);
        }
    }

    /** {@return the master key, or {@code null} when the passphrase does not open this slot} */
    byte[] unwrap(char[] passphrase, String repositoryId, String where) {
        byte[] kek = derive(passphrase, salt, argon2);
        try {
            return Crypto.open(kek, nonce, aad(repositoryId), wrapped, 0, wrapped.length, "key slot", where);
        } catch (RepositoryException wrongPassphrase) {
            return null;
        } finally {
            Crypto.wipe(kek);
        }
    }

    private static byte[] aad(String repositoryId) {
        return ("cairn-keyslot-v1 " + repositoryId).getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] derive(char[] passphrase, byte[] salt, Argon2Params p) {
        Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withSalt(salt)
                .withMemoryAsKB(p.memoryKiB())
                .withIterations(p.iterations())
                .withParallelism(p.parallelism())
                .build();
        Argon2BytesGenerator gen = new Argon2BytesGenerator();
        gen.init(params);
        byte[] out = new byte[Crypto.KEY_BYTES];
        gen.generateBytes(passphrase, out);
        return out;
    }

    byte[] encode() {
        ObjectNode n = Json.object();
        n.put("format", 1);
        n.put("created", created);
        n.put("kdf", "argon2id");
        n.put("memory_kib", argon2.memoryKiB());
        n.put("iterations", argon2.iterations());
        n.put("parallelism", argon2.parallelism());
        n.put("salt", Base64.getEncoder().encodeToString(salt));
        n.put("nonce", Base64.getEncoder().encodeToString(nonce));
        n.put("wrapped_key", Base64.getEncoder().encodeToString(wrapped));
        return Json.bytes(n);
    }

    static KeySlotFile decode(byte[] bytes, String where) {
        JsonNode n = Json.parse(bytes, where);
        if (Json.number(n, "format", 0, Integer.MAX_VALUE, where) != 1 || !"argon2id".equals(Json.text(n, "kdf", where))) {
            throw RepositoryException.corrupt("unsupported key slot format or kdf", where);
        }
        int parallelism = (int) Json.number(n, "parallelism", 1, MAX_PARALLELISM, where);
        Argon2Params argon2 = new Argon2Params(
                (int) Json.number(n, "memory_kib", 8L * parallelism, MAX_MEMORY_KIB, where),
                (int) Json.number(n, "iterations", 1, MAX_ITERATIONS, where),
                parallelism);
        return new KeySlotFile(Json.text(n, "created", where), argon2,
                Json.base64(n, "salt", 8, 64, where),
                Json.base64(n, "nonce", Crypto.NONCE_BYTES, Crypto.NONCE_BYTES, where),
                Json.base64(n, "wrapped_key", Crypto.KEY_BYTES + Crypto.TAG_BYTES, Crypto.KEY_BYTES + Crypto.TAG_BYTES, where));
    }
}
