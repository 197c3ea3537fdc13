package dev.cairn.engine.retention;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Locale;

/**
 * Text and JSON renderings of a {@link RetentionPlan}, for {@code cairn forget [--dry-run] [--json]}.
 * JSON: {@code {"keep": N, "forget": N, "snapshots": [{"id", "created_utc", "units", "strategy",
 * "decision": "keep"|"forget", "reasons": [...]}]}}, newest first.
 */
public final class RetentionRendering {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private RetentionRendering() {
    }

    /** {@return one line per snapshot (decision, short id, time, units, reasons) and a closing count} */
    public static String text(RetentionPlan plan) {
        StringBuilder out = new StringBuilder(String.format("%-6s  %-12s  %-20s  %-20s  %s%n",
                "", "snapshot", "created (UTC)", "units", "reasons"));
        for (RetentionDecision d : plan.decisions()) {
            SnapshotInfo s = d.snapshot();
            out.append(String.format("%-6s  %-12s  %-20s  %-20s  %s%n", d.keep() ? "keep" : "forget",
                    s.id().substring(0, Math.min(12, s.id().length())), s.created().toString(),
                    String.join(",", s.units().stream().sorted().toList()), String.join("; ", d.reasons())));
        }
        out.append(String.format(Locale.ROOT, "%d snapshots kept, %d to forget%n", plan.kept().size(), plan.forgotten().size()));
        return out.toString();
    }

    /** {@return the plan as a JSON object} */
    public static ObjectNode jsonNode(RetentionPlan plan) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("keep", plan.kept().size());
        root.put("forget", plan.forgotten().size());
        ArrayNode snapshots = root.putArray("snapshots");
        for (RetentionDecision d : plan.decisions()) {
            ObjectNode n = snapshots.addObject();
            n.put("id", d.snapshot().id());
            n.put("created_utc", d.snapshot().created().toString());
            ArrayNode units = n.putArray("units");
            d.snapshot().units().stream().sorted().forEach(units::add);
            n.put("strategy", d.snapshot().strategy());
            n.put("decision", d.keep() ? "keep" : "forget");
            ArrayNode reasons = n.putArray("reasons");
            d.reasons().forEach(reasons::add);
        }
        return root;
    }

    /** {@return the plan as indented JSON text} */
    public static String json(RetentionPlan plan) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(jsonNode(plan));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }
}
