package dev.cairn.engine.snapshot;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a manifest in the canonical form {@link ManifestJsonWriter} writes, through Jackson's streaming
 * parser: the counterpart of the writer, without data binding's introspection of the records, which in a
 * fresh JVM took 120 ms of a restore's start (docs/PERFORMANCE.md).
 *
 * <p>It reads only what it can read exactly as data binding would: each known field with the token
 * type the writer uses (a string, an integral number in range, an array or object of those, or
 * {@code null} where data binding allows it), every primitive field present, unknown fields skipped as
 * data binding is configured to skip them. Anything else (a number given as a string, a repeated field,
 * a value a record refuses) makes it answer {@code null}, and {@link ManifestCodec#decode} then lets data binding decide, so no manifest
 * that data binding reads is read differently or refused.
 */
final class ManifestJsonReader {

    /** The input is not in the canonical form: data binding decides. */
    private static final class NotCanonical extends Exception {
        private static final long serialVersionUID = 1L;

        NotCanonical() {
            super(null, null, false, false);
        }
    }

    private static final NotCanonical NOT_CANONICAL = new NotCanonical();

    private final JsonParser p;

    private ManifestJsonReader(JsonParser p) {
        this.p = p;
    }

    /** {@return the manifest in {@code json}, or {@code null} when it is not in the canonical form} */
    static Manifest read(JsonFactory factory, byte[] json) {
        try (JsonParser p = factory.createParser(json)) {
            return new ManifestJsonReader(p).manifest();
        } catch (NotCanonical | IOException | RuntimeException e) {
            return null;
        }
    }

    private Manifest manifest() throws IOException, NotCanonical {
        expect(p.nextToken(), JsonToken.START_OBJECT);
        int format = 0;
        String backupId = null;
        String createdUtc = null;
        String strategy = null;
        String parent = null;
        List<String> includes = null;
        List<String> excludes = null;
        String rootHash = null;
        String wfVersion = null;
        String engineVersion = null;
        String hostname = null;
        String installRoot = null;
        Map<String, String> governance = null;
        List<Manifest.UnitRecord> units = null;
        List<ManifestItem> items = null;
        List<String> issues = null;
        Seen seen = new Seen();
        for (String name; (name = p.nextFieldName()) != null; ) {
            JsonToken t = p.nextToken();
            switch (name) {
                case "format" -> format = intValue(t, seen.first(0));
                case "backup_id" -> backupId = string(t, seen.first(1));
                case "created_utc" -> createdUtc = string(t, seen.first(2));
                case "strategy" -> strategy = string(t, seen.first(3));
                case "parent" -> parent = string(t, seen.first(4));
                case "includes" -> includes = list(t, seen.first(5), this::string);
                case "excludes" -> excludes = list(t, seen.first(6), this::string);
                case "root_hash" -> rootHash = string(t, seen.first(7));
                case "wf_version" -> wfVersion = string(t, seen.first(8));
                case "engine_version" -> engineVersion = string(t, seen.first(9));
                case "hostname" -> hostname = string(t, seen.first(10));
                case "install_root" -> installRoot = string(t, seen.first(11));
                case "governance" -> governance = map(t, seen.first(12));
                case "units" -> units = list(t, seen.first(13), this::unit);
                case "items" -> items = list(t, seen.first(14), this::item);
                case "issues" -> issues = list(t, seen.first(15), this::string);
                default -> p.skipChildren();
            }
        }
        expect(p.currentToken(), JsonToken.END_OBJECT);
        seen.require(0);
        return new Manifest(format, backupId, createdUtc, strategy, parent, includes, excludes, rootHash, wfVersion,
                engineVersion, hostname, installRoot, governance, units, items, issues);
    }

    private Manifest.UnitRecord unit(JsonToken t) throws IOException, NotCanonical {
        expect(t, JsonToken.START_OBJECT);
        String id = null;
        String module = null;
        String version = null;
        String strategy = null;
        String baseline = null;
        String outcome = null;
        String message = null;
        Map<String, String> metadata = null;
        Seen seen = new Seen();
        for (String name; (name = p.nextFieldName()) != null; ) {
            JsonToken v = p.nextToken();
            switch (name) {
                case "id" -> id = string(v, seen.first(0));
                case "module" -> module = string(v, seen.first(1));
                case "version" -> version = string(v, seen.first(2));
                case "strategy" -> strategy = string(v, seen.first(3));
                case "baseline" -> baseline = string(v, seen.first(4));
                case "outcome" -> outcome = string(v, seen.first(5));
                case "message" -> message = string(v, seen.first(6));
                case "metadata" -> metadata = map(v, seen.first(7));
                default -> p.skipChildren();
            }
        }
        return new Manifest.UnitRecord(id, module, version, strategy, baseline, outcome, message, metadata);
    }

    private ManifestItem item(JsonToken start) throws IOException, NotCanonical {
        expect(start, JsonToken.START_OBJECT);
        String path = null;
        String unit = null;
        String type = null;
        long size = 0;
        String sha256 = null;
        int mode = 0;
        long mtimeNs = 0;
        long ctimeNs = 0;
        long inode = 0;
        String target = null;
        List<ChunkRef> chunks = null;
        String hashState = null;
        Long sourceSize = null;
        List<String> chunkLists = null;
        Seen seen = new Seen();
        for (String name; (name = p.nextFieldName()) != null; ) {
            JsonToken t = p.nextToken();
            switch (name) {
                case "path" -> path = string(t, seen.first(0));
                case "unit" -> unit = string(t, seen.first(1));
                case "type" -> type = string(t, seen.first(2));
                case "size" -> size = longValue(t, seen.first(3));
                case "sha256" -> sha256 = string(t, seen.first(4));
                case "mode" -> mode = intValue(t, seen.first(5));
                case "mtime_ns" -> mtimeNs = longValue(t, seen.first(6));
                case "ctime_ns" -> ctimeNs = longValue(t, seen.first(7));
                case "inode" -> inode = longValue(t, seen.first(8));
                case "target" -> target = string(t, seen.first(9));
                case "chunks" -> chunks = list(t, seen.first(10), this::chunk);
                case "hash_state" -> hashState = string(t, seen.first(11));
                case "source_size" -> sourceSize = boxedLong(t, seen.first(12));
                case "chunk_lists" -> chunkLists = list(t, seen.first(13), this::string);
                default -> p.skipChildren();
            }
        }
        seen.require(3, 5, 6, 7, 8);
        return new ManifestItem(path, unit, type, size, sha256, mode, mtimeNs, ctimeNs, inode, target, chunks, hashState,
                sourceSize, chunkLists);
    }

    private ChunkRef chunk(JsonToken t) throws IOException, NotCanonical {
        expect(t, JsonToken.START_OBJECT);
        String id = null;
        int length = 0;
        Seen seen = new Seen();
        for (String name; (name = p.nextFieldName()) != null; ) {
            JsonToken v = p.nextToken();
            switch (name) {
                case "id" -> id = string(v, seen.first(0));
                case "length" -> length = intValue(v, seen.first(1));
                default -> p.skipChildren();
            }
        }
        seen.require(1);
        return new ChunkRef(id, length);
    }

    /** Reads one element of a list, given its first token. */
    private interface Element<T> {
        T read(JsonToken t) throws IOException, NotCanonical;
    }

    /** {@return whether a field's value is {@code null}}, refusing a field met before */
    private static boolean isNull(JsonToken t, boolean first) throws NotCanonical {
        if (!first) {
            throw NOT_CANONICAL;
        }
        return t == JsonToken.VALUE_NULL;
    }

    /** {@return the array starting at {@code t}, each element read by {@code element}, or {@code null}} */
    private <T> List<T> list(JsonToken t, boolean first, Element<T> element) throws IOException, NotCanonical {
        if (isNull(t, first)) {
            return null;
        }
        expect(t, JsonToken.START_ARRAY);
        List<T> out = new ArrayList<>();
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            out.add(element.read(t));
        }
        return out;
    }

    /** {@return a list element that must be a string} */
    private String string(JsonToken t) throws IOException, NotCanonical {
        expect(t, JsonToken.VALUE_STRING);
        return p.getText();
    }

    private Map<String, String> map(JsonToken t, boolean first) throws IOException, NotCanonical {
        if (isNull(t, first)) {
            return null;
        }
        expect(t, JsonToken.START_OBJECT);
        Map<String, String> out = new HashMap<>();
        for (String name; (name = p.nextFieldName()) != null; ) {
            if (out.put(name, string(p.nextToken())) != null) {
                throw NOT_CANONICAL;
            }
        }
        return out;
    }

    private String string(JsonToken t, boolean first) throws IOException, NotCanonical {
        return isNull(t, first) ? null : string(t);
    }

    private int intValue(JsonToken t, boolean first) throws IOException, NotCanonical {
        if (!first || t != JsonToken.VALUE_NUMBER_INT || p.getNumberType() != JsonParser.NumberType.INT) {
            throw NOT_CANONICAL;
        }
        return p.getIntValue();
    }

    private long longValue(JsonToken t, boolean first) throws IOException, NotCanonical {
        if (!first || t != JsonToken.VALUE_NUMBER_INT
                || (p.getNumberType() != JsonParser.NumberType.INT && p.getNumberType() != JsonParser.NumberType.LONG)) {
            throw NOT_CANONICAL;
        }
        return p.getLongValue();
    }

    private Long boxedLong(JsonToken t, boolean first) throws IOException, NotCanonical {
        return isNull(t, first) ? null : longValue(t, true);
    }

    private static void expect(JsonToken actual, JsonToken expected) throws NotCanonical {
        if (actual != expected) {
            throw NOT_CANONICAL;
        }
    }

    /**
     * The fields of one object met so far: a field met twice, or a primitive one missing (which data binding
     * refuses, as the codec does not allow {@code null} for primitives), is left to data binding.
     */
    private static final class Seen {
        private int bits;

        /** {@return whether field {@code index} is met for the first time} (and records it) */
        boolean first(int index) {
            int bit = 1 << index;
            boolean first = (bits & bit) == 0;
            bits |= bit;
            return first;
        }

        void require(int... indexes) throws NotCanonical {
            for (int index : indexes) {
                if ((bits & (1 << index)) == 0) {
                    throw NOT_CANONICAL;
                }
            }
        }
    }
}
