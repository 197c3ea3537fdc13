package dev.cairn.schemas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Loads the good samples under {@code samples/} and checks that broken copies of them are rejected. */
final class Samples {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private Samples() {
    }

    /** {@return a fresh, mutable copy of the sample {@code samples/<name>}} */
    static ObjectNode load(String name) {
        try (InputStream in = Samples.class.getClassLoader().getResourceAsStream("samples/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no sample " + name);
            }
            return (ObjectNode) MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Breaks a copy of {@code sample} with {@code breaker} and asserts that {@code validator} rejects it
     * with a problem that names {@code field} (a JSON path such as {@code $.units[0].id} or a property name).
     *
     * @return the problems reported
     */
    static List<String> assertRejected(SchemaValidator validator, ObjectNode sample, Consumer<ObjectNode> breaker, String field) {
        ObjectNode broken = sample.deepCopy();
        breaker.accept(broken);
        List<String> problems = validator.problems(broken);
        assertFalse(problems.isEmpty(), () -> "accepted: " + broken);
        assertTrue(problems.stream().anyMatch(p -> p.contains(field)), () -> "no problem names " + field + ": " + problems);
        return problems;
    }

    /** {@return {@code node} as JSON text} */
    static String text(JsonNode node) {
        return node.toString();
    }
}
