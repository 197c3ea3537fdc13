package dev.cairn.engine.restorer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine cannot depend on the schemas module, so this test reads the schema file from the source
 * tree and checks the rendered document against its field names, required fields, constants and enums
 * (the full validation against the schema runs in the app's SchemaIT).
 */
class RecoveryPlanJsonTest {

    private static final Path SCHEMA = Path.of("../../schemas/src/main/resources/schemas/recovery-plan.schema.json");
    private static final String SNAPSHOT = "ab".repeat(32);
    private static final Instant CREATED = Instant.parse("2026-11-25T10:15:30Z");

    private static JsonNode schema() throws IOException {
        return new ObjectMapper().readTree(Files.readString(SCHEMA));
    }

    private static RecoveryPlan plan(boolean inPlace) {
        return new RecoveryPlan(SNAPSHOT, "/srv/restore", inPlace, List.of("logs", "config"), List.of("config/**"), true, List.of(
                new RecoveryPlan.Entry("config", "config", "dir", 0, RecoveryPlan.Action.UNCHANGED),
                new RecoveryPlan.Entry("config/app.json", "config", "file", 120, RecoveryPlan.Action.REPLACE),
                new RecoveryPlan.Entry("config/current", "config", "symlink", 0, RecoveryPlan.Action.CREATE),
                new RecoveryPlan.Entry("logs/app.log", "logs", "file", 4000, RecoveryPlan.Action.CREATE)));
    }

    private static Set<String> names(JsonNode object) {
        Set<String> out = new HashSet<>();
        object.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static Set<String> strings(JsonNode array) {
        Set<String> out = new HashSet<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** Checks {@code doc} has every required field of {@code def} and no field it does not define. */
    private static void conforms(JsonNode doc, JsonNode def, String where) {
        Set<String> fields = names(doc);
        assertTrue(fields.containsAll(strings(def.path("required"))), where + " lacks a required field: " + fields);
        assertTrue(names(def.get("properties")).containsAll(fields), where + " has a field the schema does not define: " + fields);
    }

    @Test
    void targetRestorePlanHasTheSchemasFields() throws IOException {
        JsonNode schema = schema();
        ObjectNode doc = RecoveryPlanJson.toJson(plan(false), CREATED);
        conforms(doc, schema, "the plan");
        conforms(doc.get("scope"), schema.at("/properties/scope"), "scope");
        conforms(doc.get("summary"), schema.at("/properties/summary"), "summary");
        JsonNode itemDef = schema.at("/$defs/item");
        Set<String> types = strings(itemDef.at("/properties/type/enum"));
        Set<String> actions = strings(itemDef.at("/properties/action/enum"));
        for (JsonNode item : doc.get("items")) {
            conforms(item, itemDef, "item " + item.get("path"));
            assertTrue(types.contains(item.get("type").asText()), item.toString());
            assertTrue(actions.contains(item.get("action").asText()), item.toString());
            assertTrue(item.get("size").canConvertToLong() && item.get("size").asLong() >= 0, item.toString());
        }
        assertEquals(schema.at("/properties/schema/const").asText(), doc.get("schema").asText());
        assertTrue(doc.get("snapshot").asText().matches(schema.at("/properties/snapshot/pattern").asText()));
        assertEquals(CREATED, Instant.parse(doc.get("created_utc").asText()));
        assertEquals("/srv/restore", doc.get("target").asText(), "a target restore names its target");
        assertFalse(doc.get("in_place").asBoolean());
        assertTrue(doc.get("dry_run").asBoolean());
        assertEquals(List.of("config", "logs"), List.of(doc.at("/scope/units/0").asText(), doc.at("/scope/units/1").asText()));
        assertEquals("config/**", doc.at("/scope/paths/0").asText());
        assertEquals(List.of("unchanged", "replace", "create", "create"),
                List.of(doc.at("/items/0/action").asText(), doc.at("/items/1/action").asText(),
                        doc.at("/items/2/action").asText(), doc.at("/items/3/action").asText()));
        JsonNode summary = doc.get("summary");
        assertEquals(2, summary.get("create").asLong());
        assertEquals(1, summary.get("replace").asLong());
        assertEquals(1, summary.get("unchanged").asLong());
        assertEquals(4120, summary.get("bytes").asLong(), "bytes to write leave out unchanged items");
    }

    @Test
    void inPlacePlanHasNoTarget() throws IOException {
        ObjectNode doc = RecoveryPlanJson.toJson(plan(true), CREATED);
        conforms(doc, schema(), "the plan");
        assertTrue(doc.get("in_place").asBoolean());
        assertFalse(doc.has("target"), "the schema forbids a target for an in-place restore");
    }
}
