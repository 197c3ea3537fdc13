package dev.cairn.engine.snapshot;

import dev.cairn.framework.CairnException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The streaming manifest reader: reads what the writer writes exactly as data binding does, and leaves
 * everything else to data binding, so decoding never changes.
 */
class ManifestJsonReaderTest {

    private static final String ID = "0123456789abcdef".repeat(4);

    @Test
    void readsRandomCanonicalManifestsAsDataBindingDoes() throws Exception {
        SplittableRandom random = new SplittableRandom(6);
        for (int n = 0; n < 300; n++) {
            Manifest m = randomManifest(random);
            byte[] json = ManifestCodec.encode(m);
            Manifest streamed = ManifestJsonReader.read(ManifestCodec.factory(), json);
            assertNotNull(streamed, "the canonical form is read by the streaming reader");
            assertEquals(ManifestCodec.decodeByDataBinding(json), streamed);
            assertEquals(m, streamed);
        }
    }

    @Test
    void readsOtherLayoutsOfTheSameFieldsAsDataBindingDoes() throws Exception {
        String item = "{\"unit\":\"files\",\"path\":\"a\",\"type\":\"file\",\"size\":3,\"source_size\":null,\"extra\":{\"x\":[1,{\"y\":null}]},"
                + "\"chunks\":[{\"length\":3,\"id\":\"" + ID + "\",\"more\":true}],\"mode\":-1,\"inode\":9007199254740993,"
                + "\"ctime_ns\":-5,\"mtime_ns\":6}";
        String json = "{ \"future_field\" : [1, 2.5, \"x\"],\n  \"items\": [" + item + "], \"format\": 1, \"backup_id\": \"" + ID + "\","
                + " \"created_utc\": \"t\", \"strategy\": \"full\", \"root_hash\": \"r\", \"includes\": null, \"governance\": {\"b\":\"2\",\"a\":\"1\"},"
                + " \"units\": [{\"id\":\"files\",\"metadata\":null}] } trailing";
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        Manifest streamed = ManifestJsonReader.read(ManifestCodec.factory(), bytes);
        assertNotNull(streamed);
        assertEquals(ManifestCodec.decodeByDataBinding(bytes), streamed);
        assertEquals(9007199254740993L, streamed.items().get(0).inode());
    }

    @Test
    void leavesWhatItCannotReadExactlyToDataBinding() throws Exception {
        String head = "{\"format\":1,\"backup_id\":\"" + ID + "\",\"created_utc\":\"t\",\"strategy\":\"full\",\"root_hash\":\"r\",";
        String prims = "\"size\":1,\"mode\":2,\"mtime_ns\":3,\"ctime_ns\":4,\"inode\":5";
        List<String> nonCanonical = List.of(
                head + "\"items\":[{\"path\":\"a\",\"mode\":2,\"mtime_ns\":3,\"ctime_ns\":4,\"inode\":5,\"size\":\"5\"}]}",          // number as a string: data binding coerces
                head + "\"items\":[{\"path\":\"a\",\"size\":1,\"mtime_ns\":3,\"ctime_ns\":4,\"inode\":5,\"mode\":420.0}]}",          // float for an int
                head + "\"items\":[{\"path\":\"a\",\"path\":\"b\"," + prims + "}]}",          // a repeated field
                head + "\"hostname\":7}",                                      // number for a string
                head + "\"governance\":{\"a\":\"1\",\"a\":\"2\"}}",            // a repeated map key
                head + "\"items\":[{\"path\":\"a\",\"source_size\":\"12\"," + prims + "}]}",
                head + "\"items\":[{\"path\":\"a\",\"chunks\":[{\"id\":\"x\",\"length\":\"4\"}]," + prims + "}]}");
        for (String json : nonCanonical) {
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            assertNull(ManifestJsonReader.read(ManifestCodec.factory(), bytes), json);
            assertEquals(ManifestCodec.decodeByDataBinding(bytes), ManifestCodec.decode(bytes, "test"), json);
        }
    }

    @Test
    void refusesWhatDataBindingRefuses() {
        String head = "{\"format\":1,\"backup_id\":\"" + ID + "\",\"created_utc\":\"t\",\"strategy\":\"full\",\"root_hash\":\"r\",";
        List<String> invalid = List.of(
                "null",
                "[]",
                head + "\"items\":[{\"path\":\"a\",\"size\":null}]}",          // null for a primitive
                head + "\"items\":[{\"path\":\"a\",\"size\":1,\"mode\":2,\"mtime_ns\":3,\"inode\":5}]}", // a primitive missing
                "{\"backup_id\":\"" + ID + "\",\"created_utc\":\"t\",\"strategy\":\"full\",\"root_hash\":\"r\"}", // no format
                head + "\"items\":[{\"path\":\"a\",\"mode\":4294967296}]}",    // out of int range
                head + "\"includes\":[\"a\",null]}",                          // a null element
                head + "\"governance\":{\"a\":null}}",                        // a null value
                head + "\"items\":[{\"path\":\"a\"}",                         // cut short
                head + "\"items\":{}}");
        for (String json : invalid) {
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            assertNull(ManifestJsonReader.read(ManifestCodec.factory(), bytes), json);
            CairnException e = assertThrows(CairnException.class, () -> ManifestCodec.decode(bytes, "test"), json);
            assertEquals(CairnException.Kind.CORRUPT, e.kind(), json);
        }
    }

    private static Manifest randomManifest(SplittableRandom r) {
        List<ManifestItem> items = new ArrayList<>();
        int n = r.nextInt(0, 20);
        for (int i = 0; i < n; i++) {
            List<ChunkRef> chunks = null;
            if (r.nextBoolean()) {
                chunks = new ArrayList<>();
                for (int c = r.nextInt(0, 4); c > 0; c--) {
                    chunks.add(new ChunkRef(maybe(r, ID), r.nextInt(Integer.MIN_VALUE, Integer.MAX_VALUE)));
                }
            }
            items.add(new ManifestItem(text(r), maybe(r, "files"), maybe(r, ManifestItem.FILE), r.nextLong(), maybe(r, ID),
                    r.nextInt(Integer.MIN_VALUE, Integer.MAX_VALUE), r.nextLong(), r.nextLong(), r.nextLong(), maybe(r, text(r)),
                    chunks, maybe(r, "c3RhdGU="), r.nextBoolean() ? null : r.nextLong(), r.nextBoolean() ? null : strings(r)));
        }
        List<Manifest.UnitRecord> units = new ArrayList<>();
        for (int u = r.nextInt(0, 3); u > 0; u--) {
            units.add(new Manifest.UnitRecord(maybe(r, "db"), maybe(r, "m"), maybe(r, "1"), maybe(r, "full"), maybe(r, ID),
                    maybe(r, "succeeded"), maybe(r, text(r)), r.nextBoolean() ? null : map(r)));
        }
        return new Manifest(r.nextInt(0, 3), maybe(r, ID), maybe(r, "2026-12-02T01:00:00Z"), maybe(r, "incremental"), maybe(r, ID),
                r.nextBoolean() ? null : strings(r), r.nextBoolean() ? null : strings(r), maybe(r, ID), maybe(r, "1"),
                maybe(r, "0.1.0"), maybe(r, text(r)), maybe(r, "/install"), r.nextBoolean() ? null : map(r), units, items,
                r.nextBoolean() ? null : strings(r));
    }

    private static String maybe(SplittableRandom r, String value) {
        return r.nextInt(4) == 0 ? null : value;
    }

    private static String text(SplittableRandom r) {
        String[] parts = {"a", "/", "\"", "\\", "\u00e9", "\u6587", "\ud83d\ude00", "\n", "\u0001", " ", "x".repeat(300)};
        StringBuilder b = new StringBuilder();
        for (int i = r.nextInt(0, 6); i > 0; i--) {
            b.append(parts[r.nextInt(parts.length)]);
        }
        return b.toString();
    }

    private static List<String> strings(SplittableRandom r) {
        List<String> out = new ArrayList<>();
        for (int i = r.nextInt(0, 4); i > 0; i--) {
            out.add(text(r));
        }
        return out;
    }

    private static Map<String, String> map(SplittableRandom r) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = r.nextInt(0, 4); i > 0; i--) {
            out.put(text(r) + i, text(r));
        }
        return out;
    }
}
