package dev.cairn.schemas;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static dev.cairn.schemas.Samples.assertRejected;

class InstallProfileSchemaTest {

    private final SchemaValidator validator = SchemaValidator.INSTALL_PROFILE;
    private final ObjectNode good = Samples.load("install-profile.json");

    private static ObjectNode unit(ObjectNode profile, int i) {
        return (ObjectNode) profile.get("units").get(i);
    }

    @Test
    void sampleProfileIsValid() {
        validator.assertValid(Samples.text(good));
    }

    @Test
    void minimalProfileIsValid() {
        validator.assertValid("{\"schema\":\"cairn-install-profile/1\",\"name\":\"x\",\"install_root\":\".\",\"units\":[]}");
    }

    @Test
    void badProfilesAreRejectedNamingTheField() {
        assertRejected(validator, good, p -> p.put("schema", "cairn-install-profile/2"), "$.schema");
        assertRejected(validator, good, p -> p.remove("install_root"), "install_root");
        assertRejected(validator, good, p -> p.put("install_root", ""), "$.install_root");
        assertRejected(validator, good, p -> p.put("strategy", "no spaces allowed"), "$.strategy");
        assertRejected(validator, good, p -> p.put("exclude", "typo"), "exclude");
        assertRejected(validator, good, p -> unit(p, 0).remove("id"), "id");
        assertRejected(validator, good, p -> unit(p, 1).put("enabled", "yes"), "$.units[1].enabled");
        assertRejected(validator, good, p -> unit(p, 0).withObjectProperty("options").putObject("nested"), "$.units[0].options.nested");
        assertRejected(validator, good, p -> unit(p, 0).withObjectProperty("options").putNull("empty"), "$.units[0].options.empty");
        assertRejected(validator, good, p -> ((ArrayNode) unit(p, 1).get("paths")).add(3), "$.units[1].paths[1]");
        assertRejected(validator, good, p -> unit(p, 2).put("path", "logs"), "path");
    }
}
