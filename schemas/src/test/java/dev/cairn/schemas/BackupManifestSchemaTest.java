package dev.cairn.schemas;

import dev.cairn.engine.snapshot.ChunkRef;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.engine.snapshot.Manifest;
import dev.cairn.engine.snapshot.ManifestCodec;
import dev.cairn.engine.snapshot.ManifestItem;
import dev.cairn.engine.snapshot.MerkleRoot;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static dev.cairn.schemas.Samples.assertRejected;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Validates the JSON that the engine's ManifestCodec really writes. */
class BackupManifestSchemaTest {

    private final SchemaValidator validator = SchemaValidator.BACKUP_MANIFEST;

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A manifest with every kind of item and unit outcome, built with the engine's records. */
    static Manifest realManifest() {
        List<ManifestItem> items = List.of(
                new ManifestItem("config", "config", ManifestItem.DIR, 0, null, 0755, 1_764_000_000_000_000_000L, 1_764_000_000_100_000_000L, 11, null, null, null),
                new ManifestItem("config/app.json", "config", ManifestItem.FILE, 17, sha256("{\"debug\": false}\n"), 0644,
                        1_764_000_000_000_000_000L, 1_764_000_000_100_000_000L, 12, null,
                        List.of(new ChunkRef(sha256("{\"debug\": false}\n"), 17)), null),
                new ManifestItem("config/current", "config", ManifestItem.SYMLINK, 0, sha256("app.json"), 0777,
                        1_764_000_000_000_000_000L, -1, -1, "app.json", null, null),
                new ManifestItem("data/app.db", "db", ManifestItem.FILE, 8192, sha256("db"), 0600,
                        1_764_000_000_000_000_000L, 1_764_000_000_100_000_000L, 13, null,
                        List.of(new ChunkRef(sha256("page1"), 4096), new ChunkRef(sha256("page2"), 4096)), null),
                new ManifestItem("logs/app.log", "logs", ManifestItem.FILE, 0, sha256(""), -1,
                        1_764_000_000_000_000_000L, -1, -1, null, List.of(), "c3RhdGU="),
                new ManifestItem("models/weights.bin", "models", ManifestItem.FILE, 1L << 30, sha256("weights"), 0644,
                        1_764_000_000_000_000_000L, 1_764_000_000_100_000_000L, 14, null, null, null, null,
                        List.of(sha256("chunk list 1"), sha256("chunk list 2"))));
        List<Manifest.UnitRecord> units = List.of(
                new Manifest.UnitRecord("config", "dev.cairn.units.config", "0.1.0", "incremental", null, "succeeded", null, Map.of()),
                new Manifest.UnitRecord("db", "dev.cairn.units.db", "0.1.0", "incremental", sha256("parent"), "succeeded", null,
                        Map.of("page_size", "4096", "journal_mode", "wal")),
                new Manifest.UnitRecord("logs", "dev.cairn.units.logs", "0.1.0", "full", null, "failed", "logs/ vanished", Map.of()));
        return new Manifest(Manifest.FORMAT, sha256("snapshot"), "2026-11-25T10:15:30.123456Z", "incremental", sha256("parent"),
                List.of("config", "data/app.db", "logs"), List.of("**/*.tmp"), MerkleRoot.of(items), Manifest.WF_VERSION,
                "0.1.0-SNAPSHOT", "box", "/srv/app", Map.of("profile", "demo", "encryption", "aes-256-gcm"),
                units, items, List.of("logs/app.log.1 changed while being read"));
    }

    private static ObjectNode realManifestJson() throws IOException {
        return (ObjectNode) Samples.MAPPER.readTree(ManifestCodec.encode(realManifest()));
    }

    @Test
    void manifestWrittenByTheCodecIsValid() {
        byte[] json = ManifestCodec.encode(realManifest());
        validator.assertValid(json);
        assertEquals(realManifest(), ManifestCodec.decode(json, "test"));
    }

    @Test
    void minimalManifestIsValid() {
        Manifest empty = new Manifest(Manifest.FORMAT, sha256("s"), "2026-11-25T10:15:30Z", "full", null, null, null,
                MerkleRoot.of(List.of()), null, null, null, null, null, null, null, null);
        validator.assertValid(ManifestCodec.encode(empty));
    }

    @Test
    void badManifestsAreRejectedNamingTheField() throws IOException {
        ObjectNode good = realManifestJson();
        assertRejected(validator, good, m -> m.remove("root_hash"), "root_hash");
        assertRejected(validator, good, m -> m.put("format", 2), "$.format");
        assertRejected(validator, good, m -> m.put("created_utc", "25/11/2026"), "$.created_utc");
        assertRejected(validator, good, m -> m.put("backup_id", "ABC"), "$.backup_id");
        assertRejected(validator, good, m -> item(m, 1).put("type", "fifo"), "$.items[1].type");
        assertRejected(validator, good, m -> item(m, 1).remove("sha256"), "sha256");
        assertRejected(validator, good, m -> item(m, 2).remove("target"), "target");
        assertRejected(validator, good, m -> item(m, 3).put("mode", 070000), "$.items[3].mode");
        assertRejected(validator, good, m -> ((ObjectNode) ((ArrayNode) item(m, 3).get("chunks")).get(1)).put("length", -4),
                "$.items[3].chunks[1].length");
        assertRejected(validator, good, m -> ((ArrayNode) item(m, 5).get("chunk_lists")).set(0, "not an id"), "$.items[5].chunk_lists[0]");
        assertRejected(validator, good, m -> item(m, 5).set("chunks", item(m, 3).get("chunks")), "$.items[5]");
        assertRejected(validator, good, m -> ((ObjectNode) m.get("units").get(2)).put("outcome", "exploded"), "$.units[2].outcome");
        assertRejected(validator, good, m -> m.withObjectProperty("governance").put("retention", 3), "$.governance.retention");
        assertRejected(validator, good, m -> m.put("bogus", true), "bogus");
    }

    private static ObjectNode item(ObjectNode manifest, int i) {
        return (ObjectNode) manifest.get("items").get(i);
    }
}
