package dev.cairn.engine.snapshot;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The streaming manifest writer: byte for byte what data binding writes, and read back as written. */
class ManifestJsonWriterTest {

    private static final String ID = "0123456789abcdef".repeat(4);

    private static List<ManifestItem> items() {
        return List.of(
                new ManifestItem("config", "config", ManifestItem.DIR, 0, null, 0755, 1, -1, -1, null, null, null, null, null),
                new ManifestItem("config/app.json", "config", ManifestItem.FILE, 91, ID, 0644, 5, 6, 7, null,
                        List.of(new ChunkRef(ID, 91)), null, null, null),
                new ManifestItem("config/link", "config", ManifestItem.SYMLINK, 0, ID, -1, 1, 2, 3, "app.json",
                        null, null, null, null),
                new ManifestItem("db/app.db", "db", ManifestItem.FILE, Long.MAX_VALUE, ID, 0600, Long.MIN_VALUE, 0, 0,
                        null, null, "c3RhdGU=", 123_456_789_012L, List.of(ID, ID)),
                new ManifestItem("logs/\"quoted\" \\ \u00e9\u6587\ud83d\ude00\n\t\u0001", "logs", ManifestItem.FILE, 0, "", 0, 0, 0, 0,
                        "", List.of(), "", 0L, List.of()));
    }

    private static Manifest manifest(String id, String parent, List<ManifestItem> items, Map<String, String> governance,
                                     List<Manifest.UnitRecord> units, List<String> issues) {
        return new Manifest(Manifest.FORMAT, id, "2026-12-02T01:00:00.123Z", "incremental", parent, List.of("/", "db"),
                List.of("*.tmp"), MerkleRoot.of(items), Manifest.WF_VERSION, "0.1.0", "host", "/install", governance, units,
                items, issues);
    }

    @Test
    void writesTheBytesDataBindingWrites() {
        Map<String, String> governance = new LinkedHashMap<>();
        governance.put("profile", "demo");
        governance.put("encryption", "aes-256-gcm");
        governance.put("a-first", "x");
        List<Manifest.UnitRecord> units = List.of(
                new Manifest.UnitRecord("db", "dev.cairn.units.db", "0.1.0", "incremental", ID, "succeeded", null,
                        Map.of("page_size", "4096", "journal", "wal")),
                new Manifest.UnitRecord("models", "m", "1", "full", null, "skipped", "no models \"here\"", Map.of()));
        List<Manifest> manifests = List.of(
                manifest(ID, ID, items(), governance, units, List.of("warning: something", "\u00e9")),
                manifest(null, null, List.of(), Map.of(), List.of(), List.of()),
                manifest(null, null, items(), null, null, null));
        for (Manifest m : manifests) {
            byte[] streamed = ManifestCodec.encode(m);
            assertEquals(new String(ManifestCodec.encodeByDataBinding(m), StandardCharsets.UTF_8),
                    new String(streamed, StandardCharsets.UTF_8));
            Manifest withId = m.backupId() == null ? m.withBackupId(ID) : m;
            assertEquals(withId, ManifestCodec.decode(ManifestCodec.encode(withId), "test"));
        }
    }
}
