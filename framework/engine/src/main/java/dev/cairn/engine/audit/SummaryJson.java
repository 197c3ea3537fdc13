package dev.cairn.engine.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.framework.CairnException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** Canonical JSON for event summaries: an object, keys sorted at every level, no whitespace. */
final class SummaryJson {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private SummaryJson() {
    }

    /**
     * {@return the canonical JSON text of {@code summary}}
     *
     * @throws CairnException CONFIG when a value cannot be written as JSON
     */
    static String canonical(Map<String, ?> summary) {
        try {
            JsonNode tree = MAPPER.valueToTree(summary);
            return MAPPER.writeValueAsString(sorted(tree));
        } catch (IllegalArgumentException | JsonProcessingException e) {
            throw new CairnException(CairnException.Kind.CONFIG, "audit summary cannot be written as JSON: " + e.getMessage(), e);
        }
    }

    /**
     * {@return the JSON tree of stored summary text}
     *
     * @throws CairnException CORRUPT when the text is not a JSON object
     */
    static JsonNode parse(String json) {
        try {
            JsonNode node = MAPPER.readTree(json);
            if (node == null || !node.isObject()) {
                throw new CairnException(CairnException.Kind.CORRUPT, "audit summary is not a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new CairnException(CairnException.Kind.CORRUPT, "audit summary is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            Collections.sort(names);
            ObjectNode out = MAPPER.createObjectNode();
            for (String name : names) {
                out.set(name, sorted(node.get(name)));
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = MAPPER.createArrayNode();
            node.forEach(element -> out.add(sorted(element)));
            return out;
        }
        return node;
    }
}
