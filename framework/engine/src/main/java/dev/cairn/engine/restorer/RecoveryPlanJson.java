package dev.cairn.engine.restorer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.Locale;

/** Renders a {@link RecoveryPlan} as the document of {@code schemas/recovery-plan.schema.json}. */
public final class RecoveryPlanJson {

    /** The schema id a plan document declares. */
    public static final String SCHEMA = "cairn-recovery-plan/1";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private RecoveryPlanJson() {
    }

    /** {@return the plan as a JSON tree} */
    public static ObjectNode toJson(RecoveryPlan plan, Instant created) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("schema", SCHEMA);
        root.put("snapshot", plan.snapshot());
        root.put("created_utc", created.toString());
        ObjectNode scope = root.putObject("scope");
        ArrayNode units = scope.putArray("units");
        plan.units().stream().sorted().forEach(units::add);
        ArrayNode paths = scope.putArray("paths");
        plan.paths().forEach(paths::add);
        if (!plan.inPlace()) {
            root.put("target", plan.root());
        }
        root.put("in_place", plan.inPlace());
        root.put("dry_run", plan.dryRun());
        ArrayNode items = root.putArray("items");
        long create = 0;
        long replace = 0;
        long unchanged = 0;
        long bytes = 0;
        for (RecoveryPlan.Entry e : plan.items()) {
            ObjectNode item = items.addObject();
            item.put("path", e.path());
            item.put("unit", e.unit());
            item.put("type", e.type());
            item.put("action", e.action().name().toLowerCase(Locale.ROOT));
            item.put("size", e.size());
            switch (e.action()) {
                case CREATE -> create++;
                case REPLACE -> replace++;
                case UNCHANGED -> unchanged++;
            }
            if (e.action() != RecoveryPlan.Action.UNCHANGED) {
                bytes += e.size();
            }
        }
        ObjectNode summary = root.putObject("summary");
        summary.put("create", create);
        summary.put("replace", replace);
        summary.put("unchanged", unchanged);
        summary.put("bytes", bytes);
        return root;
    }
}
