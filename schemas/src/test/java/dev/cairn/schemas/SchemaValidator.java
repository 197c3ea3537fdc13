package dev.cairn.schemas;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Validates documents against Cairn's JSON Schemas (draft 2020-12, formats asserted), loaded from the
 * class path ({@code schemas/*.schema.json} of the cairn-schemas jar) and never from the network.
 * Reusable from other modules' tests through the cairn-schemas test-jar:
 * <pre>{@code
 * SchemaValidator.INSTALL_PROFILE.assertValid(Files.readString(profile));
 * }</pre>
 * Each problem is reported as {@code $.path.to.field: what is wrong}, so a failure names the field.
 */
public final class SchemaValidator {

    /** The {@code $id} prefix of every Cairn schema; mapped to {@code classpath:schemas/}. */
    public static final String ID_PREFIX = "https://cairn.dev/schemas/";

    /** The file names of every schema the module ships. */
    public static final List<String> SCHEMA_FILES = List.of("backup-manifest.schema.json", "recovery-plan.schema.json",
            "retention-policy.schema.json", "export-descriptor.schema.json", "install-profile.schema.json");

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            builder -> builder.schemaMappers(mappers -> mappers.mapPrefix(ID_PREFIX, "classpath:schemas/")));
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true)
            .pathType(PathType.JSON_PATH)
            .build();

    /** Validates snapshot manifests ({@code ManifestCodec.encode}). */
    public static final SchemaValidator BACKUP_MANIFEST = of("backup-manifest.schema.json");
    /** Validates recovery plans. */
    public static final SchemaValidator RECOVERY_PLAN = of("recovery-plan.schema.json");
    /** Validates retention policies. */
    public static final SchemaValidator RETENTION_POLICY = of("retention-policy.schema.json");
    /** Validates export descriptors. */
    public static final SchemaValidator EXPORT_DESCRIPTOR = of("export-descriptor.schema.json");
    /** Validates install profiles. */
    public static final SchemaValidator INSTALL_PROFILE = of("install-profile.schema.json");

    private final String file;
    private final JsonSchema schema;

    private SchemaValidator(String file, JsonSchema schema) {
        this.file = file;
        this.schema = schema;
    }

    /** {@return a validator for the schema file {@code schemaFile}, e.g. {@code install-profile.schema.json}} */
    public static SchemaValidator of(String schemaFile) {
        JsonSchema schema = FACTORY.getSchema(SchemaLocation.of(ID_PREFIX + schemaFile), CONFIG);
        schema.initializeValidators();
        return new SchemaValidator(schemaFile, schema);
    }

    /** {@return the schema's file name} */
    public String file() {
        return file;
    }

    /** {@return every problem of {@code document}, each naming its field; empty when it is valid} */
    public List<String> problems(JsonNode document) {
        return schema.validate(document).stream().map(ValidationMessage::getMessage).sorted().toList();
    }

    /** {@return every problem of the JSON text {@code json}; a parse error is the only problem of text that is not JSON} */
    public List<String> problems(String json) {
        try {
            return problems(MAPPER.readTree(json));
        } catch (JsonProcessingException e) {
            return List.of("not valid JSON: " + e.getOriginalMessage());
        }
    }

    /** {@return every problem of the UTF-8 JSON {@code json}} */
    public List<String> problems(byte[] json) {
        return problems(new String(json, StandardCharsets.UTF_8));
    }

    /**
     * Checks that {@code json} is valid.
     *
     * @throws AssertionError listing every problem when it is not
     */
    public void assertValid(String json) {
        List<String> problems = problems(json);
        if (!problems.isEmpty()) {
            throw new AssertionError("document does not match " + file + ":\n  " + String.join("\n  ", problems)
                    + "\ndocument: " + (json.length() > 4000 ? json.substring(0, 4000) + "..." : json));
        }
    }

    /** Checks that UTF-8 {@code json} is valid; see {@link #assertValid(String)}. */
    public void assertValid(byte[] json) {
        assertValid(new String(json, StandardCharsets.UTF_8));
    }
}
