package dev.cairn.engine.profile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.framework.CairnException;
import dev.cairn.framework.unit.Item;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads an install profile, checking every field before anything runs: an error names the file and
 * the JSON path of the field ({@code units[1].paths[0]}) and says what was expected. Unknown fields
 * are errors too, so a typo never silently disables a setting.
 */
public final class ProfileReader {

    /** Strict JSON: a repeated key or text after the document is an error, never silently dropped. */
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final Set<String> TOP_FIELDS = Set.of("schema", "name", "install_root", "repository", "strategy", "excludes", "units");
    private static final java.util.regex.Pattern ID = java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Set<String> UNIT_FIELDS = Set.of("id", "enabled", "paths", "excludes", "options");

    private ProfileReader() {
    }

    /**
     * Reads {@code file}; a relative {@code install_root} or {@code repository} is resolved against the file's directory.
     *
     * @throws CairnException NOT_FOUND when the file does not exist, CONFIG when it is malformed
     */
    public static InstallProfile read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new CairnException(CairnException.Kind.NOT_FOUND, "install profile " + file + " does not exist");
        } catch (IOException e) {
            throw new CairnException(CairnException.Kind.IO, "cannot read install profile " + file + ": " + e.getMessage(), e);
        }
        Path base = file.toAbsolutePath().getParent();
        return parse(bytes, file.toString(), base);
    }

    /**
     * Parses a profile document.
     *
     * @param source names the document in errors
     * @param base   the directory relative paths are resolved against
     */
    public static InstallProfile parse(byte[] json, String source, Path base) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new CairnException(CairnException.Kind.CONFIG, source + ": not valid JSON at line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new CairnException(CairnException.Kind.CONFIG, source + ": cannot be read: " + e.getMessage());
        }
        Fields f = new Fields(source);
        if (root == null || !root.isObject()) {
            throw f.error("$", "a JSON object");
        }
        f.noUnknown(root, "$", TOP_FIELDS);
        String schema = f.text(root, "schema", "$.schema", true);
        if (!InstallProfile.SCHEMA.equals(schema)) {
            throw f.error("$.schema", "\"" + InstallProfile.SCHEMA + "\" (found \"" + schema + "\")");
        }
        String name = f.text(root, "name", "$.name", true);
        Path installRoot = base.resolve(f.text(root, "install_root", "$.install_root", true)).normalize();
        String repo = f.text(root, "repository", "$.repository", false);
        String strategy = root.has("strategy") ? f.id(root, "strategy", "$.strategy") : "incremental";
        List<String> excludes = f.strings(root, "excludes", "$.excludes");
        JsonNode unitsNode = root.get("units");
        if (unitsNode == null || !unitsNode.isArray() || unitsNode.isEmpty()) {
            throw f.error("$.units", "a non-empty array of unit entries");
        }
        List<InstallProfile.UnitEntry> units = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < unitsNode.size(); i++) {
            String at = "$.units[" + i + "]";
            JsonNode u = unitsNode.get(i);
            if (!u.isObject()) {
                throw f.error(at, "an object with id and paths");
            }
            f.noUnknown(u, at, UNIT_FIELDS);
            String id = f.id(u, "id", at + ".id");
            if (!seen.add(id)) {
                throw f.error(at + ".id", "a unit id not used before in this profile ('" + id + "' is repeated)");
            }
            boolean enabled = true;
            if (u.has("enabled")) {
                if (!u.get("enabled").isBoolean()) {
                    throw f.error(at + ".enabled", "true or false");
                }
                enabled = u.get("enabled").asBoolean();
            }
            List<String> paths = f.strings(u, "paths", at + ".paths");
            if (paths.isEmpty()) {
                throw f.error(at + ".paths", "a non-empty array of install-relative paths");
            }
            for (int p = 0; p < paths.size(); p++) {
                f.relativePath(paths.get(p), at + ".paths[" + p + "]");
            }
            List<String> unitExcludes = f.strings(u, "excludes", at + ".excludes");
            Map<String, String> options = new TreeMap<>();
            if (u.has("options")) {
                if (!u.get("options").isObject()) {
                    throw f.error(at + ".options", "an object of option names to values");
                }
                flatten(u.get("options"), "", options, f, at + ".options");
            }
            units.add(new InstallProfile.UnitEntry(id, enabled, paths, unitExcludes, options));
        }
        return new InstallProfile(name, installRoot, repo == null ? null : base.resolve(repo).normalize(), strategy, excludes, units);
    }

    private static void flatten(JsonNode node, String prefix, Map<String, String> out, Fields f, String at) {
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
            JsonNode v = e.getValue();
            if (v.isObject()) {
                flatten(v, key, out, f, at + "." + e.getKey());
            } else if (v.isArray()) {
                for (int i = 0; i < v.size(); i++) {
                    if (!v.get(i).isValueNode() || v.get(i).isNull()) {
                        throw f.error(at + "." + e.getKey() + "[" + i + "]", "a string, number or boolean");
                    }
                    out.put(key + "." + i, v.get(i).asText());
                }
            } else if (v.isValueNode() && !v.isNull()) {
                out.put(key, v.asText());
            } else {
                throw f.error(at + "." + e.getKey(), "a string, number, boolean, array or object");
            }
        }
    }

    /** Typed field access that names the field on every error. */
    private record Fields(String source) {

        CairnException error(String at, String expected) {
            return new CairnException(CairnException.Kind.CONFIG, source + ": field " + at + ": expected " + expected);
        }

        void noUnknown(JsonNode obj, String at, Set<String> known) {
            obj.fieldNames().forEachRemaining(n -> {
                if (!known.contains(n)) {
                    throw new CairnException(CairnException.Kind.CONFIG, source + ": field " + at + "." + n
                            + " is not a known field (known: " + String.join(", ", new java.util.TreeSet<>(known)) + ")");
                }
            });
        }

        String text(JsonNode obj, String name, String at, boolean required) {
            JsonNode v = obj.get(name);
            if (v == null || v.isNull()) {
                if (required) {
                    throw error(at, "a string (the field is required)");
                }
                return null;
            }
            if (!v.isTextual() || v.asText().isBlank()) {
                throw error(at, "a non-empty string");
            }
            return v.asText();
        }

        /** A provider id, as the schema's {@code $defs/id} allows. */
        String id(JsonNode obj, String name, String at) {
            String id = text(obj, name, at, true);
            if (!ID.matcher(id).matches()) {
                throw error(at, "an id of letters, digits, '.', '_' and '-' starting with a letter or digit, at most 64 long (found '"
                        + id + "')");
            }
            return id;
        }

        List<String> strings(JsonNode obj, String name, String at) {
            JsonNode v = obj.get(name);
            if (v == null) {
                return List.of();
            }
            if (!v.isArray()) {
                throw error(at, "an array of strings");
            }
            List<String> out = new ArrayList<>();
            for (int i = 0; i < v.size(); i++) {
                if (!v.get(i).isTextual() || v.get(i).asText().isBlank()) {
                    throw error(at + "[" + i + "]", "a non-empty string");
                }
                out.add(v.get(i).asText());
            }
            return out;
        }

        void relativePath(String path, String at) {
            String clean = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
            try {
                Item.checkPath(clean);
            } catch (IllegalArgumentException e) {
                throw error(at, "an install-relative path without '..' or a leading '/' (found '" + path + "')");
            }
        }
    }
}
