package dev.cairn.engine.repository.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.engine.repository.RepositoryException;
import dev.cairn.framework.CairnException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Base64;

/** Small JSON files of the repository (config, key slots, locks), read as hostile input. */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper();
    /** Config, key slot and lock files are refused above this size. */
    static final int MAX_SMALL_FILE = 64 << 10;

    private Json() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(node);
        } catch (IOException e) {
            throw new CairnException(CairnException.Kind.INTERNAL, "cannot encode JSON", e);
        }
    }

    /** Reads a small file; {@return its bytes} @throws NoSuchFileException when absent */
    static byte[] readSmall(Path file, String where) throws IOException {
        long size = Files.size(file);
        if (size > MAX_SMALL_FILE) {
            throw RepositoryException.corrupt("file of " + size + " bytes exceeds the limit " + MAX_SMALL_FILE, where);
        }
        return Files.readAllBytes(file);
    }

    static JsonNode parse(byte[] bytes, String where) {
        if (bytes.length > MAX_SMALL_FILE) {
            throw RepositoryException.corrupt("file of " + bytes.length + " bytes exceeds the limit " + MAX_SMALL_FILE, where);
        }
        try {
            JsonNode node = MAPPER.readTree(bytes);
            if (node == null || !node.isObject()) {
                throw RepositoryException.corrupt("not a JSON object", where);
            }
            return node;
        } catch (IOException e) {
            throw new RepositoryException(CairnException.Kind.CORRUPT, "not valid JSON: " + e.getMessage(), where, e);
        }
    }

    static String text(JsonNode node, String field, String where) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual()) {
            throw RepositoryException.corrupt("field '" + field + "' is missing or not a string", where);
        }
        return v.asText();
    }

    static long number(JsonNode node, String field, long min, long max, String where) {
        JsonNode v = node.get(field);
        if (v == null || !v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < min || v.asLong() > max) {
            throw RepositoryException.corrupt("field '" + field + "' is missing or not an integer in " + min + ".." + max, where);
        }
        return v.asLong();
    }

    static boolean bool(JsonNode node, String field, String where) {
        JsonNode v = node.get(field);
        if (v == null || !v.isBoolean()) {
            throw RepositoryException.corrupt("field '" + field + "' is missing or not a boolean", where);
        }
        return v.asBoolean();
    }

    static byte[] base64(JsonNode node, String field, int minLength, int maxLength, String where) {
        String s = text(node, field, where);
        if (s.length() > (maxLength + 2) / 3 * 4) {
            throw RepositoryException.corrupt("field '" + field + "' is too long", where);
        }
        byte[] b;
        try {
            b = Base64.getDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            throw RepositoryException.corrupt("field '" + field + "' is not base64", where);
        }
        if (b.length < minLength || b.length > maxLength) {
            throw RepositoryException.corrupt("field '" + field + "' has " + b.length + " bytes, expected " + minLength + ".." + maxLength, where);
        }
        return b;
    }

    static byte[] hexId(JsonNode node, String field, String where) {
        String s = text(node, field, where);
        if (!Hex.isId(s)) {
            throw RepositoryException.corrupt("field '" + field + "' is not 64 lower-case hex characters", where);
        }
        return Hex.id(s);
    }
}
