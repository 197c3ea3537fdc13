package dev.cairn.engine.snapshot;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a manifest's canonical JSON field by field through Jackson's streaming generator: the same bytes
 * as data binding ({@code ObjectMapper} on the annotated records: components in declaration order,
 * absent values left out, map entries sorted by key; a test compares the two), without data binding's
 * introspection of the records, which in a fresh JVM costs more than a backup in which nothing changed
 * does all else (docs/PERFORMANCE.md).
 */
final class ManifestJsonWriter {

    private ManifestJsonWriter() {
    }

    /** {@return {@code m} as UTF-8 JSON} */
    static byte[] write(JsonFactory factory, Manifest m) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(4096 + m.items().size() * 256);
        try (JsonGenerator g = factory.createGenerator(bytes)) {
            g.writeStartObject();
            g.writeNumberField("format", m.format());
            string(g, "backup_id", m.backupId());
            string(g, "created_utc", m.createdUtc());
            string(g, "strategy", m.strategy());
            string(g, "parent", m.parent());
            strings(g, "includes", m.includes());
            strings(g, "excludes", m.excludes());
            string(g, "root_hash", m.rootHash());
            string(g, "wf_version", m.wfVersion());
            string(g, "engine_version", m.engineVersion());
            string(g, "hostname", m.hostname());
            string(g, "install_root", m.installRoot());
            map(g, "governance", m.governance());
            g.writeArrayFieldStart("units");
            for (Manifest.UnitRecord u : m.units()) {
                unit(g, u);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("items");
            for (ManifestItem i : m.items()) {
                item(g, i);
            }
            g.writeEndArray();
            strings(g, "issues", m.issues());
            g.writeEndObject();
        }
        return bytes.toByteArray();
    }

    private static void unit(JsonGenerator g, Manifest.UnitRecord u) throws IOException {
        g.writeStartObject();
        string(g, "id", u.id());
        string(g, "module", u.module());
        string(g, "version", u.version());
        string(g, "strategy", u.strategy());
        string(g, "baseline", u.baseline());
        string(g, "outcome", u.outcome());
        string(g, "message", u.message());
        map(g, "metadata", u.metadata());
        g.writeEndObject();
    }

    private static void item(JsonGenerator g, ManifestItem i) throws IOException {
        g.writeStartObject();
        string(g, "path", i.path());
        string(g, "unit", i.unit());
        string(g, "type", i.type());
        g.writeNumberField("size", i.size());
        string(g, "sha256", i.sha256());
        g.writeNumberField("mode", i.mode());
        g.writeNumberField("mtime_ns", i.mtimeNs());
        g.writeNumberField("ctime_ns", i.ctimeNs());
        g.writeNumberField("inode", i.inode());
        string(g, "target", i.target());
        if (i.chunks() != null) {
            g.writeArrayFieldStart("chunks");
            for (ChunkRef c : i.chunks()) {
                g.writeStartObject();
                string(g, "id", c.id());
                g.writeNumberField("length", c.length());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        string(g, "hash_state", i.hashState());
        if (i.sourceSize() != null) {
            g.writeNumberField("source_size", i.sourceSize().longValue());
        }
        strings(g, "chunk_lists", i.chunkLists());
        g.writeEndObject();
    }

    /** Writes a string field unless the value is absent. */
    private static void string(JsonGenerator g, String name, String value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value);
        }
    }

    /** Writes a list of strings unless it is absent. */
    private static void strings(JsonGenerator g, String name, List<String> values) throws IOException {
        if (values == null) {
            return;
        }
        g.writeArrayFieldStart(name);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    /** Writes a map of strings with its entries sorted by key, unless it is absent. */
    private static void map(JsonGenerator g, String name, Map<String, String> values) throws IOException {
        if (values == null) {
            return;
        }
        g.writeObjectFieldStart(name);
        for (Map.Entry<String, String> e : new TreeMap<>(values).entrySet()) {
            if (e.getValue() == null) {
                g.writeNullField(e.getKey());
            } else {
                g.writeStringField(e.getKey(), e.getValue());
            }
        }
        g.writeEndObject();
    }
}
