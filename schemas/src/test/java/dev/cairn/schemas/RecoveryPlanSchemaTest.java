package dev.cairn.schemas;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static dev.cairn.schemas.Samples.assertRejected;

class RecoveryPlanSchemaTest {

    private final SchemaValidator validator = SchemaValidator.RECOVERY_PLAN;
    private final ObjectNode toTarget = Samples.load("recovery-plan-target.json");
    private final ObjectNode inPlace = Samples.load("recovery-plan-in-place.json");

    private static ObjectNode item(ObjectNode plan, int i) {
        return (ObjectNode) plan.get("items").get(i);
    }

    @Test
    void samplePlansAreValid() {
        validator.assertValid(Samples.text(toTarget));
        validator.assertValid(Samples.text(inPlace));
    }

    @Test
    void badPlansAreRejectedNamingTheField() {
        assertRejected(validator, toTarget, p -> p.remove("target"), "target");
        assertRejected(validator, inPlace, p -> p.put("target", "/somewhere"), "$");
        assertRejected(validator, toTarget, p -> p.put("snapshot", "latest"), "$.snapshot");
        assertRejected(validator, toTarget, p -> p.remove("dry_run"), "dry_run");
        assertRejected(validator, toTarget, p -> item(p, 1).put("action", "delete"), "$.items[1].action");
        assertRejected(validator, toTarget, p -> item(p, 1).put("sha256", "XYZ"), "$.items[1].sha256");
        assertRejected(validator, toTarget, p -> item(p, 0).remove("unit"), "unit");
        assertRejected(validator, toTarget, p -> p.withObjectProperty("scope").remove("paths"), "paths");
        assertRejected(validator, toTarget, p -> p.put("created_utc", "yesterday"), "$.created_utc");
    }
}
