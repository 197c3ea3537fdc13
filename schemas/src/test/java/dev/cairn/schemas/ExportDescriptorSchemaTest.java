package dev.cairn.schemas;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static dev.cairn.schemas.Samples.assertRejected;

class ExportDescriptorSchemaTest {

    private final SchemaValidator validator = SchemaValidator.EXPORT_DESCRIPTOR;
    private final ObjectNode good = Samples.load("export-descriptor.json");

    private static ObjectNode file(ObjectNode descriptor, int i) {
        return (ObjectNode) descriptor.get("files").get(i);
    }

    @Test
    void sampleDescriptorIsValid() {
        validator.assertValid(Samples.text(good));
    }

    @Test
    void badDescriptorsAreRejectedNamingTheField() {
        assertRejected(validator, good, d -> d.putArray("snapshot_ids"), "$.snapshot_ids");
        assertRejected(validator, good, d -> d.remove("consent_id"), "consent_id");
        assertRejected(validator, good, d -> d.remove("policy_id"), "policy_id");
        assertRejected(validator, good, d -> d.put("destination", "not a uri with spaces"), "$.destination");
        assertRejected(validator, good, d -> d.put("destination", "sftp://backup:secret@host/dir"), "$.destination");
        assertRejected(validator, good, d -> file(d, 1).put("size", -1), "$.files[1].size");
        assertRejected(validator, good, d -> file(d, 0).remove("sha256"), "sha256");
        assertRejected(validator, good, d -> d.put("verified", "true"), "$.verified");
        assertRejected(validator, good, d -> d.remove("verified_utc"), "verified_utc");
        assertRejected(validator, good, d -> d.put("finished_utc", "2026-13-01T00:00:00Z"), "$.finished_utc");
    }
}
