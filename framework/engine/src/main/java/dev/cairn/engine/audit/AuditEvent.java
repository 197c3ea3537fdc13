package dev.cairn.engine.audit;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.Objects;

/**
 * An event as recorded in the audit trail.
 *
 * @param seq         position in the chain, from 1
 * @param time        when it was appended (UTC, millisecond precision)
 * @param type        what happened
 * @param actor       who did it
 * @param host        on which machine
 * @param snapshotId  the snapshot concerned, or {@code null}
 * @param summaryJson the summary as canonical JSON (an object, keys sorted, no whitespace)
 * @param hash        the chained hash {@code h_seq} (64 hex)
 */
public record AuditEvent(long seq, Instant time, AuditEventType type, String actor, String host, String snapshotId,
                         String summaryJson, String hash) {

    public AuditEvent {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(summaryJson, "summaryJson");
        Objects.requireNonNull(hash, "hash");
    }

    /** {@return the summary as a JSON tree (a fresh copy)} */
    public JsonNode summary() {
        return SummaryJson.parse(summaryJson);
    }
}
