package dev.cairn.engine.snapshot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.cairn.framework.CairnException;

import java.io.IOException;

/** Turns manifests into canonical JSON bytes and back, treating the input as hostile. */
public final class ManifestCodec {

    /** Manifests larger than this are refused as corrupt rather than parsed. */
    public static final int MAX_MANIFEST_BYTES = 512 << 20;

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true);

    private ManifestCodec() {
    }

    /** {@return the manifest as UTF-8 JSON (the bytes data binding would write, by {@link ManifestJsonWriter})} */
    public static byte[] encode(Manifest manifest) {
        try {
            return ManifestJsonWriter.write(MAPPER.getFactory(), manifest);
        } catch (IOException e) {
            throw new CairnException(CairnException.Kind.INTERNAL, "cannot encode manifest", e);
        }
    }

    /** {@return the manifest as UTF-8 JSON written by data binding (what {@link #encode} must equal)} */
    static byte[] encodeByDataBinding(Manifest manifest) {
        try {
            return MAPPER.writeValueAsBytes(manifest);
        } catch (JsonProcessingException e) {
            throw new CairnException(CairnException.Kind.INTERNAL, "cannot encode manifest", e);
        }
    }

    /** {@return the manifest in {@code json} as data binding reads it (what {@link #decode} must equal)} */
    static Manifest decodeByDataBinding(byte[] json) throws IOException {
        return MAPPER.readValue(json, Manifest.class);
    }

    /** {@return the factory of the codec's parsers and generators} */
    static com.fasterxml.jackson.core.JsonFactory factory() {
        return MAPPER.getFactory();
    }

    /** {@return the manifest as indented JSON, for people} */
    public static String toPrettyJson(Manifest manifest) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(manifest);
        } catch (JsonProcessingException e) {
            throw new CairnException(CairnException.Kind.INTERNAL, "cannot encode manifest", e);
        }
    }

    /**
     * Parses a manifest: its canonical form through the streaming {@link ManifestJsonReader}, anything else
     * through data binding, which has the last word on what a manifest is.
     *
     * @param where names the source in errors (e.g. {@code snapshots/ab12...})
     * @throws CairnException CORRUPT when the bytes are not a valid manifest
     */
    public static Manifest decode(byte[] json, String where) {
        if (json.length > MAX_MANIFEST_BYTES) {
            throw corrupt("manifest of " + json.length + " bytes exceeds the limit", where, null);
        }
        try {
            Manifest m = ManifestJsonReader.read(factory(), json);
            if (m == null) {
                m = MAPPER.readValue(json, Manifest.class);
            }
            if (m == null) {
                throw corrupt("manifest is empty (JSON null)", where, null);
            }
            if (m.format() != Manifest.FORMAT) {
                throw corrupt("unsupported manifest format " + m.format(), where, null);
            }
            if (m.backupId() == null || m.createdUtc() == null || m.strategy() == null || m.rootHash() == null) {
                throw corrupt("manifest lacks backup_id, created_utc, strategy or root_hash", where, null);
            }
            return m;
        } catch (IOException e) {
            throw corrupt("manifest is not valid JSON: " + e.getMessage(), where, e);
        }
    }

    private static CairnException corrupt(String what, String where, Throwable cause) {
        return new CairnException(CairnException.Kind.CORRUPT, what + " (" + where + ")", cause);
    }
}
