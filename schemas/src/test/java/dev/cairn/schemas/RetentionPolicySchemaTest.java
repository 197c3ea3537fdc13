package dev.cairn.schemas;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.engine.retention.RetentionPolicy;
import dev.cairn.engine.retention.RetentionPolicyParser;
import dev.cairn.framework.CairnException;
import org.junit.jupiter.api.Test;

import java.util.function.Consumer;

import static dev.cairn.schemas.Samples.assertRejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The schema and the engine's parser agree: both accept the good sample and both reject each bad one. */
class RetentionPolicySchemaTest {

    private final SchemaValidator validator = SchemaValidator.RETENTION_POLICY;
    private final ObjectNode good = Samples.load("retention-policy.json");

    @Test
    void samplePolicyIsValidAndParses() {
        validator.assertValid(Samples.text(good));
        RetentionPolicy policy = RetentionPolicyParser.parse(Samples.text(good), "retention-policy.json");
        assertEquals(24, policy.rulesFor("db").hourly());
        assertEquals(7, policy.rulesFor("config").daily());
    }

    private void rejectedByBoth(Consumer<ObjectNode> breaker, String schemaField, String parserField) {
        assertRejected(validator, good, breaker, schemaField);
        ObjectNode broken = good.deepCopy();
        breaker.accept(broken);
        CairnException e = assertThrows(CairnException.class,
                () -> RetentionPolicyParser.parse(Samples.text(broken), "p.json"));
        assertEquals(CairnException.Kind.CONFIG, e.kind());
        assertEquals(true, e.getMessage().contains("field " + parserField), e.getMessage());
    }

    @Test
    void badPoliciesAreRejectedByTheSchemaAndTheParser() {
        rejectedByBoth(p -> p.remove("schema"), "schema", "schema");
        rejectedByBoth(p -> p.withObjectProperty("default").put("keep_dayly", 3), "keep_dayly", "default.keep_dayly");
        rejectedByBoth(p -> p.withObjectProperty("default").put("keep_daily", -1), "$.default.keep_daily", "default.keep_daily");
        rejectedByBoth(p -> p.withObjectProperty("default").put("keep_daily", 1.5), "$.default.keep_daily", "default.keep_daily");
        rejectedByBoth(p -> p.withObjectProperty("units").withObjectProperty("db").put("keep_within", "3w"), "$.units.db.keep_within", "units.db.keep_within");
        rejectedByBoth(p -> p.withObjectProperty("units").withObjectProperty("db").put("keep_within", ""), "$.units.db.keep_within", "units.db.keep_within");
        rejectedByBoth(p -> p.withObjectProperty("units").putObject("logs"), "$.units.logs", "units.logs");
        rejectedByBoth(p -> p.withObjectProperty("units").withObjectProperty("bad unit").put("keep_last", 1), "bad unit", "units.bad unit");
        rejectedByBoth(p -> p.put("keep_last", 1), "keep_last", "keep_last");
    }
}
