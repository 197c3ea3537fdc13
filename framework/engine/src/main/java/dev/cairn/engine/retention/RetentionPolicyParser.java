package dev.cairn.engine.retention;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.framework.CairnException;

import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a retention policy document:
 * <pre>{@code
 * {"schema": "cairn-retention-policy/1",
 *  "default": {"keep_last": 3, "keep_daily": 7, "keep_weekly": 4, "keep_monthly": 12, "keep_within": "2d"},
 *  "units": {"db": {"keep_hourly": 24, "keep_daily": 30}}}
 * }</pre>
 * Every error is a {@link CairnException} of kind CONFIG that names the source and the field
 * ({@code units.db.keep_daily}); unknown fields are errors, so a misspelt rule never silently keeps
 * nothing.
 */
public final class RetentionPolicyParser {

    /** The value of the document's {@code schema} field. */
    public static final String SCHEMA_ID = "cairn-retention-policy/1";
    /** The largest count a rule accepts. */
    public static final int MAX_COUNT = 1_000_000;
    /** Documents larger than this are refused. */
    public static final int MAX_BYTES = 1 << 20;

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final Set<String> ROOT_FIELDS = Set.of("schema", "description", "default", "units");
    private static final Set<String> RULE_FIELDS = Set.of("keep_last", "keep_hourly", "keep_daily", "keep_weekly",
            "keep_monthly", "keep_yearly", "keep_within");
    private static final Pattern UNIT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private RetentionPolicyParser() {
    }

    /**
     * {@return the policy in {@code json}}
     *
     * @param source names the document in errors (a file name)
     * @throws CairnException CONFIG naming the field when the document is malformed or keeps nothing
     */
    public static RetentionPolicy parse(String json, String source) {
        if (json.length() > MAX_BYTES) {
            throw error(source, null, "the document is larger than " + MAX_BYTES + " bytes");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new CairnException(CairnException.Kind.CONFIG, "retention policy " + source + ": not valid JSON"
                    + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr())
                    + ": " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw error(source, null, "the document must be a JSON object");
        }
        unknownFields(root, ROOT_FIELDS, "", source);
        JsonNode schema = root.get("schema");
        if (schema == null) {
            throw error(source, "schema", "is required and must be \"" + SCHEMA_ID + "\"");
        }
        if (!schema.isTextual() || !schema.asText().equals(SCHEMA_ID)) {
            throw error(source, "schema", "must be \"" + SCHEMA_ID + "\", got " + schema);
        }
        JsonNode description = root.get("description");
        if (description != null && !description.isTextual()) {
            throw error(source, "description", "must be a string");
        }
        RetentionRules defaults = root.has("default") ? rules(root.get("default"), "default", source) : RetentionRules.NONE;
        Map<String, RetentionRules> units = new LinkedHashMap<>();
        JsonNode unitsNode = root.get("units");
        if (unitsNode != null) {
            if (!unitsNode.isObject()) {
                throw error(source, "units", "must be an object of unit id -> rules");
            }
            for (Map.Entry<String, JsonNode> e : unitsNode.properties()) {
                String field = "units." + e.getKey();
                if (!UNIT_ID.matcher(e.getKey()).matches()) {
                    throw error(source, field, "is not a unit id (letters, digits, '.', '_', '-'; up to 64)");
                }
                RetentionRules rules = rules(e.getValue(), field, source);
                if (rules.isEmpty()) {
                    throw error(source, field, "keeps nothing: give at least one keep_* rule");
                }
                units.put(e.getKey(), rules);
            }
        }
        RetentionPolicy policy = new RetentionPolicy(defaults, units);
        if (policy.isEmpty()) {
            throw error(source, "default", "the policy keeps nothing: give at least one keep_* rule");
        }
        return policy;
    }

    /** {@return the policy in UTF-8 {@code json}} */
    public static RetentionPolicy parse(byte[] json, String source) {
        if (json.length > MAX_BYTES) {
            throw error(source, null, "the document is larger than " + MAX_BYTES + " bytes");
        }
        return parse(new String(json, StandardCharsets.UTF_8), source);
    }

    private static RetentionRules rules(JsonNode node, String path, String source) {
        if (!node.isObject()) {
            throw error(source, path, "must be an object of keep_* rules");
        }
        unknownFields(node, RULE_FIELDS, path + ".", source);
        KeepWithin within = null;
        JsonNode w = node.get("keep_within");
        if (w != null) {
            if (!w.isTextual()) {
                throw error(source, path + ".keep_within", "must be a string like \"30d\"");
            }
            try {
                within = KeepWithin.parse(w.asText());
            } catch (CairnException e) {
                throw error(source, path + ".keep_within", e.getMessage());
            }
        }
        return new RetentionRules(count(node, "keep_last", path, source), count(node, "keep_hourly", path, source),
                count(node, "keep_daily", path, source), count(node, "keep_weekly", path, source),
                count(node, "keep_monthly", path, source), count(node, "keep_yearly", path, source), within);
    }

    private static int count(JsonNode rules, String name, String path, String source) {
        JsonNode n = rules.get(name);
        if (n == null) {
            return 0;
        }
        if (!n.isIntegralNumber() || n.asLong() < 0 || n.asLong() > MAX_COUNT || !n.canConvertToInt()) {
            throw error(source, path + "." + name, "must be a whole number from 0 to " + MAX_COUNT + ", got " + n);
        }
        return n.asInt();
    }

    private static void unknownFields(JsonNode node, Set<String> allowed, String prefix, String source) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!allowed.contains(name)) {
                throw error(source, prefix + name, "is not a known field (known: " + String.join(", ", allowed.stream().sorted().toList()) + ")");
            }
        }
    }

    private static CairnException error(String source, String field, String problem) {
        return new CairnException(CairnException.Kind.CONFIG, "retention policy " + source
                + (field == null ? "" : ": field " + field) + ": " + problem);
    }
}
