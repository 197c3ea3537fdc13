package dev.cairn.engine.repository.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.engine.repository.RepositoryException;
import dev.cairn.framework.CairnException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The {@code config} file: JSON with the format version, repository id, encryption flag, chunker
 * sizes and pack target. Unencrypted repositories also keep their chunker seed and audit key here;
 * encrypted ones carry {@code mac}, an HMAC-SHA256 under the config key over {@link #macText()}, so the
 * parameters cannot be changed without the master key.
 *
 * @param format     the repository format version ({@link #FORMAT})
 * @param id         repository id (64 hex)
 * @param created    ISO-8601 creation time
 * @param encrypted  whether encrypted
 * @param chunker    content-defined chunking sizes
 * @param large      large content-defined chunking sizes
 * @param packTarget target pack size in bytes
 * @param chunkerSeed the gear seed (unencrypted repositories), or {@code null}
 * @param auditKey   the audit key (unencrypted repositories), or {@code null}
 * @param mac        the config MAC (encrypted repositories), or {@code null}
 */
record RepositoryConfig(int format, String id, String created, boolean encrypted, ChunkerParams chunker, ChunkerParams large,
                        long packTarget, byte[] chunkerSeed, byte[] auditKey, byte[] mac) {

    /** The repository format this code writes and reads. */
    static final int FORMAT = 1;
    static final long MIN_PACK_TARGET = 64 << 10;
    static final long MAX_PACK_TARGET = 1L << 30;

    String macText() {
        return "cairn-config-v1\nformat=" + format + "\nid=" + id + "\ncreated=" + created + "\nencrypted=" + encrypted
                + "\nchunker=" + chunker.min() + "/" + chunker.avg() + "/" + chunker.max()
                + "\nlarge_chunker=" + large.min() + "/" + large.avg() + "/" + large.max()
                + "\npack_target=" + packTarget + "\n";
    }

    byte[] computeMac(RepositoryKeys keys) {
        return Crypto.hmac(keys.configKey(), macText().getBytes(StandardCharsets.UTF_8));
    }

    RepositoryConfig withMac(byte[] newMac) {
        return new RepositoryConfig(format, id, created, encrypted, chunker, large, packTarget, chunkerSeed, auditKey, newMac);
    }

    /** Checks the MAC of an encrypted repository's config against its keys. */
    void authenticate(RepositoryKeys keys, String where) {
        if (encrypted && !MessageDigest.isEqual(computeMac(keys), mac)) {
            throw RepositoryException.corrupt("config does not authenticate: it was changed without the key", where);
        }
    }

    byte[] encode() {
        ObjectNode n = Json.object();
        n.put("format", format);
        n.put("id", id);
        n.put("created", created);
        n.put("encrypted", encrypted);
        n.set("chunker", sizes(chunker));
        n.set("large_chunker", sizes(large));
        n.put("pack_target", packTarget);
        if (encrypted) {
            n.put("mac", Hex.of(mac));
        } else {
            n.put("chunker_seed", Hex.of(chunkerSeed));
            n.put("audit_key", Hex.of(auditKey));
        }
        return Json.bytes(n);
    }

    private static ObjectNode sizes(ChunkerParams p) {
        ObjectNode n = Json.object();
        n.put("min", p.min());
        n.put("avg", p.avg());
        n.put("max", p.max());
        return n;
    }

    static RepositoryConfig decode(byte[] bytes, String where) {
        JsonNode n = Json.parse(bytes, where);
        int format = (int) Json.number(n, "format", 0, Integer.MAX_VALUE, where);
        if (format != FORMAT) {
            throw new RepositoryException(CairnException.Kind.CONFIG, "repository format " + format
                    + " is not supported by this Cairn (it reads format " + FORMAT + "); use a Cairn release that does", where, null);
        }
        String id = Hex.of(Json.hexId(n, "id", where));
        String created = Json.text(n, "created", where);
        boolean encrypted = Json.bool(n, "encrypted", where);
        ChunkerParams chunker = sizes(n.get("chunker"), "chunker", where);
        ChunkerParams large = sizes(n.get("large_chunker"), "large_chunker", where);
        long packTarget = Json.number(n, "pack_target", MIN_PACK_TARGET, MAX_PACK_TARGET, where);
        if (encrypted) {
            return new RepositoryConfig(format, id, created, true, chunker, large, packTarget, null, null, Json.hexId(n, "mac", where));
        }
        return new RepositoryConfig(format, id, created, false, chunker, large, packTarget,
                Json.hexId(n, "chunker_seed", where), Json.hexId(n, "audit_key", where), null);
    }

    private static ChunkerParams sizes(JsonNode n, String field, String where) {
        if (n == null || !n.isObject()) {
            throw RepositoryException.corrupt("field '" + field + "' is missing", where);
        }
        int min = (int) Json.number(n, "min", 64, ChunkerParams.MAX_BLOB, where);
        int avg = (int) Json.number(n, "avg", 64, ChunkerParams.MAX_BLOB, where);
        int max = (int) Json.number(n, "max", 64, ChunkerParams.MAX_BLOB, where);
        try {
            return new ChunkerParams(min, avg, max);
        } catch (IllegalArgumentException e) {
            throw RepositoryException.corrupt("field '" + field + "': " + e.getMessage(), where);
        }
    }
}
