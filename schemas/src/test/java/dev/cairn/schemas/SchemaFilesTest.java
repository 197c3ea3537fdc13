package dev.cairn.schemas;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SchemaFilesTest {

    @Test
    void everyShippedSchemaIsListedAndNamedAfterItsFile() throws IOException, URISyntaxException {
        Path dir = Path.of(SchemaFilesTest.class.getClassLoader().getResource("schemas").toURI());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(SchemaValidator.SCHEMA_FILES.stream().sorted().toList(),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        for (String file : SchemaValidator.SCHEMA_FILES) {
            JsonNode schema = read(file);
            assertEquals("https://json-schema.org/draft/2020-12/schema", schema.get("$schema").asText(), file);
            assertEquals(SchemaValidator.ID_PREFIX + file, schema.get("$id").asText(), file);
            assertTrue(schema.hasNonNull("description") && schema.hasNonNull("title"), file);
        }
    }

    @Test
    void everySchemaIsAValidDraft202012Schema() throws IOException {
        JsonSchema meta = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
        for (String file : SchemaValidator.SCHEMA_FILES) {
            assertEquals(List.of(), meta.validate(read(file)).stream().map(Object::toString).toList(), file);
            SchemaValidator.of(file);
        }
    }

    @Test
    void textThatIsNotJsonIsReportedAsSuch() {
        assertEquals(1, SchemaValidator.INSTALL_PROFILE.problems("{\"schema\":").size());
        assertTrue(SchemaValidator.INSTALL_PROFILE.problems("{\"schema\":").get(0).startsWith("not valid JSON"));
    }

    private static JsonNode read(String file) throws IOException {
        try (InputStream in = SchemaFilesTest.class.getClassLoader().getResourceAsStream("schemas/" + file)) {
            return Samples.MAPPER.readTree(in);
        }
    }
}
