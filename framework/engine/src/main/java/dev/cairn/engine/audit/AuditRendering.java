package dev.cairn.engine.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * Text and JSON renderings of audit events and verification results, for {@code cairn audit log} and
 * {@code cairn audit verify}. The JSON field names are snake_case and stable: {@code seq, time_utc, type,
 * actor, host, snapshot_id, summary, hash} for events; {@code status, events, head, findings[kind, seq,
 * message]} for a verification.
 */
public final class AuditRendering {

    private AuditRendering() {
    }

    /** {@return one line for people: seq, time, type, actor@host, snapshot prefix, summary} */
    public static String text(AuditEvent event) {
        String snapshot = event.snapshotId() == null ? "-"
                : event.snapshotId().substring(0, Math.min(12, event.snapshotId().length()));
        return String.format("%6d  %-24s  %-10s  %-24s  %-12s  %s", event.seq(), event.time(), event.type().wireName(),
                event.actor() + "@" + event.host(), snapshot, event.summaryJson());
    }

    /** {@return a header line and one {@link #text(AuditEvent)} line per event, each ending in a newline} */
    public static String text(List<AuditEvent> events) {
        StringBuilder out = new StringBuilder(String.format("%6s  %-24s  %-10s  %-24s  %-12s  %s%n",
                "seq", "time (UTC)", "type", "actor@host", "snapshot", "summary"));
        for (AuditEvent event : events) {
            out.append(text(event)).append(System.lineSeparator());
        }
        return out.toString();
    }

    /** {@return the event as a JSON object} */
    public static ObjectNode jsonNode(AuditEvent event) {
        ObjectNode node = SummaryJson.MAPPER.createObjectNode();
        node.put("seq", event.seq());
        node.put("time_utc", event.time().toString());
        node.put("type", event.type().wireName());
        node.put("actor", event.actor());
        node.put("host", event.host());
        if (event.snapshotId() == null) {
            node.putNull("snapshot_id");
        } else {
            node.put("snapshot_id", event.snapshotId());
        }
        node.set("summary", event.summary());
        node.put("hash", event.hash());
        return node;
    }

    /** {@return the events as a JSON array, oldest first} */
    public static String json(List<AuditEvent> events) {
        ArrayNode array = SummaryJson.MAPPER.createArrayNode();
        events.forEach(e -> array.add(jsonNode(e)));
        return write(array);
    }

    /** {@return the verdict and every finding, for people} */
    public static String text(AuditVerification verification) {
        StringBuilder out = new StringBuilder();
        out.append(switch (verification.status()) {
            case INTACT -> "audit trail intact";
            case INTERRUPTED_APPEND -> "audit trail intact up to an interrupted append";
            case TAMPERED -> "audit trail TAMPERED or damaged";
        });
        out.append(": ").append(verification.events()).append(" events");
        if (!verification.head().isEmpty()) {
            out.append(", head ").append(verification.head(), 0, 16);
        }
        out.append(System.lineSeparator());
        for (AuditFinding f : verification.findings()) {
            out.append("  ").append(f.kind().wireName());
            if (f.seq() > 0) {
                out.append(" #").append(f.seq());
            }
            out.append(": ").append(f.message()).append(System.lineSeparator());
        }
        return out.toString();
    }

    /** {@return the verification as a JSON object} */
    public static ObjectNode jsonNode(AuditVerification verification) {
        ObjectNode node = SummaryJson.MAPPER.createObjectNode();
        node.put("status", verification.status().name().toLowerCase(java.util.Locale.ROOT));
        node.put("events", verification.events());
        node.put("head", verification.head());
        ArrayNode findings = node.putArray("findings");
        for (AuditFinding f : verification.findings()) {
            ObjectNode fn = findings.addObject();
            fn.put("kind", f.kind().wireName());
            fn.put("seq", f.seq());
            fn.put("message", f.message());
        }
        return node;
    }

    /** {@return the verification as JSON text} */
    public static String json(AuditVerification verification) {
        return write(jsonNode(verification));
    }

    private static String write(Object node) {
        try {
            return SummaryJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }
}
